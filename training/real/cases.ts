/**
 * Real-speech evaluation cases (CONTRACTS.md splits): each real recording assessed against its own
 * transcript (`native`: every phone should pass), and against a real word that differs from one of its
 * words in one phone along a Brazilian pattern (`substitution`: "thing" on the audio of "sing", "tip"
 * on "chip"), generated from CMUdict over the recorded vocabulary. The pattern list is the contrast
 * check's own (`CONTRAST_PARTNERS`): T holds the target phone where W holds a partner the learner says
 * in its place. Both words must be unambiguous there: every pronunciation of W has the said phone at
 * that position, and every pronunciation of T the target phone, with the rest identical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { MAX_ASSESS_SECONDS } from '../../src/assess/assess';
import { splitWords, type Lexicon } from '../../src/assess/lexicon';
import { CONTRAST_PARTNERS } from '../../src/assess/score';
import { decodeWav } from '../../src/audio/wav';
import type { Phone } from '../../src/model/phones';
import { loadRecipe, loadWords } from '../corpus/recipe';
import { readExtraLexicon } from './lexicon';
import type { RealFamily, RealSplit } from './split';
import type { RealIndexEntry } from './types';

export interface RealCase {
  readonly id: string;
  readonly kind: 'native' | 'substitution';
  readonly family: RealFamily;
  readonly split: RealSplit;
  readonly accent: 'us' | 'gb';
  /** The recording's own words. */
  readonly spoken: string;
  /** The text assessed against. */
  readonly text: string;
  /** Judged as a minimal pair against this text (the practice screen's pair path), when set. */
  readonly partner?: string;
  /** Substitution: which word, where in it, the pattern `TARGET>SAID`. */
  readonly target?: { readonly word: number; readonly position: number; readonly expected: Phone; readonly said: Phone; readonly pattern: string; readonly partner: string };
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

/** Pronunciation → words, over CMUdict's entries (stress removed) and the extra lexicon. */
function homophoneIndex(lexicon: Lexicon, vocabulary: readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const word of vocabulary) {
    if (!lexicon.has(word)) continue;
    for (const p of lexicon.pronunciations(word)) {
      const key = p.join(' ');
      const list = index.get(key) ?? [];
      if (!list.includes(word)) list.push(word);
      index.set(key, list);
    }
  }
  return index;
}

/** The words T may be: the corpus recipe's frequent words first, then the rest of CMUdict and the extra lexicon. */
export function candidateVocabulary(): string[] {
  return [...new Set([...loadWords(loadRecipe()), ...Object.keys(dictionary).filter((k) => !k.includes('(')), ...Object.keys(readExtraLexicon())])];
}

/** Partner words T of a recorded word W along the Brazilian patterns: [{T, position, expected, said}]. */
export function substitutionsFor(word: string, lexicon: Lexicon, index: Map<string, string[]>, allowed: ReadonlySet<string>): { partner: string; position: number; expected: Phone; said: Phone }[] {
  if (!lexicon.has(word)) return [];
  const prons = lexicon.pronunciations(word);
  const first = prons[0];
  const out: { partner: string; position: number; expected: Phone; said: Phone }[] = [];
  for (let i = 0; i < first.length; i++) {
    const said = first[i] as Phone;
    if (!prons.every((p) => p.length === first.length && p[i] === said)) continue;
    for (const [target, partners] of Object.entries(CONTRAST_PARTNERS) as [Phone, readonly Phone[]][]) {
      if (!partners.includes(said)) continue;
      const candidate = [...first];
      candidate[i] = target;
      for (const t of index.get(candidate.join(' ')) ?? []) {
        if (t === word || !allowed.has(t)) continue;
        const tp = lexicon.pronunciations(t);
        // Every pronunciation of T has the target there (the rest may vary only where W's do not matter).
        if (!tp.every((p) => p.length === first.length && p[i] === target)) continue;
        out.push({ partner: t, position: i, expected: target, said });
      }
    }
  }
  return out;
}

/**
 * The minimal-pair path of the same material: each substitution case judged with the words actually
 * said as its partner (as a pair drill gives them), and the recording's own text judged with the
 * substituted text as its partner (the native side of the same pair).
 */
export function pairCases(cases: readonly RealCase[]): RealCase[] {
  return cases.flatMap((c) =>
    c.kind === 'substitution' && c.target
      ? [
          { ...c, id: `${c.id}/pair`, partner: c.spoken },
          { ...c, id: `${c.id}/pair-native`, kind: 'native' as const, text: c.spoken, partner: c.text, target: undefined },
        ]
      : [],
  );
}

export interface RealCaseOptions {
  readonly splits: readonly RealSplit[];
  /** At most this many substitution cases per recording (the first found, deterministic). */
  readonly maxSubstitutionsPerRecording?: number;
  /** Longest recording to include (default: the longest clip assessment takes). */
  readonly maxSeconds?: number;
}

export function buildRealCases(corpusDir: string, entries: readonly RealIndexEntry[], lexicon: Lexicon, options: RealCaseOptions): RealCase[] {
  const vocabulary = candidateVocabulary();
  // T is any plain CMUdict word (letters only), the frequent ones tried first.
  const allowed = new Set(vocabulary.filter((w) => /^[a-z]+$/.test(w)));
  const index = homophoneIndex(lexicon, vocabulary);
  const maxSubs = options.maxSubstitutionsPerRecording ?? 6;
  const cases: RealCase[] = [];
  for (const e of entries) {
    if (e.copy !== 0 || !options.splits.includes(e.split)) continue;
    if (e.durationSeconds > (options.maxSeconds ?? MAX_ASSESS_SECONDS)) continue;
    const { samples, sampleRateHz } = decodeWav(readFileSync(join(corpusDir, e.audio)));
    const base = { family: e.family, split: e.split, accent: e.accent, spoken: e.text, samples, sampleRateHz };
    cases.push({ ...base, id: e.sourceId, kind: 'native', text: e.text });
    const words = splitWords(e.text);
    let n = 0;
    const seen = new Set<string>();
    for (let w = 0; w < words.length && n < maxSubs; w++) {
      for (const s of substitutionsFor(words[w], lexicon, index, allowed)) {
        const pattern = `${s.expected}>${s.said}`;
        // One case per pattern per recording keeps long prompts from dominating a pattern.
        if (seen.has(pattern) || n >= maxSubs) continue;
        seen.add(pattern);
        n++;
        const text = words.map((x, i) => (i === w ? s.partner : x)).join(' ');
        cases.push({ ...base, id: `${e.sourceId}-as-${s.partner}@${w}`, kind: 'substitution', text, target: { word: w, position: s.position, expected: s.expected, said: s.said, pattern, partner: s.partner } });
      }
    }
  }
  return cases;
}
