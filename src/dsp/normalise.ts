import type { LogMel } from './types';

/** Variance floor of the per-band normalisation (docs/CONTRACTS.md). */
export const NORMALISE_EPSILON = 1e-5;

/**
 * Per-band mean/variance normalisation over the frames given: (x − mean) / sqrt(var + 1e-5),
 * population variance. Returns a new LogMel; an empty input gives an empty output.
 */
export function normalise(logMel: LogMel): LogMel {
  const { frames, bands, data } = logMel;
  const out = new Float32Array(data.length);
  if (frames === 0) return { data: out, frames, bands };
  const mean = new Float64Array(bands);
  const sq = new Float64Array(bands);
  for (let f = 0; f < frames; f++) {
    const row = f * bands;
    for (let b = 0; b < bands; b++) mean[b] += data[row + b];
  }
  for (let b = 0; b < bands; b++) mean[b] /= frames;
  for (let f = 0; f < frames; f++) {
    const row = f * bands;
    for (let b = 0; b < bands; b++) {
      const d = data[row + b] - mean[b];
      sq[b] += d * d;
    }
  }
  const scale = new Float64Array(bands);
  for (let b = 0; b < bands; b++) scale[b] = 1 / Math.sqrt(sq[b] / frames + NORMALISE_EPSILON);
  for (let f = 0; f < frames; f++) {
    const row = f * bands;
    for (let b = 0; b < bands; b++) out[row + b] = (data[row + b] - mean[b]) * scale[b];
  }
  return { data: out, frames, bands };
}
