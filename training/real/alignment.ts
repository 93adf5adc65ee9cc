/**
 * PocketSphinx alignments (align.py) → phone spans, and the check that keeps poor alignments out of
 * the training labels. Sphinx frame f starts at sample 160·f; its 410-sample window is centred at
 * 160·f + 205. A boundary after Sphinx frame e lies halfway between the centres of frames e and e+1,
 * so a phone on frames [s, e] spans [s·10 ms + 7.8 ms, (e+1)·10 ms + 7.8 ms]: our log-mel frames
 * (centres at 160·i + 200) then take their labels from the same frames Sphinx gave the phone.
 */
import { isPhone, type Phone } from '../../src/model/phones';
import type { PhoneSpan } from '../corpus/phoneMap';

export interface SphinxPhone {
  readonly phone: string;
  readonly word: number | null;
  readonly variant: number | null;
  readonly startFrame: number;
  readonly endFrame: number;
}

export type SphinxAlignment =
  | { readonly id: string; readonly frames: number; readonly phones: readonly SphinxPhone[]; readonly alignedScore: number; readonly phoneLoopScore: number }
  | { readonly id: string; readonly error: string };

const BOUNDARY_OFFSET_SECONDS = 0.0078;

/**
 * The rule (stated in the corpus report): an alignment is kept for training when the grammar's final
 * state was reached, every word was aligned, no speech phone lasts longer than `maxPhoneSeconds`
 * (a stuck alignment swallowing speech), and the forced alignment's acoustic score is within
 * `minScorePerFrame` (PocketSphinx's acoustic score units per frame) of the free context-independent
 * phone loop's. Measured on the Asterisk prompts, that score separates a wrong transcript poorly (a
 * recording of "hello" aligned to "minute": −15.4, to "hello": −14.6; the prompts spread from −17 to
 * +9), so it only guards against gross failures; the duration limit catches a transcript that misses
 * words, whose speech a neighbouring phone then swallows.
 */
export const ALIGNMENT_RULE = { minScorePerFrame: -20, maxPhoneSeconds: 0.8 } as const;

export type AlignmentVerdict = { readonly ok: true; readonly scorePerFrame: number } | { readonly ok: false; readonly reason: string; readonly scorePerFrame?: number };

export function scorePerFrame(a: Extract<SphinxAlignment, { frames: number }>): number {
  return (a.alignedScore - a.phoneLoopScore) / Math.max(1, a.frames);
}

export function alignmentVerdict(a: SphinxAlignment | undefined, words: number, rule = ALIGNMENT_RULE): AlignmentVerdict {
  if (!a) return { ok: false, reason: 'not aligned' };
  if ('error' in a) return { ok: false, reason: `alignment failed: ${a.error}` };
  const aligned = new Set(a.phones.filter((p) => p.word !== null).map((p) => p.word));
  if (aligned.size !== words) return { ok: false, reason: `${words - aligned.size} of ${words} words not aligned` };
  const long = a.phones.find((p) => p.phone !== 'SIL' && (p.endFrame + 1 - p.startFrame) / 100 > rule.maxPhoneSeconds);
  const spf = scorePerFrame(a);
  if (long) return { ok: false, reason: `${long.phone} lasts ${((long.endFrame + 1 - long.startFrame) / 100).toFixed(2)} s`, scorePerFrame: spf };
  if (spf < rule.minScorePerFrame) return { ok: false, reason: `score ${spf.toFixed(2)} per frame below the phone loop's (rule ${rule.minScorePerFrame})`, scorePerFrame: spf };
  return { ok: true, scorePerFrame: spf };
}

/** Phone spans in seconds (Sphinx names are our classes; fillers would be silence). */
export function toPhoneSpans(a: Extract<SphinxAlignment, { frames: number }>): PhoneSpan[] {
  return a.phones.map((p) => ({
    phone: sphinxPhone(p.phone),
    start: p.startFrame / 100 + (p.startFrame === 0 ? 0 : BOUNDARY_OFFSET_SECONDS),
    end: (p.endFrame + 1) / 100 + BOUNDARY_OFFSET_SECONDS,
    word: p.word,
  }));
}

/** Sphinx's en-us phones → our 40 classes: the 39 CMU phones are ours, SIL and the fillers are silence. */
export function sphinxPhone(name: string): Phone {
  if (name === 'SIL' || name === '+NSN+' || name === '+SPN+') return 'SIL';
  if (isPhone(name) && name !== 'SIL') return name;
  throw new Error(`Sphinx phone "${name}" has no class among the 40 phones`);
}
