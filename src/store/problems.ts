/**
 * One error model for the screens: every layer throws a `CodedError` (src/dsp/codedError.ts) whose
 * code is in `ProblemCode`; the store keeps what it shows as a `Problem` (plain data), made by the
 * one `toProblem()`. Screens look the code up in their language's strings and fall back to `message`.
 */
import type { AssessErrorCode } from '../assess';
import type { AudioErrorCode } from '../audio';
import type { ProfileErrorCode, ReviewErrorCode, ShareErrorCode, TeacherRefErrorCode } from '../db';
import { isCodedError } from '../dsp/codedError';
import type { GpuErrorCode } from '../gpu';
import type { FineTuneErrorCode, ModelErrorCode } from '../model/errors';
import type { EngineErrorCode } from '../practice';

/** Codes the store itself gives: what the pipeline finds, or how a step failed when the error had no code. */
export type StoreProblemCode =
  /** The recording holds no speech (docs/CONTRACTS.md / docs/ARCHITECTURE.md step 1). */
  | 'CLIP_SILENT'
  /** The features could not be computed (neither WebGPU nor the CPU path worked). */
  | 'FEATURES_FAILED'
  | 'CAPTURE_FAILED'
  | 'ANALYSIS_FAILED'
  /** The recording reached its length limit (a notice: what was recorded is kept). */
  | 'MAX_LENGTH'
  | 'SAVE_FAILED'
  /** The free text could not be turned into words to practise (an error without a code of its own). */
  | 'TEXT_INVALID'
  /** The recording is stored after all (a notice). */
  | 'SAVED'
  | 'STORAGE_FAILED'
  | 'DB_FAILED';

/** Every code a screen may be shown. */
export type ProblemCode =
  | AudioErrorCode
  | GpuErrorCode
  | ModelErrorCode
  | FineTuneErrorCode
  | AssessErrorCode
  | ShareErrorCode
  | ProfileErrorCode
  | ReviewErrorCode
  | TeacherRefErrorCode
  | EngineErrorCode
  | 'STORAGE_FULL'
  | StoreProblemCode;

/** A problem as the store holds it: plain data, ready to show. */
export interface Problem<Code extends ProblemCode = ProblemCode> {
  readonly code: Code;
  /** What happened and what the user can do (English; screens show their own text per code where they have one). */
  readonly message: string;
  /** The word the problem is about, where it names one (`UNKNOWN_WORD`: the word the dictionary lacks). */
  readonly word?: string;
}

/**
 * The store's form of anything thrown: a typed error keeps its code and message; anything else gets
 * `fallback` and its message (or `describe(message)`, for steps that add advice).
 */
export function toProblem<Fallback extends ProblemCode>(error: unknown, fallback: Fallback, describe?: (detail: string) => string): Problem {
  if (isCodedError(error)) {
    const word = error.details.word;
    return typeof word === 'string' ? { code: error.code as ProblemCode, message: error.message, word } : { code: error.code as ProblemCode, message: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: fallback, message: describe ? describe(detail) : detail };
}
