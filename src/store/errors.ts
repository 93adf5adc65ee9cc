import type { AudioErrorCode } from '../audio';

/** Codes of the problems the recorder screen shows: the audio layer's, plus what the pipeline finds. */
export type RecorderProblemCode =
  | AudioErrorCode
  /** The recording holds no speech (docs/CONTRACTS.md / docs/ARCHITECTURE.md step 1). */
  | 'CLIP_SILENT'
  /** The features could not be computed (neither WebGPU nor the CPU path worked). */
  | 'FEATURES_FAILED';

/** A problem as the store holds it: plain data, ready to show. */
export interface RecorderProblem {
  readonly code: RecorderProblemCode;
  /** What happened and what the learner can do. */
  readonly message: string;
}

/** The store's form of an error thrown by a lower layer (an `AudioError` keeps its code). */
export function problemFrom(error: unknown, fallback: RecorderProblemCode): RecorderProblem {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return { code: error.code as RecorderProblemCode, message: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: fallback, message: `Something went wrong (${detail}). Reload the page and try again.` };
}
