/**
 * Assessment test cases cut from the corpus: one-word clips, as a learner would record them.
 *
 * From each clean (un-augmented) utterance of the chosen voice families, every word that belongs to a
 * minimal pair or carries a deliberate variant is cut out at its synthesiser word boundaries and padded
 * with 0.3 s of faint noise on each side. Cases:
 * - `native`: a word said as written, assessed against itself (every phone should pass);
 * - `substitution`: the partner word of a minimal pair assessed against the target ("tree" audio for
 *   "three"), or a variant that swaps one phone, assessed against the word — the differing phone is
 *   the one to catch, and `said` is what the diagnosis should name;
 * - `epenthesis`: a word said with an added final vowel, assessed against the word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { createLexicon } from '../../src/assess/lexicon';
import { decodeWav } from '../../src/audio/wav';
import type { Phone } from '../../src/model/phones';
import { loadMinimalPairs, loadRecipe } from '../corpus/recipe';
import { readIndex, type IndexEntry } from '../corpus/shards';

export type CaseKind = 'native' | 'substitution' | 'epenthesis';

export interface AssessCase {
  readonly id: string;
  readonly kind: CaseKind;
  readonly family: string;
  readonly voice: string;
  /** Contrast tag (e.g. "TH/T", "final-vowel"); null for native words outside any pair. */
  readonly contrast: string | null;
  /** The text assessed against (one word). */
  readonly text: string;
  /** Its pronunciations (CMUdict, stress removed). */
  readonly pronunciations: readonly (readonly string[])[];
  /** Substitution: where the expected phone is (in `pronunciations[0]`), and what was said instead. */
  readonly target?: { readonly position: number; readonly expected: Phone; readonly said: Phone };
  /** Epenthesis: the consonant the added vowel follows. */
  readonly after?: Phone;
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

const PAD_SECONDS = 0.3;
const NOISE_AMPLITUDE = 0.0005;

function padded(samples: Float32Array, rate: number, start: number, end: number, seed: number): Float32Array {
  const pad = Math.round(PAD_SECONDS * rate);
  const from = Math.max(0, Math.floor(start * rate));
  const to = Math.min(samples.length, Math.ceil(end * rate));
  const out = new Float32Array(to - from + 2 * pad);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = NOISE_AMPLITUDE * (s / 2 ** 31 - 1);
  }
  for (let i = from; i < to; i++) out[pad + i - from] += samples[i];
  return out;
}

/** Positions where two pronunciations of equal length differ. */
function differences(a: readonly string[], b: readonly string[]): number[] {
  if (a.length !== b.length) return [];
  return a.map((p, i) => (p === b[i] ? -1 : i)).filter((i) => i >= 0);
}

export interface CaseOptions {
  readonly families: readonly string[];
  /** At most this many source utterances per family (spread evenly), for quick runs. */
  readonly maxUtterancesPerFamily?: number;
}

/** Builds the cases of the given families from the corpus in `corpusDir`. */
export function buildCases(corpusDir: string, options: CaseOptions): AssessCase[] {
  const recipe = loadRecipe();
  const pairs = loadMinimalPairs(recipe);
  const contrastOf = new Map<string, string>();
  const partners = new Map<string, { partner: string; contrast: string }[]>();
  for (const pair of pairs) {
    for (const word of pair.words) contrastOf.set(word, pair.contrast);
    if (pair.words.length === 2) {
      const [a, b] = pair.words;
      partners.set(a, [...(partners.get(a) ?? []), { partner: b, contrast: pair.contrast }]);
      partners.set(b, [...(partners.get(b) ?? []), { partner: a, contrast: pair.contrast }]);
    }
  }
  const lexicon = createLexicon(dictionary);

  let entries = readIndex(corpusDir).filter((e) => e.copy === 0 && options.families.includes(e.family) && (e.set === 'pair' || e.set === 'variant'));
  if (options.maxUtterancesPerFamily) {
    const limit = options.maxUtterancesPerFamily;
    entries = options.families.flatMap((family) => {
      const mine = entries.filter((e) => e.family === family);
      const step = Math.max(1, mine.length / limit);
      return mine.filter((_, i) => Math.floor(i % step) === 0).slice(0, limit);
    });
  }

  const cases: AssessCase[] = [];
  const audioCache = new Map<string, { samples: Float32Array; sampleRateHz: number }>();
  const audioOf = (entry: IndexEntry) => {
    let audio = audioCache.get(entry.audio);
    if (!audio) {
      audio = decodeWav(readFileSync(join(corpusDir, entry.audio)));
      audioCache.clear();
      audioCache.set(entry.audio, audio);
    }
    return audio;
  };

  for (const entry of entries) {
    entry.words.forEach((word, w) => {
      const pairContrast = contrastOf.get(word.word) ?? null;
      const variant = entry.variant && entry.variant.word === w ? entry.variant : null;
      if (!pairContrast && !variant) return;
      const { samples, sampleRateHz } = audioOf(entry);
      const clip = padded(samples, sampleRateHz, word.start, word.end, entry.id.length * 7919 + w);
      const base = { family: entry.family, voice: entry.voice, samples: clip, sampleRateHz };
      const id = `${entry.id}-w${w}`;
      if (variant?.kind === 'substitution') {
        cases.push({ ...base, id, kind: 'substitution', contrast: variant.contrast, text: word.word, pronunciations: [word.expected[0]], target: { position: variant.index, expected: variant.expected, said: variant.said } });
        return;
      }
      if (variant?.kind === 'epenthesis') {
        cases.push({ ...base, id, kind: 'epenthesis', contrast: 'final-vowel', text: word.word, pronunciations: word.expected, after: variant.after });
        return;
      }
      // Said as written: a native case, and a substitution case against each minimal-pair partner.
      cases.push({ ...base, id, kind: 'native', contrast: pairContrast, text: word.word, pronunciations: word.expected });
      for (const { partner, contrast } of partners.get(word.word) ?? []) {
        const partnerPron = lexicon.has(partner) ? lexicon.pronunciations(partner)[0] : undefined;
        const saidPron = word.said;
        if (!partnerPron) continue;
        const diff = differences(partnerPron, saidPron);
        if (diff.length !== 1) continue;
        const position = diff[0];
        cases.push({
          ...base,
          id: `${id}-as-${partner}`,
          kind: 'substitution',
          contrast,
          text: partner,
          pronunciations: [partnerPron],
          target: { position, expected: partnerPron[position] as Phone, said: saidPron[position] },
        });
      }
    });
  }
  return cases;
}
