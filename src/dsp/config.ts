import type { FeatureConfig } from './types';

/** The pinned feature configuration of docs/CONTRACTS.md. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  sampleRateHz: 16_000,
  frameLengthSamples: 400,
  hopLengthSamples: 160,
  fftSize: 512,
  melBands: 64,
  fMinHz: 20,
  fMaxHz: 7_600,
  logOffset: 1e-6,
});

/** Number of frames for `sampleCount` samples: 1 + ⌊(n − frameLength)/hop⌋, 0 when too short. */
export function frameCount(sampleCount: number, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): number {
  if (sampleCount < config.frameLengthSamples) return 0;
  return 1 + Math.floor((sampleCount - config.frameLengthSamples) / config.hopLengthSamples);
}

/** Time of frame `index`'s centre, in seconds. */
export function frameCentreSeconds(index: number, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): number {
  return (index * config.hopLengthSamples + config.frameLengthSamples / 2) / config.sampleRateHz;
}
