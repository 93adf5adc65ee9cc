/** Sotaque's signal processing reference: pure TypeScript, no DOM, usable in browsers, workers and Node. */
export { DEFAULT_FEATURE_CONFIG, frameCentreSeconds, frameCount } from './config';
export { dtw, warpIndex, type DtwOptions, type DtwResult } from './dtw';
export { createRealFft, type RealFftPlan } from './fft';
export { logMelSpectrogram } from './logMel';
export { hzToMel, melFilterbank, melFilterbankDense, melToHz, type MelFilterbank } from './melFilterbank';
export { normalise, NORMALISE_EPSILON } from './normalise';
export { createStreamingResampler, resample, resampleTo16k, type ResamplerOptions, type StreamingResampler } from './resample';
export { frameLevelsDb, trimSilence, type TrimOptions, type TrimResult } from './trim';
export type { FeatureConfig, LogMel, SampleSpan } from './types';
export { hannWindow } from './window';
export { CodedError, isCodedError } from './codedError';
