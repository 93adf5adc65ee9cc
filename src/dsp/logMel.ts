import { DEFAULT_FEATURE_CONFIG, frameCount } from './config';
import { createRealFft, type RealFftPlan } from './fft';
import { melFilterbank, type MelFilterbank } from './melFilterbank';
import type { FeatureConfig, LogMel } from './types';
import { hannWindow } from './window';

interface Plan {
  readonly window: Float64Array;
  readonly fft: RealFftPlan;
  readonly filterbank: MelFilterbank;
  readonly frame: Float64Array;
  readonly power: Float64Array;
}

const plans = new Map<string, Plan>();

function planFor(config: FeatureConfig): Plan {
  const key = JSON.stringify(config);
  let plan = plans.get(key);
  if (!plan) {
    if (config.frameLengthSamples > config.fftSize) {
      throw new RangeError(`frameLengthSamples (${config.frameLengthSamples}) exceeds fftSize (${config.fftSize})`);
    }
    plan = {
      window: hannWindow(config.frameLengthSamples),
      fft: createRealFft(config.fftSize),
      filterbank: melFilterbank(config),
      frame: new Float64Array(config.fftSize),
      power: new Float64Array(config.fftSize / 2 + 1),
    };
    plans.set(key, plan);
  }
  return plan;
}

/**
 * Log-mel spectrogram of 16 kHz samples, exactly as docs/CONTRACTS.md pins it: frame i covers samples
 * [hop·i, hop·i + frameLength) with no padding, periodic Hann, zero-padded FFT, unscaled power,
 * HTK mel triangles, ln(mel energy + logOffset). Computed in float64, returned as float32.
 */
export function logMelSpectrogram(samples: Float32Array, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): LogMel {
  const frames = frameCount(samples.length, config);
  const bands = config.melBands;
  const data = new Float32Array(frames * bands);
  if (frames === 0) return { data, frames, bands };
  const { window, fft, filterbank, frame, power } = planFor(config);
  const { firstBin, offsets, weights } = filterbank;
  const length = config.frameLengthSamples;
  const hop = config.hopLengthSamples;
  const logOffset = config.logOffset;
  for (let f = 0; f < frames; f++) {
    const start = f * hop;
    for (let k = 0; k < length; k++) frame[k] = samples[start + k] * window[k];
    frame.fill(0, length);
    fft.powerSpectrum(frame, power);
    const row = f * bands;
    for (let b = 0; b < bands; b++) {
      let energy = 0;
      const bin0 = firstBin[b] - offsets[b];
      for (let j = offsets[b], end = offsets[b + 1]; j < end; j++) energy += weights[j] * power[bin0 + j];
      data[row + b] = Math.log(energy + logOffset);
    }
  }
  return { data, frames, bands };
}
