/**
 * Benchmark row for `npm run bench`: posteriors for a clip (3 s by default) with the shipped model on
 * tfjs in Node, through src/model (load and warm-up excluded). Run alone:
 *   npx tsx training/eval/modelBench.ts [--backend wasm] [--seconds 3] [--runs 30]
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_FEATURE_CONFIG, frameCount } from '../../src/dsp';
import { createPhoneModelFromDir } from '../../src/model/node';
import type { BackendName } from '../../src/model/types';

export const SHIPPED_MODEL_DIR = fileURLToPath(new URL('../../public/models/phones/', import.meta.url));

export interface ModelBenchOptions {
  /** Model folder (default: the shipped model). */
  readonly dir?: string;
  readonly backend?: BackendName;
  /** Clip length in seconds (default 3 → 298 frames). */
  readonly seconds?: number;
  /** Timed runs after 3 untimed ones (default 30). */
  readonly runs?: number;
}

export interface ModelBenchResult {
  readonly name: string;
  readonly backend: BackendName;
  readonly frames: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly runs: number;
  readonly weightsBytes: number;
}

/** Times `posteriors` (one forward pass, tensor upload and read-back included) on a clip of random features. */
export async function benchPhoneModel(options: ModelBenchOptions = {}): Promise<ModelBenchResult> {
  const backend = options.backend ?? 'wasm';
  const seconds = options.seconds ?? 3;
  const runs = options.runs ?? 30;
  const frames = frameCount(Math.round(seconds * DEFAULT_FEATURE_CONFIG.sampleRateHz));
  const model = await createPhoneModelFromDir(options.dir ?? SHIPPED_MODEL_DIR, { backend });
  await model.ensureLoaded();
  const data = new Float32Array(frames * 64);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 1.5;
  const clip = { data, frames, bands: 64 };
  for (let i = 0; i < 3; i++) await model.posteriors(clip);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await model.posteriors(clip);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const weights = model.metadata?.weights as { bytes?: number } | undefined;
  model.dispose();
  return {
    name: `phone posteriors, ${seconds} s clip (${frames} frames), tfjs-${backend}, Node`,
    backend,
    frames,
    medianMs: times[Math.floor(times.length / 2)],
    p90Ms: times[Math.floor(times.length * 0.9)],
    minMs: times[0],
    runs,
    weightsBytes: weights?.bytes ?? 0,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const result = await benchPhoneModel({
    backend: (arg('backend') as BackendName | undefined) ?? 'wasm',
    seconds: arg('seconds') ? Number(arg('seconds')) : undefined,
    runs: arg('runs') ? Number(arg('runs')) : undefined,
    dir: arg('dir'),
  });
  console.log(JSON.stringify(result));
}
