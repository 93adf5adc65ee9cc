/**
 * The deliberate mispronunciations Brazilian learners of English make, as rewrites of a CMUdict
 * pronunciation (with stress digits). Each returns the pronunciation actually spoken and a `Variant`
 * that records what was expected and what was said.
 */
import { isVowel, type Phone } from '../../src/model/phones';
import type { Contrast, Variant } from './types';

/** ARPAbet without the stress digit. */
export function bare(phone: string): Phone {
  return phone.replace(/[0-2]$/, '') as Phone;
}

/** Stress digit of a vowel (0 for consonants). */
export function stressOf(phone: string): number {
  const m = /([0-2])$/.exec(phone);
  return m ? Number(m[1]) : 0;
}

/** A pronunciation without stress digits. */
export function bareAll(pron: readonly string[]): Phone[] {
  return pron.map(bare);
}

interface Rule {
  readonly contrast: Contrast;
  readonly from: Phone;
  readonly to: Phone;
  /** Extra condition on the site. */
  readonly when?: (pron: readonly string[], i: number) => boolean;
}

const nextIsHighFront = (pron: readonly string[], i: number) => i + 1 < pron.length && ['IY', 'IH'].includes(bare(pron[i + 1]));

/** Substitutions, expected → said. */
export const SUBSTITUTIONS: readonly Rule[] = [
  { contrast: 'TH/T', from: 'TH', to: 'T' },
  { contrast: 'TH/F', from: 'TH', to: 'F' },
  { contrast: 'TH/S', from: 'TH', to: 'S' },
  { contrast: 'DH/D', from: 'DH', to: 'D' },
  { contrast: 'DH/Z', from: 'DH', to: 'Z' },
  { contrast: 'IH/IY', from: 'IH', to: 'IY' },
  { contrast: 'IH/IY', from: 'IY', to: 'IH' },
  { contrast: 'AE/EH', from: 'AE', to: 'EH' },
  { contrast: 'UH/UW', from: 'UH', to: 'UW' },
  { contrast: 'UH/UW', from: 'UW', to: 'UH' },
  // Only the stressed vowel: unstressed AH is the schwa.
  { contrast: 'AH/AA', from: 'AH', to: 'AA', when: (p, i) => stressOf(p[i]) > 0 },
  // Brazilian word-initial r (as in "rato") sounds like [h].
  { contrast: 'R/HH', from: 'R', to: 'HH', when: (_p, i) => i === 0 },
  { contrast: 'T/CH', from: 'T', to: 'CH', when: nextIsHighFront },
  { contrast: 'D/JH', from: 'D', to: 'JH', when: nextIsHighFront },
];

/** Word-final consonants after which learners add a vowel ("big" → B IH G IY). */
export const EPENTHESIS_AFTER: ReadonlySet<Phone> = new Set<Phone>(['B', 'D', 'G', 'K', 'P', 'T', 'CH', 'JH', 'F', 'V', 'TH', 'DH', 'SH']);

/** A variant of one word: the pronunciation said and the record of it (word index filled by the caller). */
export interface WordVariant {
  readonly spoken: readonly string[];
  readonly variant: Variant;
}

/** Every variant the rules allow for a pronunciation (with stress digits); `word` is its index in the utterance. */
export function variantsOf(pron: readonly string[], word: number, contrast?: Contrast): WordVariant[] {
  const out: WordVariant[] = [];
  pron.forEach((phone, i) => {
    for (const rule of SUBSTITUTIONS) {
      if (contrast && rule.contrast !== contrast) continue;
      if (bare(phone) !== rule.from || (rule.when && !rule.when(pron, i))) continue;
      const digit = isVowel(rule.to) ? String(stressOf(phone)) : '';
      const spoken = pron.map((p, k) => (k === i ? rule.to + digit : p));
      out.push({ spoken, variant: { kind: 'substitution', contrast: rule.contrast, word, index: i, expected: rule.from, said: rule.to } });
    }
  });
  const last = bare(pron[pron.length - 1]);
  if ((!contrast || contrast === 'final-vowel') && EPENTHESIS_AFTER.has(last)) {
    out.push({ spoken: [...pron, 'IY0'], variant: { kind: 'epenthesis', contrast: 'final-vowel', word, after: last, vowel: 'IY' } });
  }
  return out;
}

/** The contrasts a pronunciation touches (for tagging correct renderings). */
export function contrastsOf(pron: readonly string[]): Contrast[] {
  return [...new Set(variantsOf(pron, 0).map((v) => v.variant.contrast))];
}

/**
 * Syllables of a pronunciation for a festival lexicon entry: one per vowel; a single consonant
 * between vowels opens the next syllable, a cluster leaves its first consonant in the coda.
 */
export function syllabify(pron: readonly string[]): { phones: string[]; stress: number }[] {
  const vowels = pron.map((p, i) => (isVowel(bare(p)) ? i : -1)).filter((i) => i >= 0);
  if (vowels.length === 0) return [{ phones: [...pron], stress: 0 }];
  const starts = [0];
  for (let v = 1; v < vowels.length; v++) {
    const gap = vowels[v] - vowels[v - 1] - 1;
    starts.push(gap <= 1 ? vowels[v] - gap : vowels[v - 1] + 2);
  }
  return starts.map((start, s) => {
    const end = s + 1 < starts.length ? starts[s + 1] : pron.length;
    return { phones: pron.slice(start, end), stress: stressOf(pron[vowels[s]]) === 1 ? 1 : 0 };
  });
}
