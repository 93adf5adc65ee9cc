/**
 * Measuring which log-mel path is faster on this device: a fixed two-second probe clip through the
 * WebGPU program (one untimed warm-up, then the best of a few runs) against the CPU reference (best
 * of as many runs). The outcome is remembered per browser and adapter in localStorage, so later
 * visits skip the probe; the reason the user sees quotes the timings.
 */
import { DEFAULT_FEATURE_CONFIG, type LogMel } from '../dsp';

/** localStorage key prefix of the remembered choice. */
export const MEL_CHOICE_STORAGE_PREFIX = 'sotaque.melPath.v1:';
/** Length of the probe clip, seconds (at 16 kHz). */
export const MEL_PROBE_SECONDS = 2;

/** A measured (or remembered) choice: the faster path and both timings, ms per probe clip. */
export interface MelChoice {
  readonly path: 'webgpu' | 'cpu';
  readonly gpuMs: number;
  readonly cpuMs: number;
  readonly remembered: boolean;
}

/** Storage with the two methods the choice needs (localStorage in browsers). */
export type MelChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface MeasureMelOptions {
  /** The adapter's description: part of the key under which the choice is remembered. */
  readonly adapter: string;
  readonly gpu: (samples16k: Float32Array) => Promise<LogMel>;
  readonly cpu: (samples16k: Float32Array) => LogMel;
  /** Timed runs per path after the GPU's warm-up (default 3; the fastest counts). */
  readonly repetitions?: number;
  /** Where the choice is remembered (default localStorage where there is one; null: never). */
  readonly storage?: MelChoiceStorage | null;
  /** Milliseconds, monotonic (default performance.now). */
  readonly now?: () => number;
}

/** A deterministic probe: a gliding tone with its harmonics over low noise, 16 kHz. */
export function melProbeClip(seconds = MEL_PROBE_SECONDS, rateHz = DEFAULT_FEATURE_CONFIG.sampleRateHz): Float32Array {
  const out = new Float32Array(Math.round(seconds * rateHz));
  let seed = 12_345;
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    phase += (2 * Math.PI * (120 + (180 * i) / out.length)) / rateHz;
    out[i] = 0.2 * Math.sin(phase) + 0.1 * Math.sin(3 * phase) + 0.05 * Math.sin(7 * phase) + 0.01 * (seed / 2 ** 32 - 0.5);
  }
  return out;
}

function browserStorage(): MelChoiceStorage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage access can throw (privacy settings): measure every time then
  }
}

function storageKey(adapter: string): string {
  const agent = typeof navigator !== 'undefined' ? navigator.userAgent : 'node';
  return `${MEL_CHOICE_STORAGE_PREFIX}${agent}|${adapter}`;
}

function parseRemembered(text: string | null): Omit<MelChoice, 'remembered'> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<MelChoice>;
    if ((value.path === 'webgpu' || value.path === 'cpu') && typeof value.gpuMs === 'number' && typeof value.cpuMs === 'number') {
      return { path: value.path, gpuMs: value.gpuMs, cpuMs: value.cpuMs };
    }
  } catch {
    // a damaged entry is measured again below
  }
  return null;
}

/** The faster path on this device, remembered or measured (a GPU run that throws propagates: the caller falls back). */
export async function measureMelChoice(options: MeasureMelOptions): Promise<MelChoice> {
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const key = storageKey(options.adapter);
  const remembered = parseRemembered(storage?.getItem(key) ?? null);
  if (remembered) return { ...remembered, remembered: true };
  const now = options.now ?? (() => performance.now());
  const repetitions = Math.max(1, options.repetitions ?? 3);
  const clip = melProbeClip();
  await options.gpu(clip); // pipelines and buffers are created on the first run
  let gpuMs = Infinity;
  let cpuMs = Infinity;
  for (let r = 0; r < repetitions; r++) {
    let t = now();
    await options.gpu(clip);
    gpuMs = Math.min(gpuMs, now() - t);
    t = now();
    options.cpu(clip);
    cpuMs = Math.min(cpuMs, now() - t);
  }
  const choice = { path: gpuMs < cpuMs ? ('webgpu' as const) : ('cpu' as const), gpuMs, cpuMs };
  try {
    storage?.setItem(key, JSON.stringify(choice));
  } catch {
    // a full or refused storage only means measuring again next visit
  }
  return { ...choice, remembered: false };
}

/** The reason shown for a measured choice, e.g. "CPU: measured faster than WebGPU on swiftshader (CPU 3.1 ms, WebGPU 12.0 ms per 2 s)". */
export function measuredReason(choice: MelChoice, where: string): string {
  const timings = `CPU ${choice.cpuMs.toFixed(1)} ms, WebGPU ${choice.gpuMs.toFixed(1)} ms per ${MEL_PROBE_SECONDS} s${choice.remembered ? ', remembered' : ''}`;
  return choice.path === 'webgpu' ? `WebGPU on ${where} (measured faster than the CPU: ${timings})` : `CPU: measured faster than WebGPU on ${where} (${timings})`;
}
