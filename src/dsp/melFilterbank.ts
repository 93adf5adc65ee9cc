import type { FeatureConfig } from './types';

/** Hz → HTK mel: 2595·log10(1 + f/700). */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** HTK mel → Hz. */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/**
 * A mel filterbank stored sparsely: band b has weights `weights[offsets[b] .. offsets[b+1])`
 * applied to power-spectrum bins `firstBin[b] ...`.
 */
export interface MelFilterbank {
  readonly bands: number;
  readonly bins: number;
  readonly firstBin: Int32Array;
  readonly offsets: Int32Array;
  readonly weights: Float64Array;
}

/**
 * HTK mel triangles (librosa `mel(htk=True, norm=None)`): `bands + 2` points equally spaced in mel
 * from fMin to fMax; each triangle is linear in Hz over the bin frequencies k·sr/fftSize, peak 1.
 */
export function melFilterbank(config: FeatureConfig): MelFilterbank {
  const { melBands: bands, fftSize, sampleRateHz, fMinHz, fMaxHz } = config;
  const bins = fftSize / 2 + 1;
  const melMin = hzToMel(fMinHz);
  const melMax = hzToMel(fMaxHz);
  const edgesHz = new Float64Array(bands + 2);
  for (let i = 0; i < bands + 2; i++) edgesHz[i] = melToHz(melMin + ((melMax - melMin) * i) / (bands + 1));

  const firstBin = new Int32Array(bands);
  const offsets = new Int32Array(bands + 1);
  const all: number[] = [];
  for (let b = 0; b < bands; b++) {
    const lower = edgesHz[b];
    const centre = edgesHz[b + 1];
    const upper = edgesHz[b + 2];
    offsets[b] = all.length;
    firstBin[b] = -1;
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRateHz) / fftSize;
      const w = Math.max(0, Math.min((f - lower) / (centre - lower), (upper - f) / (upper - centre)));
      if (w > 0) {
        if (firstBin[b] < 0) firstBin[b] = k;
        all.push(w);
      } else if (firstBin[b] >= 0) {
        break;
      }
    }
    if (firstBin[b] < 0) firstBin[b] = 0;
  }
  offsets[bands] = all.length;
  return { bands, bins, firstBin, offsets, weights: Float64Array.from(all) };
}

/** The filterbank as a dense `bands × bins` row-major matrix (for the GPU and for reference tools). */
export function melFilterbankDense(config: FeatureConfig): Float32Array {
  const fb = melFilterbank(config);
  const dense = new Float32Array(fb.bands * fb.bins);
  for (let b = 0; b < fb.bands; b++) {
    for (let j = fb.offsets[b]; j < fb.offsets[b + 1]; j++) {
      dense[b * fb.bins + fb.firstBin[b] + (j - fb.offsets[b])] = fb.weights[j];
    }
  }
  return dense;
}
