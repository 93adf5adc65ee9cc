/**
 * The phone classifier as the app uses it: load (from a URL or from files in memory), check the
 * metadata against the app, pick a backend, warm up, then turn a whole clip of normalised log-mel into
 * frame posteriors in one forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_FEATURE_CONFIG, type LogMel } from '../dsp';
import { selectBackend, useBackend } from './backend';
import { ModelError } from './errors';
import { applyHeadWeights, readHeadWeights, type HeadWeights } from './finetune';
import { checkMetadata, parseMetadata } from './metadata';
import { PHONES } from './phones';
import type { BackendName, CreatePhoneModelOptions, ModelFiles, ModelMetadata, PhoneModel, Posteriors } from './types';

const DEFAULT_WARM_UP_FRAMES = 100;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An IOHandler serving a model already in memory (Node: files read from disk; tests; IndexedDB copies). */
export function memoryIOHandler(files: ModelFiles): tf.io.IOHandler {
  return {
    load: async () => {
      const json = files.modelJson as { modelTopology?: object; weightsManifest?: tf.io.WeightsManifestConfig; format?: string; generatedBy?: string; convertedBy?: string | null };
      if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
        throw new ModelError('MODEL_LOAD_FAILED', 'model.json has no modelTopology or weightsManifest; expected the tfjs layers format written by training/model/export.py.');
      }
      const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
      const total = files.weights.reduce((n, b) => n + b.byteLength, 0);
      const weightData = new Uint8Array(total);
      let offset = 0;
      for (const buffer of files.weights) {
        weightData.set(new Uint8Array(buffer), offset);
        offset += buffer.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        weightSpecs,
        weightData: weightData.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
      };
    },
  };
}

async function fetchMetadata(modelUrl: string): Promise<unknown> {
  const url = new URL('metadata.json', new URL(modelUrl, typeof location !== 'undefined' ? location.href : undefined)).href;
  const response = await fetch(url);
  if (!response.ok) throw new ModelError('MODEL_LOAD_FAILED', `Could not fetch the model's metadata from ${url} (HTTP ${response.status}).`, { url });
  return response.json();
}

/** Creates the phone model; nothing is loaded until `ensureLoaded` (or the first `posteriors`). */
export function createPhoneModel(options: CreatePhoneModelOptions): PhoneModel {
  const featureConfig = options.featureConfig ?? DEFAULT_FEATURE_CONFIG;
  const warmUpFrames = options.warmUpFrames ?? DEFAULT_WARM_UP_FRAMES;
  let model: tf.LayersModel | null = null;
  let metadata: ModelMetadata | null = null;
  let backend: BackendName | null = null;
  let loading: Promise<void> | null = null;
  let disposed = false;
  /** The base head's weights, read at load, so `setHeadWeights(null)` restores them exactly. */
  let baseHead: HeadWeights | null = null;

  function forward(data: Float32Array, frames: number): tf.Tensor {
    const m = model;
    if (m === null) throw new ModelError('MODEL_LOAD_FAILED', 'The phone model is not loaded; call ensureLoaded() first.');
    return tf.tidy(() => {
      const x = tf.tensor4d(data, [1, frames, featureConfig.melBands, 1]);
      return m.predict(x) as tf.Tensor;
    });
  }

  async function warmUp(): Promise<void> {
    const y = forward(new Float32Array(warmUpFrames * featureConfig.melBands), warmUpFrames);
    try {
      await y.data();
    } finally {
      y.dispose();
    }
  }

  async function load(): Promise<void> {
    let rawMetadata: unknown;
    let handler: tf.io.IOHandler | string;
    if ('files' in options) {
      rawMetadata = options.files.metadata;
      handler = memoryIOHandler(options.files);
    } else {
      rawMetadata = await fetchMetadata(options.modelUrl);
      handler = options.modelUrl;
    }
    const meta = parseMetadata(rawMetadata);
    checkMetadata(meta, { featureConfig, phones: PHONES });

    if (options.backend !== undefined) {
      if (!(await useBackend(options.backend))) {
        throw new ModelError('NO_BACKEND', `The tfjs backend "${options.backend}" cannot run here. Omit the backend option to pick one automatically.`, { backend: options.backend });
      }
    } else if (options.candidates !== undefined && options.candidates.length > 0) {
      // Initialise the first working candidate so the weights load there; the measurement follows.
      await useBackend(options.candidates[0]);
    }

    let loaded: tf.LayersModel;
    try {
      loaded = await tf.loadLayersModel(handler);
    } catch (error) {
      if (error instanceof ModelError) throw error;
      throw new ModelError('MODEL_LOAD_FAILED', `Could not load the phone model: ${describe(error)}`);
    }
    const input = loaded.inputs[0].shape;
    const output = loaded.outputs[0].shape;
    if (input.length !== 4 || input[2] !== featureConfig.melBands || input[3] !== 1 || output.length !== 3 || output[2] !== meta.phones.length) {
      loaded.dispose();
      throw new ModelError(
        'MODEL_MISMATCH',
        `The phone model's shapes do not fit its metadata: expected input [batch, frames, ${featureConfig.melBands}, 1] and output [batch, frames, ${meta.phones.length}], found input ${JSON.stringify(input)} and output ${JSON.stringify(output)}.`,
        { fields: ['shape'] },
      );
    }
    model = loaded;
    metadata = meta;
    if (options.backend !== undefined) {
      backend = options.backend;
      await warmUp();
    } else {
      const choice = await selectBackend({ candidates: options.candidates, probe: warmUp });
      backend = choice.name;
      await warmUp();
    }
  }

  const api: PhoneModel = {
    get metadata() {
      return metadata;
    },
    get backend() {
      return backend;
    },
    get layersModel() {
      return model;
    },
    async setHeadWeights(weights) {
      await api.ensureLoaded();
      baseHead ??= readHeadWeights(model!);
      applyHeadWeights(model!, weights ?? baseHead);
    },
    async ensureLoaded() {
      if (disposed) throw new ModelError('MODEL_DISPOSED', 'This phone model was disposed; create a new one.');
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      await loading;
    },
    async posteriors(logMel: LogMel): Promise<Posteriors> {
      await api.ensureLoaded();
      const classes = metadata!.phones.length;
      if (logMel.bands !== featureConfig.melBands || logMel.data.length !== logMel.frames * logMel.bands) {
        throw new ModelError(
          'MODEL_BAD_INPUT',
          `Expected normalised log-mel with ${featureConfig.melBands} bands (frames × bands values), found ${logMel.bands} bands and ${logMel.data.length} values for ${logMel.frames} frames.`,
        );
      }
      if (logMel.frames === 0) return { data: new Float32Array(0), frames: 0, classes };
      const y = forward(logMel.data, logMel.frames);
      try {
        const data = (await y.data()) as Float32Array;
        return { data, frames: logMel.frames, classes };
      } finally {
        y.dispose();
      }
    },
    dispose() {
      disposed = true;
      model?.dispose();
      model = null;
    },
  };
  return api;
}
