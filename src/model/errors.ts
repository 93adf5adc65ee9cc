import { CodedError } from '../dsp/codedError';

/** Codes of the phone model's typed errors. */
export type ModelErrorCode = 'MODEL_MISMATCH' | 'MODEL_LOAD_FAILED' | 'MODEL_BAD_INPUT' | 'MODEL_DISPOSED' | 'NO_BACKEND';

/** An error of loading or running the phone model: what was expected, what was found, what to do. */
export class ModelError extends CodedError<ModelErrorCode> {
  override readonly name = 'ModelError';
}

/** Codes of on-device fine-tuning's typed errors. */
export type FineTuneErrorCode = 'FINETUNE_CANCELLED' | 'FINETUNE_FAILED' | 'FINETUNE_TOO_FEW';

/** A fine-tuning that did not finish; the model in use is unchanged. A cancellation is named `AbortError`, as `AbortSignal` users expect. */
export class FineTuneError extends CodedError<FineTuneErrorCode> {
  override readonly name: string;

  constructor(code: FineTuneErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, details, options);
    this.name = code === 'FINETUNE_CANCELLED' ? 'AbortError' : 'FineTuneError';
  }
}
