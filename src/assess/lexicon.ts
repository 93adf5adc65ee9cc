import { AssessError } from './errors';

/** A pronunciation: ARPAbet phones without stress digits, e.g. ['TH', 'R', 'IY']. */
export type Pronunciation = readonly string[];

/** Looks up every pronunciation of a word. */
export interface Lexicon {
  /** All pronunciations of `word` (already normalised by `splitWords`); throws UNKNOWN_WORD. */
  pronunciations(word: string): Pronunciation[];
  has(word: string): boolean;
}

/**
 * Words of a text as docs/CONTRACTS.md defines them: lower-cased, split on whitespace, punctuation stripped
 * except apostrophes.
 */
export function splitWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}']/gu, ''))
    .filter((w) => w.length > 0 && w !== "'");
}

/** Parses "TH R IY1" into ['TH', 'R', 'IY']. */
export function parsePhones(phones: string): string[] {
  return phones
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.replace(/[0-2]$/, '').toUpperCase());
}

/**
 * A lexicon over a CMUdict-style map (`word` and `word(2)`… → "TH R IY1"), e.g. the npm
 * `cmu-pronouncing-dictionary` package's `dictionary` (loaded lazily by the app: it is 4.7 MB).
 */
export function createLexicon(entries: Readonly<Record<string, string>>): Lexicon {
  const cache = new Map<string, Pronunciation[]>();
  function lookup(word: string): Pronunciation[] {
    let found = cache.get(word);
    if (found) return found;
    found = [];
    // An apostrophe used as a quote mark ("'three'") is not part of the word.
    const key = entries[word] === undefined ? word.replace(/^'+|'+$/g, '') : word;
    const first = entries[key];
    if (first !== undefined) {
      found.push(parsePhones(first));
      for (let n = 2; ; n++) {
        const next = entries[`${key}(${n})`];
        if (next === undefined) break;
        found.push(parsePhones(next));
      }
    }
    // Distinct pronunciations only (stress removal can make two entries equal).
    const seen = new Set<string>();
    found = found.filter((p) => !seen.has(p.join(' ')) && seen.add(p.join(' ')) !== undefined);
    cache.set(word, found);
    return found;
  }
  return {
    has: (word) => lookup(word).length > 0,
    pronunciations(word) {
      const found = lookup(word);
      if (found.length === 0) {
        throw new AssessError('UNKNOWN_WORD', `The word "${word}" is not in the pronouncing dictionary, so there is nothing to compare with. Check the spelling or choose another word.`, { word });
      }
      return found;
    },
  };
}
