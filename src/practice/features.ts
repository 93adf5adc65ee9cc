/**
 * The practice service's signal steps for the slices (which hold state and never call src/dsp
 * themselves): silence checks, the learner's speech span and log-mel, the overlay's alignment with a
 * native rendition, and the resampler that runs while a recording is captured.
 */
import { createStreamingResampler, DEFAULT_FEATURE_CONFIG, dtw, frameCount, logMelSpectrogram, normalise, resampleTo16k, trimSilence, type LogMel, type StreamingResampler, type TrimResult } from '../dsp';

import { judgeUsability, type Usability } from '../assess/usability';

export type { LogMel, StreamingResampler, TrimResult, Usability };

/** The features' sample rate (docs/CONTRACTS.md), from the one feature config. */
export const FEATURE_RATE_HZ = DEFAULT_FEATURE_CONFIG.sampleRateHz;

/** True when a recording (any rate) holds no speech: refused before the model is needed. */
export function isSilentRecording(samples: Float32Array, sampleRateHz: number): boolean {
  return trimSilence(samples, { sampleRateHz }).silent;
}

/** A recording brought to the features' rate (src/dsp's resampler). */
export function toFeatureRate(samples: Float32Array, sampleRateHz: number): Float32Array {
  return resampleTo16k(samples, sampleRateHz);
}

/** Whether a take at the features' rate can be scored for an item with these phones (src/assess `judgeUsability`). */
export function takeUsability(samples16k: Float32Array, itemPhones: readonly (readonly string[])[]): Usability {
  return judgeUsability({ samples16k, trim: trimSilence(samples16k), expected: { words: itemPhones.length, phones: itemPhones.flat().length } });
}

/** A resampler to the features' rate fed block by block while recording. */
export function createCaptureResampler(inputRateHz: number): StreamingResampler {
  return createStreamingResampler(inputRateHz, FEATURE_RATE_HZ);
}

/** A recording at the features' rate and its speech span; null when it holds no speech or too little for one frame. */
export function speechSpan(samples: Float32Array, sampleRateHz: number): { samples16k: Float32Array; speech: TrimResult } | null {
  const samples16k = resampleTo16k(samples, sampleRateHz);
  const speech = trimSilence(samples16k);
  if (speech.silent || frameCount(speech.end - speech.start) === 0) return null;
  return { samples16k, speech };
}

/** The learner's log-mel (its speech span, as the assessor trims it) and where it starts, seconds; null when silent. */
export function learnerFeatures(samples: Float32Array, sampleRateHz: number): { logMel: LogMel; offsetSeconds: number } | null {
  const samples16k = resampleTo16k(samples, sampleRateHz);
  const trim = trimSilence(samples16k);
  if (trim.silent) return null;
  const logMel = logMelSpectrogram(samples16k.subarray(trim.start, trim.end));
  return logMel.frames > 0 ? { logMel, offsetSeconds: trim.start / FEATURE_RATE_HZ } : null;
}

/** The overlay's DTW path over (learner frame, native frame), on per-band normalised log-mels. */
export function overlayPath(learner: LogMel, native: LogMel): [number, number][] {
  const a = normalise(learner);
  const b = normalise(native);
  return dtw(a.data, a.frames, b.data, b.frames, a.bands, { band: 0.5 }).path;
}
