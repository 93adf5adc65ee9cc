/** Signal checks for the end-to-end tests: cross-correlation, frame levels, log-mel comparison. */
import type { LogMel } from '../../src/dsp';

/** In-place iterative radix-2 complex FFT (`inverse` unscaled). `re.length` must be a power of two. */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / size;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let start = 0; start < n; start += size) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < size / 2; k++) {
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        [cr, ci] = [cr * wr - ci * wi, cr * wi + ci * wr];
      }
    }
  }
}

/**
 * Peak of the normalised cross-correlation of `reference` within `recorded` (same rate), over all
 * lags: r(lag) = Σ ref[i]·rec[i + lag] / √(Σ ref² · Σ rec² over the window the reference covers).
 * `lag` > 0: the reference starts `lag` samples into the recording.
 */
export function correlationPeak(reference: Float32Array, recorded: Float32Array): { peak: number; lag: number } {
  const m = reference.length;
  const n = recorded.length;
  let size = 1;
  while (size < m + n) size <<= 1;
  const xr = new Float64Array(size);
  const xi = new Float64Array(size);
  const yr = new Float64Array(size);
  const yi = new Float64Array(size);
  xr.set(reference);
  yr.set(recorded);
  fft(xr, xi, false);
  fft(yr, yi, false);
  for (let k = 0; k < size; k++) {
    // conj(X)·Y
    const r = xr[k] * yr[k] + xi[k] * yi[k];
    const i = xr[k] * yi[k] - xi[k] * yr[k];
    yr[k] = r;
    yi[k] = i;
  }
  fft(yr, yi, true);
  let referenceEnergy = 0;
  for (const x of reference) referenceEnergy += x * x;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + recorded[i] * recorded[i];
  let best = { peak: 0, lag: 0 };
  for (let lag = -(m - 1); lag <= n - 1; lag++) {
    const from = Math.max(0, lag);
    const to = Math.min(n, lag + m);
    const windowEnergy = prefix[to] - prefix[from];
    if (windowEnergy <= 1e-9) continue;
    const c = yr[(lag + size) % size] / size;
    const r = c / Math.sqrt(referenceEnergy * windowEnergy);
    if (r > best.peak) best = { peak: r, lag };
  }
  return best;
}

/** RMS level in dBFS (−120 for digital silence) of the 25 ms window centred at `seconds`. */
export function levelDbAt(samples: Float32Array, sampleRateHz: number, seconds: number): number {
  const half = Math.round(0.0125 * sampleRateHz);
  const centre = Math.round(seconds * sampleRateHz);
  const from = Math.max(0, centre - half);
  const to = Math.min(samples.length, centre + half);
  if (to <= from) return -120;
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / (to - from));
  return rms > 1e-6 ? 20 * Math.log10(rms) : -120;
}

/** Largest and 99th-percentile |a − b| over the cells where the reference `b` is above `floor`. */
export function compareLogMel(a: LogMel, b: LogMel, floor: number): { maxAbs: number; p99: number; cells: number } {
  if (a.frames !== b.frames || a.bands !== b.bands) throw new Error(`shapes differ: ${a.frames}×${a.bands} vs ${b.frames}×${b.bands}`);
  const diffs: number[] = [];
  for (let i = 0; i < b.data.length; i++) if (b.data[i] > floor) diffs.push(Math.abs(a.data[i] - b.data[i]));
  diffs.sort((x, y) => x - y);
  const at = (q: number) => (diffs.length ? diffs[Math.min(diffs.length - 1, Math.floor(q * diffs.length))] : 0);
  return { maxAbs: at(1), p99: at(0.99), cells: diffs.length };
}

/** Mean over bands of each frame of a log-mel (ln energy). */
export function frameMeans(logMel: LogMel): Float64Array {
  const means = new Float64Array(logMel.frames);
  for (let f = 0; f < logMel.frames; f++) {
    let sum = 0;
    for (let b = 0; b < logMel.bands; b++) sum += logMel.data[f * logMel.bands + b];
    means[f] = sum / logMel.bands;
  }
  return means;
}
