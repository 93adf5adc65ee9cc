import { dictionary } from 'cmu-pronouncing-dictionary';
import { describe, expect, it } from 'vitest';
import { AssessError } from './errors';
import { createLexicon, parsePhones, splitWords } from './lexicon';

describe('splitWords', () => {
  it('lower-cases, splits on whitespace and strips punctuation except apostrophes', () => {
    expect(splitWords('  Three, TREES!\n"don\'t"  go. ')).toEqual(['three', 'trees', "don't", 'go']);
    expect(splitWords('...  ?')).toEqual([]);
    expect(splitWords("it’s 'em")).toEqual(["it's", "'em"]);
  });
});

describe('createLexicon', () => {
  const lexicon = createLexicon(dictionary);

  it('gives every pronunciation without stress digits', () => {
    expect(lexicon.pronunciations('three')).toEqual([['TH', 'R', 'IY']]);
    expect(lexicon.pronunciations("'three'")).toEqual([['TH', 'R', 'IY']]);
    expect(lexicon.pronunciations("'em")).toEqual([['AH', 'M']]);
    const tomato = lexicon.pronunciations('tomato').map((p) => p.join(' '));
    expect(tomato).toEqual(['T AH M EY T OW', 'T AH M AA T OW']);
  });

  it('names the unknown word in a typed error', () => {
    try {
      lexicon.pronunciations('blorptastic');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AssessError);
      expect((error as AssessError).code).toBe('UNKNOWN_WORD');
      expect((error as AssessError).message).toContain('blorptastic');
    }
  });

  it('parses phone strings', () => {
    expect(parsePhones(' th r iy1 ')).toEqual(['TH', 'R', 'IY']);
  });
});

describe('accepted native variants', () => {
  it('accepts a non-rhotic R after a vowel and a final ER as AH, but keeps R before a vowel', async () => {
    const { accentVariants, withAccentVariants } = await import('./lexicon');
    expect(accentVariants(['K', 'AA', 'R'])).toEqual([['K', 'AA']]);
    expect(accentVariants(['HH', 'AO', 'R', 'S'])).toEqual([['HH', 'AO', 'S']]);
    expect(accentVariants(['L', 'EH', 'T', 'ER'])).toEqual([['L', 'EH', 'T', 'AH']]);
    expect(accentVariants(['R', 'EH', 'D'])).toEqual([]);
    expect(accentVariants(['V', 'EH', 'R', 'IY'])).toEqual([]);
    expect(withAccentVariants('z', [['Z', 'IY']])).toEqual([['Z', 'IY'], ['Z', 'EH', 'D']]);
    expect(withAccentVariants('three', [['TH', 'R', 'IY']])).toEqual([['TH', 'R', 'IY']]);
  });
});
