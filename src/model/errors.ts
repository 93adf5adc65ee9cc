import { CodedError } from '../dsp/codedError';

/** Codes of the phone model's typed errors. */
export type ModelErrorCode = 'MODEL_MISMATCH' | 'MODEL_LOAD_FAILED' | 'MODEL_BAD_INPUT' | 'MODEL_DISPOSED' | 'NO_BACKEND';

/** An error of loading or running the phone model: what was expected, what was found, what to do. */
export class ModelError extends CodedError<ModelErrorCode> {
  override readonly name = 'ModelError';
}
