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

const VOWELS = new Set(['AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW']);

/** Native variants outside General American that are accepted, not flagged: British "zed". */
const WORD_VARIANTS: Readonly<Record<string, readonly Pronunciation[]>> = { z: [['Z', 'EH', 'D']] };

/**
 * Native British pronunciations accepted beside CMUdict's General American ones (CONTRACTS.md): the
 * non-rhotic R (an R after a vowel and not before one is dropped: "car" K AA, "horse" HH AO S) and a
 * word-final ER said as AH ("letter" L EH T AH). Returns the variants that differ from `pron`.
 */
export function accentVariants(pron: Pronunciation): Pronunciation[] {
  const nonRhotic = pron.filter((p, i) => !(p === 'R' && i > 0 && VOWELS.has(pron[i - 1]) && !VOWELS.has(pron[i + 1] ?? '')));
  const last = nonRhotic.length - 1;
  const finalSchwa = last >= 0 && nonRhotic[last] === 'ER' ? [...nonRhotic.slice(0, last), 'AH'] : nonRhotic;
  const out: Pronunciation[] = [];
  for (const v of [nonRhotic, finalSchwa]) {
    if (v.length > 0 && v.join(' ') !== pron.join(' ') && !out.some((o) => o.join(' ') === v.join(' '))) out.push(v);
  }
  return out;
}

/** A word's pronunciations with the accepted native variants appended (distinct, the given ones first). */
export function withAccentVariants(word: string, prons: readonly Pronunciation[]): Pronunciation[] {
  const out: Pronunciation[] = [...prons];
  const seen = new Set(prons.map((p) => p.join(' ')));
  for (const v of [...prons.flatMap(accentVariants), ...(WORD_VARIANTS[word] ?? [])]) {
    const key = v.join(' ');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}
