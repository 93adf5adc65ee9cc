/**
 * Stage timings of the practice path, recorded as User Timing measures (`performance.measure`, cheap
 * and always on) so a benchmark reads the app's own code, and DevTools shows them. Names are
 * `sotaque:<stage>`; a measure spans from a `performance.now()` reading to now.
 */

/** Stages, in the order the practice path runs them (stop → verdict painted). */
export const PRACTICE_STAGES = [
  /** Stop requested → the recorder's samples are in hand (worklet flush, concatenation). */
  'capture-flush',
  /** The attempt and its audio written to IndexedDB. */
  'save',
  /** The silence check on the captured samples, and waiting for the engine if it is still loading. */
  'precheck',
  /** Capture rate → 16 kHz (src/dsp): in the app, only the streaming resampler's last blocks (the rest ran while recording). */
  'resample',
  /** Silence trim, level warnings, log-mel of the speech span. */
  'log-mel',
  /** Normalisation and the phone model's forward pass. */
  'inference',
  /** The second acoustic model (Sphinx) over the speech span, and its fusion with the CNN's evidence. */
  'second-model',
  /** Forced alignment and GOP scoring. */
  'alignment',
  /** Minimal pairs: posteriorgrams of the native target and partner, and the comparison. */
  'pair-compare',
  /** The native reference's features and the DTW path for the overlay. */
  'overlay',
  /** The result written to the stored attempt (IndexedDB). */
  'store-result',
  /** The result committed to the store → the first frame after React rendered it. */
  'render',
] as const;

export type PracticeStage = (typeof PRACTICE_STAGES)[number];

/** The whole span a learner waits: stop requested → verdict painted. */
export const STOP_TO_VERDICT = 'sotaque:stop-to-verdict';

/** Mark names the UI reads: when the current attempt was asked to stop, and when its result was committed. */
export const STOP_MARK = 'sotaque:stop';
export const COMMIT_MARK = 'sotaque:result-committed';

/** Records `sotaque:<stage>` from `startMs` (a `performance.now()` reading) to now; returns now. */
export function measureStage(stage: PracticeStage, startMs: number): number {
  const end = performance.now();
  performance.measure(`sotaque:${stage}`, { start: startMs, end });
  return end;
}

/** Forgets the previous attempt's stage measures and marks (one attempt's timings at a time). */
export function clearStageTimings(): void {
  for (const stage of PRACTICE_STAGES) performance.clearMeasures(`sotaque:${stage}`);
  performance.clearMeasures(STOP_TO_VERDICT);
  performance.clearMarks(STOP_MARK);
  performance.clearMarks(COMMIT_MARK);
}
