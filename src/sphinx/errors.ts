import { CodedError } from '../dsp/codedError';

/** Codes of the Sphinx layer's typed errors. */
export type SphinxErrorCode = 'SPHINX_MODEL_MISMATCH' | 'SPHINX_MODEL_LOAD_FAILED' | 'SPHINX_BAD_INPUT';

/** An error of loading or running the Sphinx acoustic model: what was expected, what was found, what to do. */
export class SphinxError extends CodedError<SphinxErrorCode> {
  override readonly name = 'SphinxError';
}
