/**
 * CMU Sphinx's en-us acoustic model in the app's own code: no tfjs, no DOM; the browser and Node
 * share it. The front end lives in src/dsp/sphinxFe.ts; docs/SPHINX.md pins the numbers.
 */
export { alignPhones, SPHINX_SILENCE_PENALTY, type AlignedSegment, type Alignment, type AlignOptions } from './align';
export { SphinxError, type SphinxErrorCode } from './errors';
export { analyseClip, logMelFrames, phoneEvidence, sphinxEvidenceSource, type ExpectedPhoneEvidence, type PhoneEvidence, type SphinxAnalysis } from './evidence';
export {
  ciHmm,
  ciPhoneId,
  fetchSphinxFiles,
  loadSphinxModel,
  LOG_BASE,
  parseSphinxModel,
  SPHINX_MODEL_URL,
  triphoneHmm,
  type PhoneHmm,
  type SphinxFileReader,
  type SphinxModelFiles,
} from './sphinxModel';
export { scoreFrames, type SenoneScores, type SenoneScoringOptions } from './scorer';
export { SPHINX_MODEL_FORMAT, WordPosition, type SphinxModel, type SphinxModelMetadata, type SphinxTensorInfo } from './types';
