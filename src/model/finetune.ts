/**
 * On-device fine-tuning of the phone model's classifier head.
 *
 * The model is a convolutional trunk followed by per-frame dense layers (docs/CONTRACTS.md, "Model
 * files"). The head is found as the trailing Dense layers, whatever their number and sizes; the trunk
 * is everything before them. The trunk stays frozen, so its output (frames × features) is computed
 * once per recording, and only the head is trained: dense layers need no convolution gradients,
 * which tfjs-wasm lacks.
 *
 * Training: Adam on softmax cross-entropy against targets that mix each frame's label (computed by
 * the caller, e.g. by forced alignment of the lesson item's phones against the base model's
 * posteriors — this module does not know about alignment) with the base model's own posteriors
 * (distillation, so phones the teacher's few recordings lack are not forgotten), plus a mild L2 pull
 * towards the base weights, so a few recordings cannot drag the head far from what the base learnt. It runs in small steps that yield to the event loop, reports
 * progress and stops on an AbortSignal.
 *
 * Adoption: recordings are split into training and held-back ones (25 %, at least 3). Base and new
 * heads are compared on the held-back ones by frame accuracy against their labels and by a judge the
 * caller supplies (the assessment's false rejections: phones of a native rendition judged not ok). The
 * new head is adopted only when it rejects no more phones than the base and improves at least one of
 * the two figures.
 */
import * as tf from '@tensorflow/tfjs';
import type { LogMel } from '../dsp';
import { FineTuneError, ModelError } from './errors';
import type { Posteriors } from './types';

/** Head weights as stored (the `models` table): tfjs layer order, kernel then bias per layer. */
export type HeadWeights = { name: string; shape: number[]; data: Float32Array }[];

/** One recording for fine-tuning: its normalised log-mel and an id for reports. */
export interface TuningClip {
  readonly id: string;
  readonly logMel: LogMel;
}

/** Frame labels (class index per frame) of a clip from the base model's posteriors; null when they cannot be found (the clip is left out). */
export type FrameLabeller = (clip: TuningClip, basePosteriors: Posteriors) => Int32Array | null;

/** How the assessment judges a clip: phones judged and how many of them were rejected (not ok). */
export type ClipJudge = (clip: TuningClip, posteriors: Posteriors) => { phones: number; rejected: number } | null;

/** Training settings; all have defaults (`DEFAULT_FINETUNE_OPTIONS`). */
export interface FineTuneSettings {
  /** Passes over the training frames. */
  readonly epochs: number;
  /** Frames per Adam step. */
  readonly batchFrames: number;
  readonly learningRate: number;
  /** Weight of the L2 pull towards the base weights (per weight, summed). */
  readonly l2ToBase: number;
  /**
   * Share of the base model's own posteriors in each frame's training target (the rest is the label):
   * distillation, so classes the teacher's recordings do not contain are not forgotten.
   */
  readonly distillation: number;
  /** Share of recordings held back for the adopt decision, and the least number of them. */
  readonly heldOutFraction: number;
  readonly minHeldOut: number;
  /** Seed of the split and the shuffling. */
  readonly seed: number;
}

export const DEFAULT_FINETUNE_OPTIONS: FineTuneSettings = Object.freeze({
  epochs: 20,
  batchFrames: 256,
  learningRate: 1e-3,
  l2ToBase: 1e-2,
  distillation: 0.9,
  heldOutFraction: 0.25,
  minHeldOut: 3,
  seed: 1,
});

export type FineTuneStage = 'features' | 'training' | 'evaluating';

export interface FineTuneProgress {
  readonly stage: FineTuneStage;
  /** Overall progress, 0…1 (reaches 1 when the decision is made). */
  readonly fraction: number;
  readonly epoch?: number;
  readonly loss?: number;
}

export interface FineTuneOptions extends Partial<FineTuneSettings> {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FineTuneProgress) => void;
}

/** Held-back figures of one head. */
export interface HeadEvaluation {
  /** Frames whose arg-max class equals the label, over all held-back frames. */
  readonly frameAccuracy: number;
  readonly frames: number;
  /** Phones judged not ok on the (native) held-back recordings, of `phones`. */
  readonly falseRejections: number;
  readonly phones: number;
}

export interface FineTuneResult {
  readonly weights: HeadWeights;
  readonly base: HeadEvaluation;
  readonly tuned: HeadEvaluation;
  readonly adopt: boolean;
  readonly trainingClips: readonly string[];
  readonly heldOutClips: readonly string[];
  /** Clips left out because no labels could be found. */
  readonly skippedClips: readonly string[];
  readonly finalLoss: number;
  readonly trainingFrames: number;
}

/** Index of the first of the model's trailing Dense layers. */
export function headStart(model: tf.LayersModel): number {
  let start = model.layers.length;
  while (start > 0 && model.layers[start - 1].getClassName() === 'Dense') start--;
  if (start === model.layers.length || start === 0) {
    throw new ModelError('MODEL_MISMATCH', `The phone model has no per-frame dense head after a trunk (layers: ${model.layers.map((l) => l.getClassName()).join(', ')}); fine-tuning needs trailing Dense layers.`);
  }
  return start;
}

/** The base head's weights, copied (the values `applyHeadWeights(model, base)` restores exactly). */
export function readHeadWeights(model: tf.LayersModel): HeadWeights {
  const out: HeadWeights = [];
  for (const layer of model.layers.slice(headStart(model))) {
    for (const w of layer.weights) {
      const value = w.read();
      out.push({ name: w.originalName, shape: [...value.shape], data: Float32Array.from(value.dataSync() as Float32Array) });
    }
  }
  return out;
}

/** Sets the head's weights in place; throws MODEL_MISMATCH when names or shapes differ from the model's. */
export function applyHeadWeights(model: tf.LayersModel, weights: HeadWeights): void {
  const layers = model.layers.slice(headStart(model));
  const expected = layers.flatMap((l) => l.weights.map((w) => ({ name: w.originalName, shape: w.shape })));
  const mismatch = expected.length !== weights.length || expected.some((e, i) => e.name !== weights[i].name || e.shape.join('x') !== weights[i].shape.join('x'));
  if (mismatch) {
    throw new ModelError(
      'MODEL_MISMATCH',
      `The stored head does not fit this model: expected ${expected.map((e) => `${e.name} [${e.shape.join(',')}]`).join(', ')}; found ${weights.map((w) => `${w.name} [${w.shape.join(',')}]`).join(', ')}. Adapt the model again.`,
      { fields: ['head'] },
    );
  }
  let k = 0;
  for (const layer of layers) {
    const tensors = layer.weights.map(() => {
      const w = weights[k++];
      return tf.tensor(w.data, w.shape, 'float32');
    });
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
}

/** Deterministic 32-bit generator (LCG), uniform in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Held-back and training indices: `max(minHeldOut, round(n · fraction))` held back, chosen by the seed. */
export function splitClips(count: number, settings: Pick<FineTuneSettings, 'heldOutFraction' | 'minHeldOut' | 'seed'>): { train: number[]; heldOut: number[] } {
  const held = Math.max(settings.minHeldOut, Math.round(count * settings.heldOutFraction));
  if (count - held < 1) {
    throw new ModelError('MODEL_BAD_INPUT', `Fine-tuning needs at least ${held + 1} recordings (${held} are held back to check the result); found ${count}.`, { count });
  }
  const order = shuffled(Array.from({ length: count }, (_, i) => i), random(settings.seed));
  return { heldOut: order.slice(0, held).sort((a, b) => a - b), train: order.slice(held).sort((a, b) => a - b) };
}

function abortError(): FineTuneError {
  return new FineTuneError('FINETUNE_CANCELLED', 'Fine-tuning was cancelled; the model in use is unchanged.');
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface DenseSpec {
  readonly activation: string;
}

let headCopies = 0;

/** A trainable copy of the head as plain variables, with a forward pass to logits. */
class TrainableHead {
  readonly variables: tf.Variable[];
  readonly base: tf.Tensor[];
  constructor(
    weights: HeadWeights,
    readonly layers: readonly DenseSpec[],
  ) {
    this.base = weights.map((w) => tf.tensor(w.data, w.shape, 'float32'));
    const copy = headCopies++;
    this.variables = this.base.map((t, i) => tf.variable(t, true, `finetune_head${copy}_${i}`));
  }

  /** Logits of `x` [frames, features]. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    this.layers.forEach((layer, i) => {
      h = tf.add(tf.matMul(h, this.variables[2 * i] as tf.Tensor2D), this.variables[2 * i + 1]);
      const last = i === this.layers.length - 1;
      if (!last) {
        if (layer.activation === 'relu') h = tf.relu(h);
        else if (layer.activation === 'tanh') h = tf.tanh(h);
        else if (layer.activation === 'sigmoid') h = tf.sigmoid(h);
        else if (layer.activation !== 'linear') throw new ModelError('MODEL_MISMATCH', `Cannot fine-tune a dense layer with activation "${layer.activation}".`);
      }
    });
    return h;
  }

  weights(names: readonly string[]): HeadWeights {
    return this.variables.map((v, i) => ({ name: names[i], shape: [...v.shape], data: Float32Array.from(v.dataSync() as Float32Array) }));
  }

  dispose(): void {
    tf.dispose(this.variables);
    tf.dispose(this.base);
  }
}

/** Posteriors of the head `weights` over trunk features [frames, features]. */
function headPosteriors(head: TrainableHead, features: Float32Array, frames: number, dims: number, classes: number): Posteriors {
  const data = tf.tidy(() => tf.softmax(head.logits(tf.tensor2d(features, [frames, dims]))).dataSync() as Float32Array);
  return { data: Float32Array.from(data), frames, classes };
}

function argmaxAccuracy(p: Posteriors, labels: Int32Array): number {
  let correct = 0;
  for (let f = 0; f < p.frames; f++) {
    let best = 0;
    for (let c = 1; c < p.classes; c++) if (p.data[f * p.classes + c] > p.data[f * p.classes + best]) best = c;
    if (best === labels[f]) correct++;
  }
  return correct;
}

/** Adopt rule: no more false rejections than the base, and better on at least one of the two figures. */
export function shouldAdopt(base: HeadEvaluation, tuned: HeadEvaluation): boolean {
  const rate = (e: HeadEvaluation) => (e.phones > 0 ? e.falseRejections / e.phones : 0);
  if (rate(tuned) > rate(base)) return false;
  return rate(tuned) < rate(base) || tuned.frameAccuracy > base.frameAccuracy;
}

/**
 * Fine-tunes the head of `model` (left unchanged) on `clips`; returns the new weights, the held-back
 * figures of base and new head, and whether to adopt.
 */
export async function fineTuneHead(model: tf.LayersModel, clips: readonly TuningClip[], label: FrameLabeller, judge: ClipJudge, options: FineTuneOptions = {}): Promise<FineTuneResult> {
  const settings: FineTuneSettings = { ...DEFAULT_FINETUNE_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const { signal, onProgress } = options;
  const report = (p: FineTuneProgress) => onProgress?.(p);
  checkAbort(signal);
  const start = headStart(model);
  const headLayers = model.layers.slice(start);
  const layerSpecs = headLayers.map((l) => ({ activation: String((l.getConfig() as { activation?: string }).activation ?? 'linear') }));
  const baseWeights = readHeadWeights(model);
  const names = baseWeights.map((w) => w.name);
  const trunk = tf.model({ inputs: model.inputs, outputs: model.layers[start - 1].output as tf.SymbolicTensor });
  const classes = baseWeights[baseWeights.length - 1].shape[0];

  // 1. Trunk features, base posteriors and labels, once per clip.
  interface Prepared {
    clip: TuningClip;
    features: Float32Array;
    frames: number;
    labels: Int32Array;
    basePosteriors: Posteriors;
  }
  const prepared: (Prepared | null)[] = [];
  let dims = 0;
  const baseHead = new TrainableHead(baseWeights, layerSpecs);
  let head: TrainableHead | null = null;
  try {
    for (let i = 0; i < clips.length; i++) {
      checkAbort(signal);
      const clip = clips[i];
      const { frames, bands } = clip.logMel;
      if (frames === 0) {
        prepared.push(null);
        continue;
      }
      const out = tf.tidy(() => trunk.predict(tf.tensor4d(clip.logMel.data, [1, frames, bands, 1])) as tf.Tensor);
      const features = Float32Array.from((await out.data()) as Float32Array);
      dims = out.shape[out.shape.length - 1] ?? 0;
      out.dispose();
      const basePosteriors = headPosteriors(baseHead, features, frames, dims, classes);
      const labels = label(clip, basePosteriors);
      prepared.push(labels && labels.length === frames ? { clip, features, frames, labels, basePosteriors } : null);
      report({ stage: 'features', fraction: (0.2 * (i + 1)) / clips.length });
      await yieldToEventLoop();
    }
    const usable = prepared.filter((p): p is Prepared => p !== null);
    const skippedClips = clips.filter((_, i) => prepared[i] === null).map((c) => c.id);
    const split = splitClips(usable.length, settings);
    const train = split.train.map((i) => usable[i]);
    const heldOut = split.heldOut.map((i) => usable[i]);

    // 2. Training frames, concatenated.
    const trainingFrames = train.reduce((n, p) => n + p.frames, 0);
    const x = new Float32Array(trainingFrames * dims);
    // Targets: the label, mixed with the base posteriors (distillation).
    const y = new Float32Array(trainingFrames * classes);
    let offset = 0;
    for (const p of train) {
      x.set(p.features, offset * dims);
      for (let f = 0; f < p.frames; f++) {
        const row = (offset + f) * classes;
        for (let c = 0; c < classes; c++) y[row + c] = settings.distillation * p.basePosteriors.data[f * classes + c];
        y[row + p.labels[f]] += 1 - settings.distillation;
      }
      offset += p.frames;
    }

    head = new TrainableHead(baseWeights, layerSpecs);
    const trainable = head;
    const optimizer = tf.train.adam(settings.learningRate);
    const next = random(settings.seed + 1);
    const batches = Math.max(1, Math.ceil(trainingFrames / settings.batchFrames));
    let finalLoss = NaN;
    try {
      for (let epoch = 0; epoch < settings.epochs; epoch++) {
        const order = shuffled(Array.from({ length: trainingFrames }, (_, i) => i), next);
        let lossSum = 0;
        for (let b = 0; b < batches; b++) {
          checkAbort(signal);
          const idx = order.slice(b * settings.batchFrames, (b + 1) * settings.batchFrames);
          const bx = new Float32Array(idx.length * dims);
          const by = new Float32Array(idx.length * classes);
          idx.forEach((frame, k) => {
            bx.set(x.subarray(frame * dims, (frame + 1) * dims), k * dims);
            by.set(y.subarray(frame * classes, (frame + 1) * classes), k * classes);
          });
          const cost = optimizer.minimize(() => {
            const xs = tf.tensor2d(bx, [idx.length, dims]);
            const ys = tf.tensor2d(by, [idx.length, classes]);
            const ce = tf.losses.softmaxCrossEntropy(ys, trainable.logits(xs));
            const pull = trainable.variables.reduce<tf.Scalar>((sum, v, i) => tf.add(sum, tf.sum(tf.square(tf.sub(v, trainable.base[i])))), tf.scalar(0));
            return tf.add(ce, tf.mul(settings.l2ToBase, pull));
          }, true, trainable.variables);
          lossSum += cost ? (await cost.data())[0] : 0;
          cost?.dispose();
          await yieldToEventLoop();
        }
        finalLoss = lossSum / batches;
        report({ stage: 'training', fraction: 0.2 + (0.7 * (epoch + 1)) / settings.epochs, epoch: epoch + 1, loss: finalLoss });
      }
    } finally {
      optimizer.dispose();
    }

    // 3. Held-back evaluation of base and new head.
    checkAbort(signal);
    const evaluate = (posteriorsOf: (p: Prepared) => Posteriors): HeadEvaluation => {
      let correct = 0;
      let frames = 0;
      let phones = 0;
      let rejected = 0;
      for (const p of heldOut) {
        const posteriors = posteriorsOf(p);
        correct += argmaxAccuracy(posteriors, p.labels);
        frames += p.frames;
        const judged = judge(p.clip, posteriors);
        if (judged) {
          phones += judged.phones;
          rejected += judged.rejected;
        }
      }
      return { frameAccuracy: frames > 0 ? correct / frames : 0, frames, falseRejections: rejected, phones };
    };
    const base = evaluate((p) => p.basePosteriors);
    report({ stage: 'evaluating', fraction: 0.95 });
    await yieldToEventLoop();
    checkAbort(signal);
    const tuned = evaluate((p) => headPosteriors(trainable, p.features, p.frames, dims, classes));
    const result: FineTuneResult = {
      weights: trainable.weights(names),
      base,
      tuned,
      adopt: shouldAdopt(base, tuned),
      trainingClips: train.map((p) => p.clip.id),
      heldOutClips: heldOut.map((p) => p.clip.id),
      skippedClips,
      finalLoss,
      trainingFrames,
    };
    report({ stage: 'evaluating', fraction: 1 });
    return result;
  } finally {
    baseHead.dispose();
    head?.dispose();
    // The trunk shares its layers (and weights) with `model`: drop the wrapper only.
  }
}
