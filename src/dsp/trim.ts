import type { SampleSpan } from './types';

/** Options of the energy-based voice-activity trim. */
export interface TrimOptions {
  /** Sample rate of the input. */
  readonly sampleRateHz?: number;
  /** Analysis frame and hop, in seconds. */
  readonly frameSeconds?: number;
  readonly hopSeconds?: number;
  /** A frame is speech when within this many dB of the loudest frame… */
  readonly relativeThresholdDb?: number;
  /** …and this many dB above the noise floor (10th percentile of frame levels; capped at 6 dB below the peak)… */
  readonly aboveFloorDb?: number;
  /** …and above this absolute level (dBFS). */
  readonly absoluteThresholdDb?: number;
  /** Kept around the speech on each side, in seconds. */
  readonly paddingSeconds?: number;
}

/** Result of `trimSilence`: the span to keep, and whether the clip held no speech at all. */
export interface TrimResult extends SampleSpan {
  readonly silent: boolean;
  /** Level of the loudest frame, dBFS. */
  readonly peakDb: number;
  /** Noise floor estimate (10th percentile frame level), dBFS. */
  readonly floorDb: number;
}

const TRIM_DEFAULTS: Required<TrimOptions> = {
  sampleRateHz: 16_000,
  frameSeconds: 0.025,
  hopSeconds: 0.01,
  relativeThresholdDb: 40,
  aboveFloorDb: 10,
  absoluteThresholdDb: -55,
  paddingSeconds: 0.15,
};

/** RMS level of each analysis frame in dBFS (−120 for digital silence). */
export function frameLevelsDb(samples: Float32Array, frameLength: number, hop: number): Float64Array {
  const frames = samples.length < frameLength ? (samples.length > 0 ? 1 : 0) : 1 + Math.floor((samples.length - frameLength) / hop);
  const levels = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const start = f * hop;
    const end = Math.min(samples.length, start + frameLength);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i] * samples[i];
    const rms = Math.sqrt(sum / Math.max(1, end - start));
    levels[f] = rms > 1e-6 ? 20 * Math.log10(rms) : -120;
  }
  return levels;
}

/**
 * Energy-based voice-activity trim: frames louder than all three thresholds are speech; the span from
 * the first to the last speech frame, padded, is kept. A clip with no speech frame is `silent`.
 */
export function trimSilence(samples: Float32Array, options: TrimOptions = {}): TrimResult {
  const o = { ...TRIM_DEFAULTS, ...options };
  const frameLength = Math.max(1, Math.round(o.frameSeconds * o.sampleRateHz));
  const hop = Math.max(1, Math.round(o.hopSeconds * o.sampleRateHz));
  const levels = frameLevelsDb(samples, frameLength, hop);
  if (levels.length === 0) return { start: 0, end: 0, silent: true, peakDb: -120, floorDb: -120 };
  const sorted = Float64Array.from(levels).sort();
  const floorDb = sorted[Math.floor(0.1 * (sorted.length - 1))];
  const peakDb = sorted[sorted.length - 1];
  // A clip at one steady level (no quiet stretch to measure a floor from) is kept whole if loud enough.
  const threshold = Math.max(peakDb - o.relativeThresholdDb, Math.min(floorDb + o.aboveFloorDb, peakDb - 6), o.absoluteThresholdDb);
  let first = -1;
  let last = -1;
  for (let f = 0; f < levels.length; f++) {
    if (levels[f] >= threshold) {
      if (first < 0) first = f;
      last = f;
    }
  }
  if (first < 0) return { start: 0, end: 0, silent: true, peakDb, floorDb };
  const pad = Math.round(o.paddingSeconds * o.sampleRateHz);
  const start = Math.max(0, first * hop - pad);
  const end = Math.min(samples.length, last * hop + frameLength + pad);
  return { start, end, silent: false, peakDb, floorDb };
}
