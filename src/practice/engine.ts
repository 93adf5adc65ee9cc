/**
 * The practice screen's engine in the browser: the phone model (tfjs, imported lazily so the first
 * screen loads without it), its calibration, an assessor over them, and the native references
 * (index, decoded audio, features and posteriorgrams, cached in memory per rendition).
 *
 * Missing model or calibration files are `MODEL_UNAVAILABLE`: the screen says so and keeps the rest
 * (lessons, native playback, recording) working.
 */
import { createAssessor, fusesSecondModel, type Calibration, type JudgeContext, type PhoneEvidenceSource, type Posteriorgram } from '../assess';
import { logMelSpectrogram, normalise, resampleTo16k, trimSilence, type LogMel } from '../dsp';
import { FEATURE_RATE_HZ } from './features';
import type { ReferenceIndex, ReferencePhone } from '../lessons/references';
import { activeHead, type SotaqueDb } from '../db';
import { CodedError } from '../dsp/codedError';
import type { MelBackendInfo, MelExtractor } from '../gpu';
import { sharedGpuDevice } from '../gpu';
import type { PhoneModel } from '../model';

export const MODEL_URL = '/models/phones/model.json';
export const CALIBRATION_URL = '/models/phones/calibration.json';
/** The Sphinx model's folder (fused with the CNN when the calibration says so). */
export const SPHINX_URL = '/models/sphinx/';
export const REFERENCE_BASE_URL = '/references/';

/** A native rendition ready for comparison and the overlay. */
export interface NativeReference {
  readonly voice: string;
  readonly url: string;
  /** Whole file at 16 kHz. */
  readonly samples16k: Float32Array;
  /** Log-mel of the speech span (trimmed like the learner's), and where that span starts, seconds. */
  readonly logMel: LogMel;
  readonly offsetSeconds: number;
  readonly phones: readonly ReferencePhone[];
}

/** The app's `JudgeContext` (src/assess `judgeAttempt`) with the model's version and the references' posteriorgrams. */
export interface PracticeEngine extends JudgeContext {
  readonly modelVersion: string;
  /** Which path computed the last attempt's log-mel, and why (absent: the CPU reference, always). */
  melPath?(): MelBackendInfo | null;
  /** Posteriorgram of a native reference's speech span through the same model. */
  posteriorgram(reference: NativeReference): Promise<Posteriorgram>;
}

/** `LEXICON_UNAVAILABLE`: free text needs the pronouncing dictionary, and it could not be loaded. */
export type EngineErrorCode = 'MODEL_UNAVAILABLE' | 'REFERENCE_UNAVAILABLE' | 'LEXICON_UNAVAILABLE';

/** An engine problem with a code the store shows. */
export class EngineError extends CodedError<EngineErrorCode> {
  override readonly name = 'EngineError';
}

async function fetchJson(url: string, code: EngineErrorCode, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new EngineError(code, `${what} could not be fetched from ${url} (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok) throw new EngineError(code, `${what} is not available (${url} answered ${response.status}).`);
  try {
    return await response.json();
  } catch {
    throw new EngineError(code, `${what} at ${url} is not valid JSON.`);
  }
}

/** The loaded engine's model, the database it reads the active model from, and its posteriorgram cache's reset. */
let loaded: { model: PhoneModel; openDb: () => SotaqueDb; forget: () => void } | null = null;

/** A fixed probe clip (30 frames of deterministic values) whose posteriors tell which head is in use. */
function probeLogMel(): LogMel {
  const data = new Float32Array(30 * 64);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    data[i] = (s / 2 ** 32) * 4 - 2;
  }
  return { data, frames: 30, bands: 64 };
}

/**
 * Puts the active model's head (settings `activeModel`: the fine-tuned head, or the base) on the
 * loaded engine and forgets posteriorgrams made with the previous one. Returns the posteriors of a
 * fixed probe clip, or null when no engine is loaded yet (it takes the active model when it loads).
 */
export async function applyActiveModel(): Promise<Float32Array | null> {
  if (!loaded) return null;
  const { model, openDb, forget } = loaded;
  // An unreadable database means the base model: the learner can still practise.
  const head = await activeHead(openDb(), model.metadata?.version ?? 'unknown').catch(() => null);
  await model.setHeadWeights(head?.weights ?? null);
  forget();
  return (await model.posteriors(probeLogMel())).data;
}

/** Posteriors of a normalised log-mel through the loaded engine's model (the head in use). */
export async function enginePosteriors(logMel: LogMel): Promise<{ data: Float32Array; frames: number }> {
  if (!loaded) throw new EngineError('MODEL_UNAVAILABLE', 'The phone model is not loaded yet.');
  return loaded.model.posteriors(logMel);
}

/** The log-mel path an engine's assessor uses: src/gpu's extractor (its measured choice) or any with the same shape. */
export type EngineMel = Pick<MelExtractor, 'compute' | 'info'>;

/** The Sphinx model as the second source of evidence, when the calibration fuses it (loaded once). */
async function secondModel(calibration: Calibration): Promise<PhoneEvidenceSource | undefined> {
  if (!fusesSecondModel(calibration)) return undefined;
  try {
    // Imported when needed, like tfjs: the first screen does not wait for it.
    const { fetchSphinxFiles, loadSphinxModel, sphinxEvidenceSource } = await import('../sphinx');
    return sphinxEvidenceSource(await loadSphinxModel(fetchSphinxFiles(SPHINX_URL)));
  } catch (error) {
    throw new EngineError('MODEL_UNAVAILABLE', `The second acoustic model could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Loads the model (lazily imported tfjs), the calibration and an assessor; with `openDb`, the active
 * (maybe fine-tuned) head; with `createMel`, the learner's log-mel through that extractor (else the
 * CPU reference). tfjs-backend-webgpu, when it runs, gets the page's one device (src/gpu).
 */
export async function loadBrowserEngine(openDb?: () => SotaqueDb, createMel?: () => Promise<EngineMel>): Promise<PracticeEngine> {
  const calibration = (await fetchJson(CALIBRATION_URL, 'MODEL_UNAVAILABLE', 'The assessment calibration')) as Calibration;
  if (typeof calibration?.thresholds !== 'object' || typeof calibration.defaultThreshold !== 'number') {
    throw new EngineError('MODEL_UNAVAILABLE', `${CALIBRATION_URL} has no thresholds: expected the file written by \`npm run calibrate\`.`);
  }
  const { configureBackends, createPhoneModel } = await import('../model');
  configureBackends({
    webgpuDevice: async () => {
      const acquisition = await sharedGpuDevice();
      return acquisition.ok ? acquisition.handle.device : null;
    },
  });
  // wasm first: on software GPUs (and most phones) it beats WebGPU/WebGL for this small CNN.
  const model = createPhoneModel({ modelUrl: MODEL_URL, candidates: ['wasm', 'cpu'] });
  try {
    await model.ensureLoaded();
  } catch (error) {
    throw new EngineError('MODEL_UNAVAILABLE', `The phone model could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const mel = createMel ? await createMel() : undefined;
  const engine = createPracticeEngine(model, calibration, mel, await secondModel(calibration));
  if (!openDb) return engine;
  loaded = { model, openDb, forget: engine.forgetPosteriorgrams };
  await applyActiveModel();
  return engine;
}

/**
 * The engine over a loaded model and its calibration (the browser's, or a model read from disk in
 * Node): an assessor with the learner's log-mel through `mel` (default: the CPU reference), and the
 * references' posteriorgrams, computed once per rendition and head (references are cached objects)
 * until `forgetPosteriorgrams`.
 */
export function createPracticeEngine(model: PhoneModel, calibration: Calibration, mel?: EngineMel, secondary?: PhoneEvidenceSource): PracticeEngine & { forgetPosteriorgrams(): void } {
  const assessor = createAssessor({ classifier: model, calibration, ...(secondary ? { secondary } : {}), ...(mel ? { logMel: (samples16k: Float32Array) => mel.compute(samples16k) } : {}) });
  let grams = new WeakMap<NativeReference, Promise<Posteriorgram>>();
  return {
    modelVersion: model.metadata?.version ?? 'unknown',
    calibration,
    assessDetailed: (request) => assessor.assessDetailed(request),
    melPath: () => mel?.info ?? { path: 'cpu', reason: 'CPU: the reference path (no extractor given)' },
    posteriorgram(reference) {
      let gram = grams.get(reference);
      if (!gram) {
        gram = model.posteriors(normalise(reference.logMel)).then((p) => ({ data: p.data, frames: p.frames, classes: p.classes }));
        gram.catch(() => grams.delete(reference));
        grams.set(reference, gram);
      }
      return gram;
    },
    forgetPosteriorgrams() {
      grams = new WeakMap();
    },
  };
}

let indexPromise: Promise<ReferenceIndex> | null = null;

/** The references' index (fetched once). */
export function loadReferenceIndex(): Promise<ReferenceIndex> {
  indexPromise ??= fetchJson(`${REFERENCE_BASE_URL}index.json`, 'REFERENCE_UNAVAILABLE', 'The native references').then((x) => x as ReferenceIndex);
  indexPromise.catch(() => (indexPromise = null));
  return indexPromise;
}

const references = new Map<string, Promise<NativeReference>>();

/** A rendition decoded (Ogg Opus through the browser), resampled by src/dsp, trimmed and featurised; cached. */
export function loadNativeReference(index: ReferenceIndex, clip: string, voice: string): Promise<NativeReference> {
  const key = `${voice}/${clip}`;
  let cached = references.get(key);
  if (!cached) {
    cached = (async () => {
      const rendition = index.clips[clip]?.renditions.find((r) => r.voice === voice);
      if (!rendition) throw new EngineError('REFERENCE_UNAVAILABLE', `No ${voice} reference for "${clip}".`);
      const url = `${REFERENCE_BASE_URL}${rendition.file}`;
      const response = await fetch(url);
      if (!response.ok) throw new EngineError('REFERENCE_UNAVAILABLE', `${url} answered ${response.status}.`);
      const context = new OfflineAudioContext(1, 1, 48_000);
      const audio = await context.decodeAudioData(await response.arrayBuffer());
      const samples16k = resampleTo16k(audio.getChannelData(0), audio.sampleRate);
      const trim = trimSilence(samples16k);
      const logMel = logMelSpectrogram(samples16k.subarray(trim.start, trim.end));
      return { voice, url, samples16k, logMel, offsetSeconds: trim.start / FEATURE_RATE_HZ, phones: rendition.phones };
    })();
    cached.catch(() => references.delete(key));
    references.set(key, cached);
  }
  return cached;
}
