import type { AudioErrorCode } from '../audio';
import { toProblem, type Problem } from './problems';

/** Codes of the problems the recorder screen shows: the audio layer's, plus what the pipeline finds. */
export type RecorderProblemCode = AudioErrorCode | 'CLIP_SILENT' | 'FEATURES_FAILED' | 'CAPTURE_FAILED' | 'MIC_LOST';

/** A problem of the recorder screen. */
export type RecorderProblem = Problem;

/** The recorder's form of an error thrown by a lower layer (a typed error keeps its code), with advice when it has none. */
export function problemFrom(error: unknown, fallback: RecorderProblemCode): RecorderProblem {
  return toProblem(error, fallback, (detail) => `Something went wrong (${detail}). Reload the page and try again.`);
}
