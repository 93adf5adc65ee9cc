import { CodedError } from '../dsp/codedError';

/** Codes of the assessment's typed errors. */
export type AssessErrorCode = 'UNKNOWN_WORD' | 'EMPTY_TEXT' | 'CLIP_SILENT' | 'CLIP_TOO_LONG' | 'CLIP_TOO_SHORT' | 'BAD_PHONES';

/** An error the learner or the caller can act on: what was expected, what was found, what to do. */
export class AssessError extends CodedError<AssessErrorCode> {
  override readonly name = 'AssessError';
}
