/** The `assess` output of docs/CONTRACTS.md, shared by the CLI and the app. */
import type { Phone } from '../model/phones';

/**
 * Verdicts of the `assess` contract. `unsure`: the evidence is near the threshold or the acoustic
 * models disagree; the learner is asked to listen and try again (not a rejection, not a pass).
 */
export const VERDICTS = ['ok', 'unsure', 'mispronounced', 'missing', 'inserted'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface PhoneAssessment {
  /** Expected phone (for `inserted`: the vowel heard). */
  readonly phone: string;
  /** Seconds from the start of the file. */
  readonly start: number;
  readonly end: number;
  /** 0–100. */
  readonly score: number;
  readonly verdict: Verdict;
  /** What was heard instead (mispronounced only; never SIL); null otherwise. */
  readonly heard: Phone | null;
}

export interface WordAssessment {
  readonly word: string;
  readonly score: number;
  readonly phones: PhoneAssessment[];
}

export type AssessWarning = 'clipped' | 'noisy' | 'quiet';

export interface AssessResult {
  readonly id: string;
  readonly text: string;
  readonly score: number;
  readonly warnings: AssessWarning[];
  readonly words: WordAssessment[];
}

export interface AssessFailure {
  readonly id: string;
  readonly error: string;
}

/**
 * Per-phone decision thresholds on goodness of pronunciation, fitted on voice families held out from
 * training and from the test (`public/models/phones/calibration.json`).
 */
export interface Calibration {
  readonly version: number;
  /** GOP threshold per phone: at or above it the phone is `ok`. */
  readonly thresholds: Readonly<Record<string, number>>;
  /** Threshold for phones without one of their own. */
  readonly defaultThreshold: number;
  /** Slope of the 0–100 score around the threshold (score 60 at the threshold). */
  readonly slope: number;
  /**
   * Contrast margins, keyed `TARGET>PARTNER` (e.g. `TH>T`): a phone whose GOP passes is still judged
   * mispronounced, heard as the partner, when the partner's mean log posterior over the phone's frames
   * exceeds the target's by more than the margin. Pairs without a margin are not checked.
   */
  readonly contrastMargins?: Readonly<Record<string, number>>;
  /**
   * Width of the "not sure" band below each phone's pass point (GOP units; `defaultUnsureBand` where a
   * phone has none): a phone whose margin is below 0 but within the band is `unsure`, not mispronounced.
   * Fitted as the distance between the pass threshold and a stricter rejection threshold.
   */
  readonly unsureBands?: Readonly<Record<string, number>>;
  readonly defaultUnsureBand?: number;
  /** How the second acoustic model's evidence is fused with the CNN's (src/assess/fusion.ts); absent: the CNN alone. */
  readonly fusion?: { readonly weight: number; readonly scale: number };
  /** Alignment settings the thresholds were fitted with. */
  readonly align?: Readonly<Record<string, number>>;
  /** What the thresholds were fitted on (families, counts, target rates). */
  readonly fittedOn: Readonly<Record<string, unknown>>;
}
