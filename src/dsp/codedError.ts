/**
 * The base of every layer's typed errors (AudioError, ModelError, AssessError, ShareError, ...):
 * a code to branch on, a message a person can act on (what was expected, what was found, what to
 * do), and the figures in `details`. It lives in dsp, the one layer every other may import.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
