/** The `assess` output of CONTRACTS.md, shared by the CLI and the app. */
import type { Phone } from '../model/phones';

export type Verdict = 'ok' | 'unsure' | 'mispronounced' | 'missing' | 'inserted';

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
  /** Alignment settings the thresholds were fitted with. */
  readonly align?: Readonly<Record<string, number>>;
  /** What the thresholds were fitted on (families, counts, target rates). */
  readonly fittedOn: Readonly<Record<string, unknown>>;
}
