import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG } from '../dsp';
import { selectBackend } from './backend';
import { ModelError } from './errors';
import { createPhoneModel } from './phoneModel';
import { PHONES } from './phones';
import { createPhoneModelFromDir, readModelFiles } from './node';
import type { BackendName, ModelFiles } from './types';

const SHIPPED = fileURLToPath(new URL('../../public/models/phones/', import.meta.url));

function randomLogMel(frames: number, seed = 1): { data: Float32Array; frames: number; bands: number } {
  const data = new Float32Array(frames * 64);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32) * 4 - 2;
  }
  return { data, frames, bands: 64 };
}

let files: ModelFiles;
beforeAll(async () => {
  files = await readModelFiles(SHIPPED);
});

function withMetadata(patch: (m: Record<string, unknown>) => void): ModelFiles {
  const metadata = structuredClone(files.metadata) as Record<string, unknown>;
  patch(metadata);
  return { ...files, metadata };
}

describe.each<BackendName>(['wasm', 'cpu'])('phone model on %s', (backend) => {
  it('loads the shipped model and gives frames × 40 posteriors whose rows sum to 1', async () => {
    const model = await createPhoneModelFromDir(SHIPPED, { backend, warmUpFrames: 20 });
    await model.ensureLoaded();
    expect(model.backend).toBe(backend);
    expect(tf.getBackend()).toBe(backend);
    expect(model.metadata?.phones).toEqual([...PHONES]);
    for (const frames of [1, 7, 298]) {
      const p = await model.posteriors(randomLogMel(frames, frames));
      expect(p.frames).toBe(frames);
      expect(p.classes).toBe(40);
      expect(p.data.length).toBe(frames * 40);
      for (let f = 0; f < frames; f++) {
        let sum = 0;
        for (let c = 0; c < 40; c++) sum += p.data[f * 40 + c];
        expect(sum).toBeCloseTo(1, 4);
      }
    }
    model.dispose();
  });

  it('does not leak tensors over repeated calls', async () => {
    const model = await createPhoneModelFromDir(SHIPPED, { backend, warmUpFrames: 10 });
    await model.ensureLoaded();
    await model.posteriors(randomLogMel(50));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await model.posteriors(randomLogMel(40 + i * 13, i));
    await model.posteriors(randomLogMel(0));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('loading', () => {
  it('ensureLoaded is safe to call twice, also concurrently', async () => {
    const model = createPhoneModel({ files, backend: 'cpu', warmUpFrames: 5 });
    await Promise.all([model.ensureLoaded(), model.ensureLoaded()]);
    const tensors = tf.memory().numTensors;
    await model.ensureLoaded();
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
    await expect(model.ensureLoaded()).rejects.toMatchObject({ code: 'MODEL_DISPOSED' });
  });

  it('refuses a model trained on other features, naming the differing fields', async () => {
    const model = createPhoneModel({
      files: withMetadata((m) => {
        m.featureConfig = { ...DEFAULT_FEATURE_CONFIG, fMaxHz: 8000, hopLengthSamples: 320 };
      }),
      backend: 'cpu',
    });
    const error = await model.ensureLoaded().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('MODEL_MISMATCH');
    expect((error as ModelError).details.fields).toEqual(['hopLengthSamples', 'fMaxHz']);
    expect((error as ModelError).message).toMatch(/fMaxHz: model 8000, app 7600/);
    expect((error as ModelError).message).toMatch(/hopLengthSamples: model 320, app 160/);
  });

  it('refuses a model whose phone list differs', async () => {
    const model = createPhoneModel({
      files: withMetadata((m) => {
        const phones = [...(m.phones as string[])];
        [phones[1], phones[2]] = [phones[2], phones[1]];
        m.phones = phones;
      }),
      backend: 'cpu',
    });
    await expect(model.ensureLoaded()).rejects.toMatchObject({ code: 'MODEL_MISMATCH', details: { fields: ['phones'], index: 1 } });
  });

  it('refuses malformed metadata and input of the wrong shape', async () => {
    const broken = createPhoneModel({ files: withMetadata((m) => delete m.recipeHash), backend: 'cpu' });
    await expect(broken.ensureLoaded()).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    const model = createPhoneModel({ files, backend: 'cpu', warmUpFrames: 5 });
    await expect(model.posteriors({ data: new Float32Array(40 * 3), frames: 3, bands: 40 })).rejects.toMatchObject({ code: 'MODEL_BAD_INPUT' });
    const empty = await model.posteriors({ data: new Float32Array(0), frames: 0, bands: 64 });
    expect(empty.frames).toBe(0);
    model.dispose();
  });
});

describe('backend selection', () => {
  it('measures the Node candidates with a probe and remembers the choice', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    let probes = 0;
    const probe = async () => {
      probes++;
      tf.tidy(() => tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]))).dispose();
    };
    const first = await selectBackend({ storage, probe });
    expect(['wasm', 'cpu']).toContain(first.name);
    expect(first.remembered).toBe(false);
    expect(Object.keys(first.timingsMs).sort()).toEqual(['cpu', 'wasm']);
    expect(probes).toBe(6);
    const second = await selectBackend({ storage, probe });
    expect(second).toMatchObject({ name: first.name, remembered: true });
    expect(probes).toBe(6);
    expect([...store.keys()][0]).toMatch(/^sotaque\.tfjsBackend\.v1:/);
  });

  it('a model without a backend option picks one by measurement', async () => {
    const model = createPhoneModel({ files, candidates: ['wasm', 'cpu'], warmUpFrames: 20 });
    await model.ensureLoaded();
    expect(['wasm', 'cpu']).toContain(model.backend);
    const p = await model.posteriors(randomLogMel(30));
    expect(p.data.length).toBe(30 * 40);
    model.dispose();
  });
});
