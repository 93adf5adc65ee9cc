/**
 * The log-mel implementations a developer might reach for instead of ours, written as they would be:
 * Meyda's per-frame `melBands`, and tfjs `tf.signal.stft` followed by a mel matrix product. Each gives
 * frames × 64 log-mel values for 16 kHz input with our framing (400 samples every 160).
 */
import * as tf from '@tensorflow/tfjs';
import Meyda from 'meyda';
import { DEFAULT_FEATURE_CONFIG, frameCount, melFilterbankDense, type LogMel } from '../src/dsp';

const { frameLengthSamples: FRAME, hopLengthSamples: HOP, fftSize: FFT, melBands: BANDS, sampleRateHz: RATE } = DEFAULT_FEATURE_CONFIG;

/** Meyda: per frame, a 512-sample buffer (our 400 samples zero-padded), Hann window, its mel bands. */
export function meydaLogMel(samples: Float32Array): LogMel {
  Meyda.bufferSize = FFT;
  Meyda.sampleRate = RATE;
  Meyda.melBands = BANDS;
  Meyda.windowingFunction = 'hanning';
  const frames = frameCount(samples.length);
  const data = new Float32Array(frames * BANDS);
  const buffer = new Float32Array(FFT);
  for (let f = 0; f < frames; f++) {
    buffer.set(samples.subarray(f * HOP, f * HOP + FRAME));
    const mel = Meyda.extract('melBands', buffer) as unknown as number[];
    for (let b = 0; b < BANDS; b++) data[f * BANDS + b] = Math.log(mel[b] + 1e-6);
  }
  return { data, frames, bands: BANDS };
}

let melMatrix: tf.Tensor2D | null = null;

/** tfjs: `tf.signal.stft` (Hann, 512-point), |X|², a [257 × 64] HTK mel matrix, ln(x + 1e-6). */
export async function tfjsLogMel(samples: Float32Array): Promise<LogMel> {
  if (!melMatrix) {
    const dense = melFilterbankDense(DEFAULT_FEATURE_CONFIG); // bands × bins
    melMatrix = tf.keep(tf.tensor2d(dense, [BANDS, FFT / 2 + 1]).transpose<tf.Tensor2D>());
  }
  const matrix = melMatrix;
  const out = tf.tidy(() => {
    const signal = tf.tensor1d(samples);
    const spectrum = tf.signal.stft(signal, FRAME, HOP, FFT, (length) => tf.signal.hannWindow(length));
    const power = tf.square(tf.abs(spectrum)) as tf.Tensor2D;
    return tf.log(tf.add(tf.matMul(power, matrix), 1e-6)) as tf.Tensor2D;
  });
  const [frames] = out.shape;
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return { data, frames, bands: BANDS };
}
