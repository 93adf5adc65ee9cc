import type { EngineSegment } from '../phoneMap';

/** What an engine produced for one utterance: audio at its native rate and its own phone timings. */
export interface SynthResult {
  /** Mono samples in [−1, 1] at the engine's rate. */
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  /** The engine's phones (its own names) with times in seconds; `word` indexes the utterance's words. */
  readonly segments: readonly EngineSegment[];
  /** True when the engine itself said which word each phone belongs to (else `word` is null until aligned). */
  readonly wordsReported: boolean;
}
