import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fliteRendition, timedFrameLabels } from '../../training/teacher/flite';
import { logMelSpectrogram, normalise, resampleTo16k, trimSilence } from '../dsp';
import { lessonPacks } from '../lessons/packs';
import { applyHeadWeights, fineTuneHead, headStart, readHeadWeights, shouldAdopt, splitClips, type FineTuneProgress, type HeadWeights, type TuningClip } from './finetune';
import { memoryIOHandler } from './phoneModel';
import { createPhoneModelFromDir, readModelFiles } from './node';
import { phoneIndex } from './phones';
import type { ModelFiles, Posteriors } from './types';

const SHIPPED = fileURLToPath(new URL('../../public/models/phones/', import.meta.url));

interface Item {
  readonly id: string;
  readonly text: string;
  readonly phones: readonly (readonly string[])[];
}

const items: Item[] = lessonPacks()
  .flatMap((p) => p.items)
  .filter((i) => i.kind === 'word')
  .slice(0, 9);

/** Frame labels of each clip from flite's own phone timings (the model layer knows no alignment). */
const truth = new Map<string, Int32Array>();

function clipOf(item: Item): TuningClip {
  const { samples, sampleRateHz, phones } = fliteRendition('rms', item.text);
  const s16 = resampleTo16k(samples, sampleRateHz);
  const trim = trimSilence(s16);
  const logMel = normalise(logMelSpectrogram(s16.subarray(trim.start, trim.end)));
  truth.set(item.id, timedFrameLabels(phones, logMel.frames, trim.start / 16_000, phoneIndex));
  return { id: item.id, logMel };
}

let files: ModelFiles;
let model: tf.LayersModel;
let clips: TuningClip[];
const label = (clip: TuningClip) => truth.get(clip.id) ?? null;
/** A stand-in for the assessment: a phone (a run of equal labels) is rejected when its mean posterior is under 0.5. */
const judge = (clip: TuningClip, p: Posteriors) => {
  const labels = truth.get(clip.id)!;
  let phones = 0;
  let rejected = 0;
  for (let start = 0; start < labels.length; ) {
    let end = start;
    let sum = 0;
    while (end < labels.length && labels[end] === labels[start]) sum += p.data[end++ * p.classes + labels[start]];
    if (labels[start] !== 0) {
      phones++;
      if (sum / (end - start) < 0.5) rejected++;
    }
    start = end;
  }
  return { phones, rejected };
};

async function predict(m: tf.LayersModel, clip: TuningClip): Promise<Float32Array> {
  const y = tf.tidy(() => m.predict(tf.tensor4d(clip.logMel.data, [1, clip.logMel.frames, clip.logMel.bands, 1])) as tf.Tensor);
  const data = (await y.data()) as Float32Array;
  y.dispose();
  return data;
}

beforeAll(async () => {
  const phoneModel = await createPhoneModelFromDir(SHIPPED, { backend: 'wasm', warmUpFrames: 10 });
  await phoneModel.ensureLoaded();
  phoneModel.dispose();
  files = await readModelFiles(SHIPPED);
  model = await tf.loadLayersModel(memoryIOHandler(files));
  clips = items.map(clipOf);
});

describe('head of the phone model', () => {
  it('is the trailing dense layers, found without knowing their sizes', () => {
    const start = headStart(model);
    expect(start).toBeGreaterThan(0);
    expect(model.layers.slice(start).every((l) => l.getClassName() === 'Dense')).toBe(true);
    expect(model.layers[start - 1].getClassName()).not.toBe('Dense');
    const weights = readHeadWeights(model);
    expect(weights.length).toBe(2 * (model.layers.length - start));
    expect(weights.at(-1)!.shape).toEqual([40]);
  });

  it('restores the base posteriors exactly after another head was applied', async () => {
    const base = readHeadWeights(model);
    const before = await predict(model, clips[0]);
    const noisy: HeadWeights = base.map((w) => ({ ...w, data: w.data.map((v, i) => v + (i % 7 === 0 ? 0.05 : -0.01)) }));
    applyHeadWeights(model, noisy);
    const changed = await predict(model, clips[0]);
    expect(changed.some((v, i) => v !== before[i])).toBe(true);
    applyHeadWeights(model, base);
    const after = await predict(model, clips[0]);
    expect(after).toEqual(before);
  });

  it('refuses stored weights of another shape with MODEL_MISMATCH', () => {
    const base = readHeadWeights(model);
    const wrong = base.map((w, i) => (i === 0 ? { ...w, shape: [w.shape[0] - 1, w.shape[1]], data: w.data.subarray(w.shape[1]) } : w));
    expect(() => applyHeadWeights(model, wrong)).toThrow(expect.objectContaining({ code: 'MODEL_MISMATCH' }));
    expect(() => applyHeadWeights(model, base.slice(1))).toThrow(/does not fit/);
  });
});

describe('splitClips and the adopt rule', () => {
  it('holds back a quarter, at least 3, and refuses too few recordings', () => {
    const s = { heldOutFraction: 0.25, minHeldOut: 3, seed: 1 };
    expect(splitClips(20, s).heldOut).toHaveLength(5);
    expect(splitClips(10, s).heldOut).toHaveLength(3);
    const { train, heldOut } = splitClips(12, s);
    expect([...train, ...heldOut].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(() => splitClips(3, s)).toThrow(/at least 4 recordings/);
  });

  it('adopts only when false rejections do not rise and something improves', () => {
    const e = (frameAccuracy: number, falseRejections: number) => ({ frameAccuracy, frames: 100, falseRejections, phones: 20 });
    expect(shouldAdopt(e(0.8, 4), e(0.85, 4))).toBe(true);
    expect(shouldAdopt(e(0.8, 4), e(0.78, 2))).toBe(true);
    expect(shouldAdopt(e(0.8, 4), e(0.95, 5))).toBe(false);
    expect(shouldAdopt(e(0.8, 4), e(0.8, 4))).toBe(false);
  });
});

describe('fineTuneHead', () => {
  it('trains a copy of the head, reports progress to 1, evaluates on held-back clips and leaves the model unchanged', async () => {
    const before = await predict(model, clips[0]);
    const tensors = tf.memory().numTensors;
    const progress: FineTuneProgress[] = [];
    const result = await fineTuneHead(model, clips, label, judge, { epochs: 6, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await predict(model, clips[0])).toEqual(before);

    expect(result.heldOutClips).toHaveLength(3);
    expect(result.trainingClips.length + result.heldOutClips.length + result.skippedClips.length).toBe(clips.length);
    expect(new Set([...result.trainingClips, ...result.heldOutClips]).size).toBe(result.trainingClips.length + result.heldOutClips.length);
    expect(progress.at(-1)!.fraction).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    const losses = progress.filter((p) => p.stage === 'training').map((p) => p.loss!);
    expect(losses).toHaveLength(6);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    expect(result.base.phones).toBeGreaterThan(0);
    expect(result.base.frames).toBe(result.tuned.frames);
    expect(result.adopt).toBe(shouldAdopt(result.base, result.tuned));
    expect(result.weights.map((w) => w.shape)).toEqual(readHeadWeights(model).map((w) => w.shape));

    // The new head, applied, gives different posteriors; the base head restores the base ones exactly.
    const base = readHeadWeights(model);
    applyHeadWeights(model, result.weights);
    expect((await predict(model, clips[0])).some((v, i) => v !== before[i])).toBe(true);
    applyHeadWeights(model, base);
    expect(await predict(model, clips[0])).toEqual(before);
  });

  it('fits its training recordings better than the base (frame accuracy against their labels)', async () => {
    const result = await fineTuneHead(model, clips, label, judge, { epochs: 15, heldOutFraction: 0, minHeldOut: 1, learningRate: 3e-3, l2ToBase: 0 });
    const trainClips = clips.filter((c) => result.trainingClips.includes(c.id));
    const base = readHeadWeights(model);
    const accuracy = async () => {
      let correct = 0;
      let frames = 0;
      for (const clip of trainClips) {
        const p = await predict(model, clip);
        const baseLabels = truth.get(clip.id)!;
        for (let f = 0; f < clip.logMel.frames; f++) {
          let best = 0;
          for (let c = 1; c < 40; c++) if (p[f * 40 + c] > p[f * 40 + best]) best = c;
          if (best === baseLabels[f]) correct++;
        }
        frames += clip.logMel.frames;
      }
      return correct / frames;
    };
    const baseAccuracy = await accuracy();
    applyHeadWeights(model, result.weights);
    const tunedAccuracy = await accuracy();
    applyHeadWeights(model, base);
    expect(tunedAccuracy).toBeGreaterThan(baseAccuracy);
  });

  it('PhoneModel.setHeadWeights puts a fine-tuned head on and null reverts to exactly the base posteriors', async () => {
    const phoneModel = await createPhoneModelFromDir(SHIPPED, { backend: 'wasm', warmUpFrames: 10 });
    const base = await phoneModel.posteriors(clips[1].logMel);
    const result = await fineTuneHead(model, clips, label, judge, { epochs: 3 });
    await phoneModel.setHeadWeights(result.weights);
    const tuned = await phoneModel.posteriors(clips[1].logMel);
    expect(tuned.data.some((v, i) => v !== base.data[i])).toBe(true);
    await phoneModel.setHeadWeights(null);
    expect((await phoneModel.posteriors(clips[1].logMel)).data).toEqual(base.data);
    phoneModel.dispose();
  });

  it('stops on abort with FINETUNE_CANCELLED and leaks nothing', async () => {
    const tensors = tf.memory().numTensors;
    const controller = new AbortController();
    const run = fineTuneHead(model, clips, label, judge, {
      epochs: 50,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'training') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'FINETUNE_CANCELLED', name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
