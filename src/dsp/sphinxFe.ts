/**
 * CMU Sphinx's MFCC front end and its `1s_c_d_dd` features, in pure TypeScript, written to give the
 * numbers of sphinxbase's `fe_sigproc.c`, `feat.c` and `cmn.c` (floating-point build) for the en-us
 * model's `feat.params`. sphinxbase computes in a mix of float64 and float32; the float32 steps are
 * reproduced with `Math.fround` where they change the result:
 *
 *   int16 samples (Float32 × 32768, rounded) → pre-emphasis y[n] = x[n] − 0.97f·x[n−1] over the whole
 *   clip (x[−1] = 0) → frame i = samples [160·i, 160·i + 410), symmetric Hamming over 410, zero-padded
 *   to 512 → |FFT|² → 25 triangular mel filters (float32 design, edges rounded to FFT bins, unit
 *   area) → ln(energy + 1e-4) → orthogonal DCT-II (float32 accumulation) → HTK lifter 22 → 13 cepstra.
 *
 * Frames: sphinxbase emits every full frame, then at the end of the utterance one more frame from the
 * samples left over, [160·N, n), zero-padded (so there are N + 1 frames, N = 1 + ⌊(n − 410)/160⌋; a clip
 * shorter than 410 samples gives one frame, an empty clip none). No dither, no DC removal, no noise
 * removal, no VAD: the decoder's `-remove_noise` / `-remove_silence` must be off for parity.
 *
 * Then batch CMN (mean over the frames whose c0 ≥ 0, subtracted from every frame) and the 39-dim
 * feature [c(t), c(t+2) − c(t−2), (c(t+3) − c(t−1)) − (c(t+1) − c(t−3))], where frames outside the
 * clip repeat the first or last (normalised) frame.
 */
import { createRealFft } from './fft';

/** The en-us model's front-end parameters (its `feat.params` plus sphinxbase's defaults). */
export interface SphinxFeConfig {
  readonly sampleRateHz: number;
  /** Samples between frame starts (`-frate 100`). */
  readonly frameShiftSamples: number;
  /** Samples per frame (`-wlen 0.025625` s). */
  readonly frameLengthSamples: number;
  readonly fftSize: number;
  /** `-alpha`, applied as a float32 value. */
  readonly preEmphasis: number;
  readonly lowerFilterHz: number;
  readonly upperFilterHz: number;
  readonly melFilters: number;
  readonly cepstra: number;
  /** HTK sine lifter length (`-lifter`). */
  readonly lifter: number;
  /** `-transform`: only the orthogonal DCT-II ("dct") is implemented. */
  readonly transform: 'dct';
  /** `-feat`. */
  readonly feature: '1s_c_d_dd';
  /** `-svspec`: the 39 dims split into streams of 13. */
  readonly streams: readonly (readonly [number, number])[];
  /** `-cmn`. */
  readonly cmn: 'batch';
  /** Floor added to the mel energies before the log (sphinxbase's LOG_FLOOR). */
  readonly logFloor: number;
}

/** The pinned front end of docs/SPHINX.md. */
export const SPHINX_FE_CONFIG: SphinxFeConfig = Object.freeze({
  sampleRateHz: 16_000,
  frameShiftSamples: 160,
  frameLengthSamples: 410,
  fftSize: 512,
  preEmphasis: 0.97,
  lowerFilterHz: 130,
  upperFilterHz: 6_800,
  melFilters: 25,
  cepstra: 13,
  lifter: 22,
  transform: 'dct',
  feature: '1s_c_d_dd',
  streams: Object.freeze([Object.freeze([0, 13] as const), Object.freeze([13, 26] as const), Object.freeze([26, 39] as const)]),
  cmn: 'batch',
  logFloor: 1e-4,
} as const);

/** Dimension of one `1s_c_d_dd` feature vector. */
export const SPHINX_FEATURE_DIMS = 39;

/** True when two front-end configs give the same features. */
export function sameSphinxFeConfig(a: SphinxFeConfig, b: SphinxFeConfig): boolean {
  return (
    a.sampleRateHz === b.sampleRateHz &&
    a.frameShiftSamples === b.frameShiftSamples &&
    a.frameLengthSamples === b.frameLengthSamples &&
    a.fftSize === b.fftSize &&
    a.preEmphasis === b.preEmphasis &&
    a.lowerFilterHz === b.lowerFilterHz &&
    a.upperFilterHz === b.upperFilterHz &&
    a.melFilters === b.melFilters &&
    a.cepstra === b.cepstra &&
    a.lifter === b.lifter &&
    a.transform === b.transform &&
    a.feature === b.feature &&
    a.cmn === b.cmn &&
    a.logFloor === b.logFloor &&
    JSON.stringify(a.streams) === JSON.stringify(b.streams)
  );
}

/** Frames sphinxbase makes of `sampleCount` samples: the full frames plus one from the remainder. */
export function sphinxFrameCount(sampleCount: number, config: SphinxFeConfig = SPHINX_FE_CONFIG): number {
  if (sampleCount <= 0) return 0;
  if (sampleCount < config.frameLengthSamples) return 1;
  return 2 + Math.floor((sampleCount - config.frameLengthSamples) / config.frameShiftSamples);
}

/** Samples frame `index` reads, `[start, end)` (the last frame is shorter and zero-padded). */
export function sphinxFrameSpan(index: number, sampleCount: number, config: SphinxFeConfig = SPHINX_FE_CONFIG): { start: number; end: number } {
  const start = index * config.frameShiftSamples;
  return { start, end: Math.min(sampleCount, start + config.frameLengthSamples) };
}

/** Time of frame `index`'s centre in seconds (a full frame's centre: 160·i + 205 samples). */
export function sphinxFrameCentreSeconds(index: number, config: SphinxFeConfig = SPHINX_FE_CONFIG): number {
  return (index * config.frameShiftSamples + config.frameLengthSamples / 2) / config.sampleRateHz;
}

const f32 = Math.fround;

/** A mel filterbank as sphinxbase's `fe_build_melfilters` builds it (float32 arithmetic throughout). */
export interface SphinxMelFilters {
  /** First FFT bin of each filter. */
  readonly start: Int32Array;
  /** Bins in each filter. */
  readonly width: Int32Array;
  /** Offset of each filter's weights in `weights`. */
  readonly offset: Int32Array;
  /** Float32 weights, filters concatenated. */
  readonly weights: Float32Array;
}

/** Builds the filterbank exactly as sphinxbase does: round_filters and unit_area on, no warping. */
export function sphinxMelFilters(config: SphinxFeConfig = SPHINX_FE_CONFIG): SphinxMelFilters {
  const mel = (hz: number): number => f32(2595.0 * Math.log10(1.0 + hz / 700.0));
  const melInv = (m: number): number => f32(700.0 * (Math.pow(10.0, m / 2595.0) - 1.0));
  const n = config.melFilters;
  const melMin = mel(f32(config.lowerFilterHz));
  const melMax = mel(f32(config.upperFilterHz));
  const melBw = f32(f32(melMax - melMin) / (n + 1));
  const fftFreq = f32(f32(config.sampleRateHz) / config.fftSize);
  const half = config.fftSize / 2;
  const start = new Int32Array(n);
  const width = new Int32Array(n);
  const offset = new Int32Array(n);
  const edges: number[][] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const freqs = [0, 1, 2].map((j) => {
      const hz = melInv(f32(f32((i + j) * melBw) + melMin));
      return f32(Math.trunc(f32(hz / fftFreq) + 0.5) * fftFreq);
    });
    edges.push(freqs);
    start[i] = -1;
    for (let j = 0; j <= half; j++) {
      const hz = f32(j * fftFreq);
      if (hz < freqs[0]) continue;
      if (hz > freqs[2] || j === half) {
        width[i] = j - start[i];
        offset[i] = total;
        total += width[i];
        break;
      }
      if (start[i] === -1) start[i] = j;
    }
  }
  const weights = new Float32Array(total);
  for (let i = 0; i < n; i++) {
    const [lo, mid, hi] = edges[i];
    const area = f32(2 / f32(hi - lo));
    for (let j = 0; j < width[i]; j++) {
      const hz = f32((start[i] + j) * fftFreq);
      const up = f32(f32(f32(hz - lo) / f32(mid - lo)) * area);
      const down = f32(f32(f32(hi - hz) / f32(hi - mid)) * area);
      weights[offset[i] + j] = up < down ? up : down;
    }
  }
  return { start, width, offset, weights };
}

/** Cepstra of a clip: `frames × 13` float32, row-major. */
export interface SphinxCepstra {
  readonly frames: number;
  readonly data: Float32Array;
}

/** A reusable front end: filters, window, DCT and lifter computed once. */
export interface SphinxFrontEnd {
  readonly config: SphinxFeConfig;
  /** MFCCs of 16 kHz samples in [−1, 1] (no CMN). */
  cepstra(samples16k: Float32Array): SphinxCepstra;
}

/** Creates the front end (filterbank, window, DCT table and lifter built once). */
export function createSphinxFrontEnd(config: SphinxFeConfig = SPHINX_FE_CONFIG): SphinxFrontEnd {
  if (config.transform !== 'dct') throw new RangeError(`only the "dct" transform is implemented, got "${String(config.transform)}"`);
  const frameLength = config.frameLengthSamples;
  const shift = config.frameShiftSamples;
  const nFft = config.fftSize;
  const nBins = nFft / 2 + 1;
  const nFilt = config.melFilters;
  const nCep = config.cepstra;
  const alpha = f32(config.preEmphasis);
  const fft = createRealFft(nFft);
  const filters = sphinxMelFilters(config);

  const halfWindow = new Float64Array(frameLength >> 1);
  for (let i = 0; i < halfWindow.length; i++) halfWindow[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (frameLength - 1));
  const window = new Float64Array(frameLength);
  for (let i = 0; i < halfWindow.length; i++) {
    window[i] = halfWindow[i];
    window[frameLength - 1 - i] = halfWindow[i];
  }
  // An odd length leaves the middle sample unwindowed, as sphinxbase does.
  if (frameLength % 2 === 1) window[frameLength >> 1] = 1;

  const cosine = new Float32Array(nCep * nFilt);
  const step = Math.PI / nFilt;
  for (let i = 0; i < nCep; i++) for (let j = 0; j < nFilt; j++) cosine[i * nFilt + j] = Math.cos(step * i * (j + 0.5));
  const sqrtInvN = f32(Math.sqrt(1.0 / nFilt));
  const sqrtInv2N = f32(Math.sqrt(2.0 / nFilt));
  const lifter = new Float32Array(nCep);
  const lifterHalf = Math.trunc(config.lifter / 2);
  for (let i = 0; i < nCep; i++) lifter[i] = config.lifter ? 1 + lifterHalf * Math.sin((i * Math.PI) / config.lifter) : 1;

  const frame = new Float64Array(nFft);
  const power = new Float64Array(nBins);
  const logMel = new Float64Array(nFilt);

  function cepstra(samples16k: Float32Array): SphinxCepstra {
    const n = samples16k.length;
    const frames = sphinxFrameCount(n, config);
    const data = new Float32Array(frames * nCep);
    const pcm = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = Math.round(samples16k[i] * 32768);
      pcm[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    for (let t = 0; t < frames; t++) {
      const begin = t * shift;
      const len = Math.min(frameLength, n - begin);
      frame[0] = pcm[begin] - (begin > 0 ? pcm[begin - 1] : 0) * alpha;
      for (let k = 1; k < len; k++) frame[k] = pcm[begin + k] - pcm[begin + k - 1] * alpha;
      for (let k = 0; k < len; k++) frame[k] *= window[k];
      frame.fill(0, len);
      fft.powerSpectrum(frame, power);
      for (let m = 0; m < nFilt; m++) {
        const s = filters.start[m];
        const o = filters.offset[m];
        let acc = 0;
        for (let k = 0; k < filters.width[m]; k++) acc += power[s + k] * filters.weights[o + k];
        logMel[m] = Math.log(acc + config.logFloor);
      }
      const row = t * nCep;
      let c0 = f32(logMel[0]);
      for (let j = 1; j < nFilt; j++) c0 = f32(c0 + logMel[j]);
      data[row] = f32(f32(c0 * sqrtInvN) * lifter[0]);
      for (let i = 1; i < nCep; i++) {
        let acc = 0;
        const base = i * nFilt;
        for (let j = 0; j < nFilt; j++) acc = f32(acc + logMel[j] * cosine[base + j]);
        data[row + i] = f32(f32(acc * sqrtInv2N) * lifter[i]);
      }
    }
    return { frames, data };
  }

  return { config, cepstra };
}

let defaultFrontEnd: SphinxFrontEnd | undefined;

/** MFCCs with the pinned config (no CMN): `frames × 13`. */
export function sphinxCepstra(samples16k: Float32Array): SphinxCepstra {
  defaultFrontEnd ??= createSphinxFrontEnd();
  return defaultFrontEnd.cepstra(samples16k);
}

/**
 * Batch CMN in place, as sphinxbase's `cmn()`: the mean over frames whose c0 is ≥ 0, accumulated in
 * float32, subtracted from every frame. When no frame qualifies (sphinxbase would divide by zero)
 * the cepstra are left as they are. Returns the mean.
 */
export function batchCmn(cep: Float32Array, frames: number, dims = SPHINX_FE_CONFIG.cepstra): Float32Array {
  const mean = new Float32Array(dims);
  let counted = 0;
  for (let t = 0; t < frames; t++) {
    const row = t * dims;
    if (cep[row] < 0) continue;
    for (let i = 0; i < dims; i++) mean[i] = mean[i] + cep[row + i];
    counted++;
  }
  if (counted === 0) return mean.fill(0);
  for (let i = 0; i < dims; i++) mean[i] = mean[i] / counted;
  for (let t = 0; t < frames; t++) {
    const row = t * dims;
    for (let i = 0; i < dims; i++) cep[row + i] = cep[row + i] - mean[i];
  }
  return mean;
}

/**
 * The `1s_c_d_dd` features of (normalised) cepstra: `frames × 39`, [c, Δ, ΔΔ] with
 * Δ(t) = c(t+2) − c(t−2) and ΔΔ(t) = (c(t+3) − c(t−1)) − (c(t+1) − c(t−3)); frames before the first
 * and after the last repeat the first and last frame (sphinxbase's padding of 3 frames each side).
 */
export function deltaFeatures(cep: Float32Array, frames: number, dims = SPHINX_FE_CONFIG.cepstra): Float32Array {
  const out = new Float32Array(frames * dims * 3);
  const at = (t: number): number => (t < 0 ? 0 : t >= frames ? frames - 1 : t) * dims;
  for (let t = 0; t < frames; t++) {
    const row = t * dims * 3;
    const c = at(t);
    const p2 = at(t + 2), m2 = at(t - 2), p3 = at(t + 3), m1 = at(t - 1), p1 = at(t + 1), m3 = at(t - 3);
    for (let i = 0; i < dims; i++) {
      out[row + i] = cep[c + i];
      out[row + dims + i] = cep[p2 + i] - cep[m2 + i];
      const d1 = f32(cep[p3 + i] - cep[m1 + i]);
      const d2 = f32(cep[p1 + i] - cep[m3 + i]);
      out[row + 2 * dims + i] = d1 - d2;
    }
  }
  return out;
}

/** Features of a clip: `frames × 39` float32, row-major. */
export interface SphinxFeatures {
  readonly frames: number;
  readonly data: Float32Array;
}

/** The full chain of the en-us model: MFCC → batch CMN → `1s_c_d_dd`. */
export function sphinxFeatures(samples16k: Float32Array): SphinxFeatures {
  const { frames, data: cep } = sphinxCepstra(samples16k);
  batchCmn(cep, frames);
  return { frames, data: deltaFeatures(cep, frames) };
}
