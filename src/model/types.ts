import type { LayersModel } from '@tensorflow/tfjs';
import type { FeatureConfig, LogMel } from '../dsp';
import type { HeadWeights } from './finetune';

/** tfjs backends Sotaque may run the phone model on, fastest-first candidates in the browser. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** `metadata.json` beside the model (docs/CONTRACTS.md, "Model files"). */
export interface ModelMetadata {
  /** Model version string, recorded with every attempt. */
  readonly version: string;
  /** The 40 phone classes in output order. */
  readonly phones: readonly string[];
  /** Features the model was trained on; must equal the app's. */
  readonly featureConfig: FeatureConfig;
  /** Input normalisation; only "per-band" (per-utterance mean/variance per mel band) exists. */
  readonly normalisation: 'per-band';
  /** Frames of context the network sees on each side of a frame. */
  readonly context: { readonly left: number; readonly right: number };
  /** Hash of the training recipe (code, settings) and the corpus manifest. */
  readonly recipeHash: string;
  /** What the model was trained on. */
  readonly corpus: { readonly voices: readonly string[]; readonly hours: number; readonly utterances: number; readonly [key: string]: unknown };
  /** Figures measured on held-out voice families. */
  readonly evaluation: Record<string, unknown>;
  /** ISO time of export. */
  readonly created: string;
  readonly [key: string]: unknown;
}

/** Frame posteriors of one clip: `frames × phones` values, row-major, each row sums to 1. */
export interface Posteriors {
  readonly data: Float32Array;
  readonly frames: number;
  /** Number of classes per frame (the length of `metadata.phones`). */
  readonly classes: number;
}

/** A model already in memory: the parsed `model.json`, its weight shards in manifest order, and `metadata.json`. */
export interface ModelFiles {
  readonly modelJson: unknown;
  readonly weights: readonly ArrayBuffer[];
  readonly metadata: unknown;
}

/** Where the model comes from: a URL of `model.json` (metadata.json and shards beside it) or files in memory. */
export type ModelSource = { readonly modelUrl: string } | { readonly files: ModelFiles };

/** Options of `createPhoneModel`. */
export type CreatePhoneModelOptions = ModelSource & {
  /** Backend to use; omitted, `selectBackend` measures the candidates and remembers the choice. */
  readonly backend?: BackendName;
  /** Candidates to measure when `backend` is omitted (default: webgpu, webgl, wasm, cpu in browsers; wasm, cpu in Node). */
  readonly candidates?: readonly BackendName[];
  /** Feature config the caller computes features with (default: src/dsp's DEFAULT_FEATURE_CONFIG). */
  readonly featureConfig?: FeatureConfig;
  /** Frames in the warm-up clip run by `ensureLoaded` (default 100). */
  readonly warmUpFrames?: number;
};

/** The phone classifier, loaded lazily. */
export interface PhoneModel {
  /** Loads, checks metadata against the app, picks a backend and warms up. Safe to call twice. */
  ensureLoaded(): Promise<void>;
  /** Metadata of the loaded model (after `ensureLoaded`). */
  readonly metadata: ModelMetadata | null;
  /** Backend in use (after `ensureLoaded`). */
  readonly backend: BackendName | null;
  /** Posteriors for a whole clip of normalised log-mel in one forward pass. */
  posteriors(logMelNormalised: LogMel): Promise<Posteriors>;
  /**
   * Puts a fine-tuned head (the trailing dense layers' weights, as `fineTuneHead` returns them) on the
   * loaded model; null restores the base head exactly. Throws MODEL_MISMATCH when the shapes differ.
   */
  setHeadWeights(weights: HeadWeights | null): Promise<void>;
  /** The loaded tfjs model (after `ensureLoaded`), for fine-tuning; its head is whatever was set last. */
  readonly layersModel: LayersModel | null;
  /** Frees the weights. The model must not be used afterwards. */
  dispose(): void;
}
