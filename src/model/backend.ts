/**
 * The one place that chooses the tfjs backend. Candidates are tried in order; each that initialises is
 * timed on a probe (normally one warm inference of the phone model) and the fastest wins. The choice is
 * remembered per device (user agent + GPU adapter) in localStorage, so later visits skip the measurement.
 * In Node there is no GPU: wasm, then cpu.
 *
 * WebGPU: by default tfjs-backend-webgpu acquires its own device; `configureBackends({ webgpuDevice })`
 * lets the app hand tfjs the device src/gpu already holds, so both share one GPUDevice.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelError } from './errors';
import type { BackendName } from './types';

/** Candidates measured in browsers, in order of preference when timings tie. */
export const BROWSER_CANDIDATES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/** Candidates in Node (no GPU): wasm, with cpu as the last resort. */
export const NODE_CANDIDATES: readonly BackendName[] = ['wasm', 'cpu'];
/** Where the browser build serves tfjs-backend-wasm's `.wasm` files unless configured otherwise. */
export const DEFAULT_BROWSER_WASM_PATH = '/tfjs/';
/** localStorage key prefix of the remembered choice. */
export const BACKEND_STORAGE_PREFIX = 'sotaque.tfjsBackend.v1:';

/** Settings of backend initialisation (call `configureBackends` before the first model loads). */
export interface BackendSettings {
  /** URL (browser) or directory path with trailing slash (Node) holding tfjs-backend-wasm's `.wasm` files; null = the package's default. */
  wasmPaths: string | null;
  /** Supplies the app's shared GPUDevice for tfjs-webgpu; null = let tfjs acquire its own. */
  webgpuDevice: (() => Promise<GPUDevice | null>) | null;
}

const settings: BackendSettings = { wasmPaths: null, webgpuDevice: null };
let wasmPathsApplied = false;

/** Changes backend settings; wasm paths only take effect before the wasm backend first initialises. */
export function configureBackends(update: Partial<BackendSettings>): void {
  Object.assign(settings, update);
}

/** True when running under Node (tests, CLI, evaluation). */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof window === 'undefined';
}

/** The default candidates for this runtime. */
export function defaultCandidates(): readonly BackendName[] {
  return isNode() ? NODE_CANDIDATES : BROWSER_CANDIDATES;
}

async function registerBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!wasmPathsApplied) {
      const paths = settings.wasmPaths ?? (isNode() ? null : DEFAULT_BROWSER_WASM_PATH);
      if (paths !== null) wasm.setWasmPaths(paths);
      wasmPathsApplied = true;
    }
  } else if (name === 'webgpu') {
    if (typeof navigator === 'undefined' || !('gpu' in navigator)) return;
    const webgpu = await import('@tensorflow/tfjs-backend-webgpu');
    const provide = settings.webgpuDevice;
    if (provide !== null && tf.engine().registryFactory.webgpu !== undefined && tf.findBackend('webgpu') === null) {
      tf.removeBackend('webgpu');
      tf.registerBackend('webgpu', async () => {
        const device = await provide();
        if (device === null) throw new Error('the app has no WebGPU device');
        return new webgpu.WebGPUBackend(device);
      }, 3);
    }
  }
}

/** The tfjs backend in use (for the device self-test). */
export function activeBackend(): string {
  return tf.getBackend();
}

/** Makes `name` the active backend; false when it cannot initialise here. */
export async function useBackend(name: BackendName): Promise<boolean> {
  try {
    await registerBackend(name);
    if (tf.engine().registryFactory[name] === undefined) return false;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Key identifying this device's browser and GPU for the remembered choice. */
export async function deviceKey(): Promise<string> {
  const ua = typeof navigator !== 'undefined' ? navigator.userAgent : `node ${typeof process !== 'undefined' ? process.version : ''}`;
  let adapter = 'no-webgpu';
  try {
    if (typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu) {
      const a = await navigator.gpu.requestAdapter();
      if (a) {
        const info = a.info;
        adapter = [info.vendor, info.architecture, info.device, info.description].join('/');
      }
    }
  } catch {
    adapter = 'webgpu-error';
  }
  return `${BACKEND_STORAGE_PREFIX}${ua}|${adapter}`;
}

/** Storage with the two methods the choice needs (localStorage in browsers). */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): ChoiceStorage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

/** Options of `selectBackend`. */
export interface SelectBackendOptions {
  /** Backends to try, in preference order (default: per runtime). */
  candidates?: readonly BackendName[];
  /** Work timed on each candidate (one warm inference); without it the first candidate that initialises wins. */
  probe?: () => Promise<unknown>;
  /** Timed repetitions of the probe after one untimed warm-up run (default 2; the minimum counts). */
  repetitions?: number;
  /** Where the choice is remembered (default localStorage; null disables). */
  storage?: ChoiceStorage | null;
}

/** The outcome of `selectBackend`. */
export interface BackendChoice {
  readonly name: BackendName;
  /** Probe time per candidate in ms (null: failed to initialise or probe threw); empty when remembered. */
  readonly timingsMs: Partial<Record<BackendName, number | null>>;
  readonly remembered: boolean;
}

/** Picks and activates the fastest working backend, remembering the choice per device. */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const candidates = options.candidates ?? defaultCandidates();
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const key = storage ? await deviceKey() : '';
  const remembered = storage?.getItem(key) as BackendName | null | undefined;
  if (remembered && candidates.includes(remembered) && (await useBackend(remembered))) {
    return { name: remembered, timingsMs: {}, remembered: true };
  }
  const timings: Partial<Record<BackendName, number | null>> = {};
  let best: BackendName | null = null;
  for (const name of candidates) {
    if (!(await useBackend(name))) {
      timings[name] = null;
      continue;
    }
    if (!options.probe) {
      best = name;
      break;
    }
    try {
      await options.probe();
      let fastest = Infinity;
      for (let i = 0; i < (options.repetitions ?? 2); i++) {
        const t0 = performance.now();
        await options.probe();
        fastest = Math.min(fastest, performance.now() - t0);
      }
      timings[name] = fastest;
      if (best === null || fastest < (timings[best] ?? Infinity)) best = name;
    } catch {
      timings[name] = null;
    }
  }
  if (best === null || !(await useBackend(best))) {
    throw new ModelError('NO_BACKEND', `No tfjs backend could run the phone model here (tried ${candidates.join(', ')}). Use a current Chrome, Edge, Firefox or Safari.`, { timings });
  }
  storage?.setItem(key, best);
  return { name: best, timingsMs: timings, remembered: false };
}
