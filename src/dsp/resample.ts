/**
 * Rational-ratio resampling with a Kaiser-windowed sinc low-pass (polyphase).
 *
 * The rate change L/M = to/from in lowest terms. Conceptually the input is upsampled by L (zeros
 * inserted), low-pass filtered at the lower rate's Nyquist, and every M-th sample kept; the polyphase
 * form only evaluates the taps that meet non-zero input: output n sits at upsampled position
 * p = n·M + D (D = filter delay), and sums x[i]·h[p − i·L] over the input samples i in reach.
 * The filter passes up to 95% of the lower Nyquist and stops from the Nyquist on, so for 16 kHz
 * output: flat to 7.6 kHz, ≥ 75 dB down from 8 kHz (docs/CONTRACTS.md asks for 0.1 dB and 60 dB).
 */

/** Quality settings of the anti-aliasing filter. */
export interface ResamplerOptions {
  /** End of the passband as a fraction of the lower rate's Nyquist frequency. */
  readonly passbandFraction?: number;
  /** Stopband attenuation of the Kaiser design, in dB. */
  readonly stopbandAttenuationDb?: number;
}

const DEFAULT_OPTIONS: Required<ResamplerOptions> = { passbandFraction: 0.95, stopbandAttenuationDb: 75 };

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

interface PolyphaseFilter {
  readonly up: number;
  readonly down: number;
  /** Taps per phase (the same for all phases). */
  readonly taps: number;
  /** phases[j0][taps − 1 − k] = L·h[j0 + k·L]: reversed, so the inner loop walks input and taps forwards. */
  readonly phases: Float64Array[];
  /** Delay in input samples, as ⌊D/L⌋ with D = halfTaps·L. */
  readonly halfTaps: number;
}

const filters = new Map<string, PolyphaseFilter>();

function designFilter(up: number, down: number, fromHz: number, toHz: number, options: Required<ResamplerOptions>): PolyphaseFilter {
  const key = `${up}/${down}/${options.passbandFraction}/${options.stopbandAttenuationDb}`;
  const cached = filters.get(key);
  if (cached) return cached;
  const nyquistLow = Math.min(fromHz, toHz) / 2;
  const passHz = options.passbandFraction * nyquistLow;
  const stopHz = nyquistLow;
  const upRateHz = fromHz * up;
  const cutoff = (passHz + stopHz) / 2 / upRateHz; // cycles per upsampled sample
  const transition = (2 * Math.PI * (stopHz - passHz)) / upRateHz; // radians per upsampled sample
  const a = options.stopbandAttenuationDb;
  const beta = a > 50 ? 0.1102 * (a - 8.7) : a > 21 ? 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21) : 0;
  const minLength = Math.ceil((a - 7.95) / (2.285 * transition)) + 1;
  const halfTaps = Math.ceil(minLength / (2 * up));
  const length = 2 * halfTaps * up + 1;
  const centre = halfTaps * up;
  const h = new Float64Array(length);
  const i0Beta = besselI0(beta);
  let sum = 0;
  for (let j = 0; j < length; j++) {
    const t = j - centre;
    const x = 2 * cutoff * t;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const r = t / centre;
    const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
    h[j] = 2 * cutoff * sinc * w;
    sum += h[j];
  }
  const gain = up / sum; // each phase then has unit DC gain
  const taps = 2 * halfTaps + 1;
  const phases: Float64Array[] = [];
  for (let j0 = 0; j0 < up; j0++) {
    const phase = new Float64Array(taps);
    for (let k = 0; k < taps; k++) {
      const j = j0 + k * up;
      // Rounded through float32 as the taps always were, so outputs stay the same up to summation order.
      phase[taps - 1 - k] = j < length ? Math.fround(h[j] * gain) : 0;
    }
    phases.push(phase);
  }
  const filter = { up, down, taps, phases, halfTaps };
  filters.set(key, filter);
  return filter;
}

function checkRates(fromHz: number, toHz: number): void {
  if (!Number.isInteger(fromHz) || !Number.isInteger(toHz) || fromHz <= 0 || toHz <= 0) {
    throw new RangeError(`Sample rates must be positive integers, got ${fromHz} → ${toHz}`);
  }
}

function filterFor(fromHz: number, toHz: number, options: ResamplerOptions): PolyphaseFilter {
  const g = gcd(fromHz, toHz);
  return designFilter(toHz / g, fromHz / g, fromHz, toHz, { ...DEFAULT_OPTIONS, ...options });
}

/**
 * Writes outputs [from, to) into `out`. `padded` holds the input with `taps` zeros before it (and zeros
 * after it where the input has ended); output o reads padded[oldest(o) … oldest(o) + taps − 1].
 */
function renderOutputs(filter: PolyphaseFilter, padded: Float64Array, out: Float32Array, from: number, to: number): void {
  const { up, down, taps, phases, halfTaps } = filter;
  for (let o = from; o < to; o++) {
    // Upsampled position p = o·M + halfTaps·L; newest input index i = ⌊p/L⌋, phase j0 = p − i·L.
    const q = o * down;
    const base = Math.floor(q / up);
    const j0 = q - base * up;
    const oldest = base + halfTaps + 1; // index into `padded` of the tap phase[0] meets
    const phase = phases[j0];
    // Four partial sums: independent additions keep the CPU's pipeline full.
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let k = 0;
    for (; k + 3 < taps; k += 4) {
      a0 += phase[k] * padded[oldest + k];
      a1 += phase[k + 1] * padded[oldest + k + 1];
      a2 += phase[k + 2] * padded[oldest + k + 2];
      a3 += phase[k + 3] * padded[oldest + k + 3];
    }
    for (; k < taps; k++) a0 += phase[k] * padded[oldest + k];
    out[o] = a0 + a1 + (a2 + a3);
  }
}

/** Index into `padded` of the last input output o reads. */
const lastRead = (filter: PolyphaseFilter, o: number) => Math.floor((o * filter.down) / filter.up) + filter.halfTaps + filter.taps;

/** Resamples `samples` from `fromHz` to `toHz` (both positive integers). Same rate returns a copy. */
export function resample(samples: Float32Array, fromHz: number, toHz: number, options: ResamplerOptions = {}): Float32Array {
  checkRates(fromHz, toHz);
  if (fromHz === toHz) return samples.slice();
  const filter = filterFor(fromHz, toHz, options);
  const n = samples.length;
  const out = new Float32Array(Math.ceil((n * filter.up) / filter.down));
  // Pad the input with zeros on both sides so the inner loop has no bounds checks.
  const padded = new Float64Array(n + 2 * filter.taps);
  padded.set(samples, filter.taps);
  renderOutputs(filter, padded, out, 0, out.length);
  return out;
}

/** A resampler fed block by block (e.g. while recording); `finish` gives exactly `resample` of all the blocks. */
export interface StreamingResampler {
  /** Input samples pushed so far. */
  readonly pushed: number;
  push(block: Float32Array): void;
  /** The whole output; the resampler is spent afterwards. */
  finish(): Float32Array;
}

/**
 * Streaming form of `resample`: each pushed block renders every output whose inputs have all
 * arrived, so `finish` only renders the last few (about half a filter length). Same arithmetic, same
 * output, bit for bit.
 */
export function createStreamingResampler(fromHz: number, toHz: number, options: ResamplerOptions = {}): StreamingResampler {
  checkRates(fromHz, toHz);
  const filter = fromHz === toHz ? null : filterFor(fromHz, toHz, options);
  const taps = filter?.taps ?? 0;
  let padded = new Float64Array(taps + 16_384);
  let pushed = 0;
  let out = new Float32Array(0);
  let rendered = 0;
  let spent = false;
  const raw: Float32Array[] = [];
  return {
    get pushed() {
      return pushed;
    },
    push(block) {
      if (spent) throw new Error('This resampler has finished; create a new one.');
      if (!filter) {
        raw.push(block.slice());
        pushed += block.length;
        return;
      }
      // Room for the input so far plus the zero padding `finish` needs.
      if (taps + pushed + block.length + taps > padded.length) {
        const grown = new Float64Array(Math.max(2 * padded.length, taps + pushed + block.length + taps));
        grown.set(padded.subarray(0, taps + pushed));
        padded = grown;
      }
      padded.set(block, taps + pushed);
      pushed += block.length;
      // Outputs that read only inputs already here (the end of the input is not known yet).
      let ready = rendered;
      while (lastRead(filter, ready) < taps + pushed) ready++;
      if (ready > out.length) {
        const grown = new Float32Array(Math.max(2 * out.length, ready, 4096));
        grown.set(out.subarray(0, rendered));
        out = grown;
      }
      renderOutputs(filter, padded, out, rendered, ready);
      rendered = ready;
    },
    finish() {
      if (spent) throw new Error('This resampler has finished; create a new one.');
      spent = true;
      if (!filter) {
        const all = new Float32Array(pushed);
        let offset = 0;
        for (const block of raw) {
          all.set(block, offset);
          offset += block.length;
        }
        return all;
      }
      const total = Math.ceil((pushed * filter.up) / filter.down);
      const result = new Float32Array(total);
      result.set(out.subarray(0, Math.min(rendered, total)));
      if (padded.length < taps + pushed + taps) {
        const grown = new Float64Array(taps + pushed + taps);
        grown.set(padded.subarray(0, taps + pushed));
        padded = grown;
      }
      padded.fill(0, taps + pushed);
      renderOutputs(filter, padded, result, Math.min(rendered, total), total);
      return result;
    },
  };
}

/** Resamples to the 16 kHz of the feature contract. */
export function resampleTo16k(samples: Float32Array, fromHz: number): Float32Array {
  return resample(samples, fromHz, 16_000);
}
