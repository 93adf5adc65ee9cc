/**
 * The base of every layer's typed errors (AudioError, GpuError, ModelError, AssessError, ShareError,
 * ProfileError, ReviewError, StorageFullError, EngineError, ...): a code to branch on, a message a
 * person can act on (what was expected, what was found, what to do), the figures in `details`, and
 * the underlying `cause` where there is one. It lives in dsp, the one layer every other may import.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for a typed error of this project (any layer), optionally of one code. */
export function isCodedError(error: unknown, code?: string): error is CodedError<string> {
  return error instanceof CodedError && (code === undefined || error.code === code);
}
