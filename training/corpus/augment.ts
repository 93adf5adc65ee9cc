/**
 * Waveform augmentation at the engine's native rate, recorded per example and reproducible from
 * its seed. One sox process per copy runs the whole effect chain (tempo or speed, pitch, reverb,
 * band limit); noise (white, pink, brown or babble from utterances of the same voice) and gain are
 * added here afterwards. Tempo and speed change the duration: labels are scaled by `timeScale`.
 * The final resampling to 16 kHz is never sox's: it is src/dsp's (docs/CONTRACTS.md).
 */
import { spawnSync } from 'node:child_process';
import { Rng } from './rng';
import type { PhoneSpan } from './phoneMap';

/** The rooms reverb draws from: sox `reverb` reverberance %, HF damping %, room scale %. */
export const ROOMS = {
  booth: { reverberance: 20, hfDamping: 70, roomScale: 15 },
  office: { reverberance: 40, hfDamping: 50, roomScale: 40 },
  classroom: { reverberance: 60, hfDamping: 40, roomScale: 70 },
  hall: { reverberance: 85, hfDamping: 25, roomScale: 100 },
} as const;
export type Room = keyof typeof ROOMS;

export type NoiseKind = 'white' | 'pink' | 'brown' | 'babble';

/** Everything that was done to one copy (written to the index). */
export interface AugmentParams {
  tempo?: number;
  speed?: number;
  pitchCents?: number;
  reverb?: { room: Room; reverberance: number; hfDamping: number; roomScale: number; preDelayMs: number };
  band?: { kind: 'telephone' | 'lowpass'; lowHz: number; highHz: number };
  noise?: { kind: NoiseKind; snrDb: number };
  gainDb: number;
}

/** An augmentation: a name listing its parts, its seed and its parameters. */
export interface Augmentation {
  readonly kind: string;
  readonly seed: number;
  readonly params: AugmentParams;
}

/** The clean copy. */
export const CLEAN: Augmentation = Object.freeze({ kind: 'clean', seed: 0, params: { gainDb: 0 } });

/** Draws the augmentation of one copy from its seed: at least two parts besides gain. */
export function drawAugmentation(seed: number): Augmentation {
  const rng = new Rng(seed);
  for (;;) {
    const p: AugmentParams = { gainDb: round(rng.uniform(-18, 6), 1) };
    const parts: string[] = [];
    const t = rng.next();
    if (t < 0.45) {
      p.tempo = round(Math.exp(rng.uniform(Math.log(0.8), Math.log(1.25))), 3);
      parts.push('tempo');
    } else if (t < 0.7) {
      p.speed = round(Math.exp(rng.uniform(Math.log(0.88), Math.log(1.12))), 3);
      parts.push('speed');
    }
    if (rng.chance(0.45)) {
      const cents = Math.round(rng.uniform(100, 450));
      p.pitchCents = rng.chance(0.5) ? cents : -cents;
      parts.push('pitch');
    }
    if (rng.chance(0.4)) {
      const room = rng.pick(Object.keys(ROOMS) as Room[]);
      p.reverb = { room, ...ROOMS[room], preDelayMs: Math.round(rng.uniform(0, 25)) };
      parts.push('reverb');
    }
    const b = rng.next();
    if (b < 0.15) {
      p.band = { kind: 'telephone', lowHz: 300, highHz: 3400 };
      parts.push('telephone');
    } else if (b < 0.25) {
      p.band = { kind: 'lowpass', lowHz: 0, highHz: Math.round(rng.uniform(3500, 5500)) };
      parts.push('lowpass');
    }
    if (rng.chance(0.6)) {
      p.noise = { kind: rng.weighted<NoiseKind>(['white', 'pink', 'brown', 'babble'], [2, 3, 1, 2]), snrDb: rng.pick([5, 10, 15, 20, 30]) };
      parts.push('noise');
    }
    if (parts.length >= 2) return { kind: [...parts, 'gain'].join('+'), seed, params: p };
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The sox effect chain for the parameters at `rateHz` (empty when sox has nothing to do). */
export function soxEffects(p: AugmentParams, rateHz: number): string[] {
  // A band edge must stay below the Nyquist frequency (flite's kal voice runs at 8 kHz).
  const edge = (hz: number) => Math.min(hz, Math.floor(0.45 * rateHz));
  const fx: string[] = [];
  if (p.speed !== undefined) fx.push('speed', String(p.speed));
  if (p.tempo !== undefined) fx.push('tempo', '-s', String(p.tempo));
  if (p.pitchCents !== undefined) fx.push('pitch', String(p.pitchCents));
  if (p.reverb) fx.push('reverb', String(p.reverb.reverberance), String(p.reverb.hfDamping), String(p.reverb.roomScale), '100', String(p.reverb.preDelayMs), '0');
  if (p.band?.kind === 'telephone') fx.push('sinc', `${p.band.lowHz}-${edge(p.band.highHz)}`);
  if (p.band?.kind === 'lowpass') fx.push('sinc', `-${edge(p.band.highHz)}`);
  if (fx.length > 0) fx.push('channels', '1');
  return fx;
}

/** How the augmentation stretches time (labels are multiplied by this). */
export function timeScale(p: AugmentParams): number {
  return 1 / ((p.tempo ?? 1) * (p.speed ?? 1));
}

/** Runs a sox effect chain on float samples at `rateHz` (same rate out). */
export function runSox(samples: Float32Array, rateHz: number, effects: readonly string[]): Float32Array {
  if (effects.length === 0) return samples;
  const raw = ['-t', 'raw', '-r', String(rateHz), '-e', 'floating-point', '-b', '32', '-c', '1', '-L'];
  const run = spawnSync('sox', ['-q', ...raw, '-', ...raw, '-', ...effects], {
    input: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.status !== 0 || run.error) {
    throw new Error(`sox ${effects.join(' ')} at ${rateHz} Hz failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr?.toString().slice(-300) ?? ''}`);
  }
  const out = run.stdout;
  const copy = new Float32Array(Math.floor(out.byteLength / 4));
  new Uint8Array(copy.buffer).set(out.subarray(0, copy.length * 4));
  return copy;
}

/** Seeded noise of a colour: white (flat), pink (1/f, Kellet's filter), brown (1/f², leaky integrator). */
export function colouredNoise(kind: Exclude<NoiseKind, 'babble'>, length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let brown = 0;
  for (let i = 0; i < length; i++) {
    const white = rng.normal();
    if (kind === 'white') out[i] = white;
    else if (kind === 'pink') {
      b0 = 0.99765 * b0 + white * 0.099046;
      b1 = 0.963 * b1 + white * 0.2965164;
      b2 = 0.57 * b2 + white * 1.0526913;
      out[i] = b0 + b1 + b2 + white * 0.1848;
    } else {
      brown = 0.995 * brown + white * 0.1;
      out[i] = brown;
    }
  }
  return out;
}

/** Mean power of the samples inside speech (non-SIL) spans, or of all samples when there are none. */
export function speechPower(samples: Float32Array, rateHz: number, phones: readonly PhoneSpan[]): number {
  let sum = 0;
  let n = 0;
  for (const ph of phones) {
    if (ph.phone === 'SIL') continue;
    const end = Math.min(samples.length, Math.round(ph.end * rateHz));
    for (let i = Math.max(0, Math.round(ph.start * rateHz)); i < end; i++) {
      sum += samples[i] * samples[i];
      n++;
    }
  }
  if (n === 0) {
    for (const x of samples) sum += x * x;
    n = samples.length;
  }
  return n > 0 ? sum / n : 0;
}

/** Adds `noise` (looped from a random offset) so that speech power / noise power = 10^(snr/10). */
export function mixAtSnr(samples: Float32Array, noise: Float32Array, snrDb: number, signalPower: number, rng: Rng): Float32Array {
  if (noise.length === 0 || signalPower <= 0) return samples;
  let np = 0;
  for (const x of noise) np += x * x;
  np /= noise.length;
  if (np <= 0) return samples;
  const scale = Math.sqrt(signalPower / (np * 10 ** (snrDb / 10)));
  const out = new Float32Array(samples.length);
  const offset = rng.int(noise.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] + scale * noise[(offset + i) % noise.length];
  return out;
}

/** Applies gain in dB and clips to [−1, 1] as a recorder would. */
export function applyGain(samples: Float32Array, gainDb: number): Float32Array {
  const g = 10 ** (gainDb / 20);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-1, Math.min(1, samples[i] * g));
  return out;
}

/** Labels stretched by `scale` and clipped to `durationSeconds` (the tail, e.g. reverb, is silence). */
export function scaleSpans(phones: readonly PhoneSpan[], scale: number, durationSeconds: number): PhoneSpan[] {
  const out: PhoneSpan[] = [];
  for (const ph of phones) {
    const start = Math.min(ph.start * scale, durationSeconds);
    const end = Math.min(ph.end * scale, durationSeconds);
    if (end > start) out.push({ ...ph, start, end });
  }
  return out;
}

/**
 * One augmented copy: sox chain, then noise (babble drawn from `babble`, other utterances of the same
 * voice at the same rate), then gain. Returns the samples and the labels on the new time axis.
 */
export function augment(
  samples: Float32Array,
  rateHz: number,
  phones: readonly PhoneSpan[],
  aug: Augmentation,
  babble: readonly Float32Array[],
): { samples: Float32Array; phones: PhoneSpan[] } {
  const rng = new Rng(aug.seed ^ 0x5bd1e995);
  let out = runSox(samples, rateHz, soxEffects(aug.params, rateHz));
  const spans = scaleSpans(phones, timeScale(aug.params), out.length / rateHz);
  const noise = aug.params.noise;
  if (noise) {
    let source: Float32Array;
    if (noise.kind === 'babble' && babble.length > 0) {
      // Two or three other utterances summed: a murmur rather than one clear competing voice.
      source = new Float32Array(out.length);
      const voices = 2 + rng.int(2);
      for (let v = 0; v < voices; v++) {
        const other = rng.pick(babble);
        const offset = rng.int(Math.max(1, other.length));
        for (let i = 0; i < source.length; i++) source[i] += other[(offset + i) % other.length];
      }
    } else {
      source = colouredNoise(noise.kind === 'babble' ? 'pink' : noise.kind, out.length, rng);
    }
    out = mixAtSnr(out, source, noise.snrDb, speechPower(out, rateHz, spans), rng);
  }
  return { samples: applyGain(out, aug.params.gainDb), phones: spans };
}
