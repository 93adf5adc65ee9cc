/**
 * Whether a take can be scored at all, before any model runs: a take that holds no speech, far more
 * speech than the item, clearly more separate words than it has, or speech cut off at full scale is
 * refused with its reason (the learner is asked for a new take), never given a verdict.
 *
 * Pure: it reads the 16 kHz samples, their silence trim and frame levels, and the expected item.
 * - silent: the trim found no speech frame.
 * - clipped: more than `maxClippedFraction` of the speech span sits at full scale (|x| ≥ 0.99); a
 *   few clipped peaks only warn (`levelWarnings`).
 * - too-long: the speech span exceeds `maxSpeechSeconds(item)`: a generous allowance of
 *   `slowdown` × a native duration estimate (`baseSeconds` + `secondsPerPhone` per phone) plus
 *   `slackSeconds`, and never less than `minAllowanceSeconds`.
 * - word-count: more bursts of speech separated by pauses ≥ `pauseSeconds` than the item has words
 *   plus `extraBursts` (connected speech joins words, so only too many bursts are a sign).
 */
import { frameLevelsDb, type TrimResult } from '../dsp';

export type RefusalReason = 'silent' | 'clipped' | 'too-long' | 'word-count';

/** What the take is compared with: the item's word and phone counts. */
export interface ExpectedItem {
  readonly words: number;
  readonly phones: number;
}

export interface UsabilityOptions {
  /** Native duration estimate: fixed part, seconds (default 0.35). */
  readonly baseSeconds?: number;
  /** Native duration estimate: per expected phone, seconds (default 0.12). */
  readonly secondsPerPhone?: number;
  /** A learner may be this many times slower than the estimate (default 2.5). */
  readonly slowdown?: number;
  /** Added to the allowance, seconds (default 1.5). */
  readonly slackSeconds?: number;
  /** The allowance is never below this, seconds (default 4). */
  readonly minAllowanceSeconds?: number;
  /** Share of the speech span's samples at full scale above which the take is refused (default 0.01). */
  readonly maxClippedFraction?: number;
  /** A pause that separates two bursts of speech, seconds (default 0.3). */
  readonly pauseSeconds?: number;
  /** A burst shorter than this is a click or a breath, not a word, seconds (default 0.12). */
  readonly minBurstSeconds?: number;
  /** Bursts allowed beyond the item's word count (hesitations, a restart; default 2). */
  readonly extraBursts?: number;
}

export interface UsabilityInput {
  /** The take at 16 kHz, samples in [−1, 1]. */
  readonly samples16k: Float32Array;
  /** `trimSilence` of those samples. */
  readonly trim: TrimResult;
  readonly expected: ExpectedItem;
  readonly options?: UsabilityOptions;
}

export type Usability =
  | { readonly usable: true; readonly speechSeconds: number; readonly bursts: number }
  | {
      readonly usable: false;
      readonly reason: RefusalReason;
      /** Measured speech length, seconds (0 when silent). */
      readonly speechSeconds: number;
      /** The longest speech this item allows, seconds. */
      readonly allowedSeconds: number;
      readonly bursts: number;
      readonly clippedFraction: number;
    };

const DEFAULTS: Required<UsabilityOptions> = {
  baseSeconds: 0.35,
  secondsPerPhone: 0.12,
  slowdown: 2.5,
  slackSeconds: 1.5,
  minAllowanceSeconds: 4,
  maxClippedFraction: 0.01,
  pauseSeconds: 0.3,
  minBurstSeconds: 0.12,
  extraBursts: 2,
};

const RATE_HZ = 16_000;
const FRAME = 400;
const HOP = 160;

/** The longest speech span, in seconds, a take of `expected` may have before it is refused as too long. */
export function maxSpeechSeconds(expected: ExpectedItem, options: UsabilityOptions = {}): number {
  const o = { ...DEFAULTS, ...options };
  const native = o.baseSeconds + o.secondsPerPhone * Math.max(1, expected.phones);
  return Math.max(o.minAllowanceSeconds, o.slowdown * native + o.slackSeconds);
}

/**
 * Bursts of speech in `samples` (16 kHz): runs of frames at least as loud as the trim's speech level
 * (within 30 dB of the peak, 10 dB over the floor, above −55 dBFS), split by pauses of `pauseSeconds`,
 * each at least `minBurstSeconds` long.
 */
export function speechBursts(samples: Float32Array, trim: TrimResult, options: UsabilityOptions = {}): number {
  const o = { ...DEFAULTS, ...options };
  const levels = frameLevelsDb(samples, FRAME, HOP);
  const threshold = Math.max(trim.peakDb - 30, Math.min(trim.floorDb + 10, trim.peakDb - 6), -55);
  const pauseFrames = Math.round((o.pauseSeconds * RATE_HZ) / HOP);
  const minFrames = Math.max(1, Math.round((o.minBurstSeconds * RATE_HZ) / HOP));
  let bursts = 0;
  let voiced = 0;
  let quiet = pauseFrames;
  for (let f = 0; f <= levels.length; f++) {
    const loud = f < levels.length && levels[f] >= threshold;
    if (loud) {
      if (quiet >= pauseFrames && voiced >= minFrames) bursts++;
      if (quiet >= pauseFrames) voiced = 0;
      voiced++;
      quiet = 0;
    } else {
      quiet++;
    }
  }
  if (voiced >= minFrames) bursts++;
  return bursts;
}

/** Whether the take can be scored; if not, why (the first reason that applies, in the order above). */
export function judgeUsability({ samples16k, trim, expected, options = {} }: UsabilityInput): Usability {
  const o = { ...DEFAULTS, ...options };
  const allowedSeconds = maxSpeechSeconds(expected, o);
  if (trim.silent) return { usable: false, reason: 'silent', speechSeconds: 0, allowedSeconds, bursts: 0, clippedFraction: 0 };
  const speechSeconds = (trim.end - trim.start) / RATE_HZ;
  let clipped = 0;
  for (let i = trim.start; i < trim.end; i++) if (Math.abs(samples16k[i]) >= 0.99) clipped++;
  const clippedFraction = clipped / Math.max(1, trim.end - trim.start);
  const bursts = speechBursts(samples16k.subarray(trim.start, trim.end), trim, o);
  const refuse = (reason: RefusalReason): Usability => ({ usable: false, reason, speechSeconds, allowedSeconds, bursts, clippedFraction });
  if (clippedFraction > o.maxClippedFraction) return refuse('clipped');
  if (speechSeconds > allowedSeconds) return refuse('too-long');
  if (bursts > expected.words + o.extraBursts) return refuse('word-count');
  return { usable: true, speechSeconds, bursts };
}
