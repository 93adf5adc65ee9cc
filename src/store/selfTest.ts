/**
 * The device self-test (`?selftest=1`): one pass over what practice needs, each step timed and
 * reported as ok / warn / fail with its figures — the microphone (capture rate, level), the WebGPU
 * adapter and the log-mel path actually used, the model (load time, tfjs backend, one assessment's
 * time), and storage (quota, use, persistence). The diagnostic log holds those figures and the
 * browser's name, never audio.
 */
import type { Recorder, RecorderOptions, Recording } from '../audio';
import type { FeatureExtractor } from './recorderSlice';
import { FEATURE_RATE_HZ, type PracticeEngine } from '../practice';
import { isCodedError } from '../dsp/codedError';

export type SelfTestStepId = 'microphone' | 'webgpu' | 'mel' | 'model' | 'inference' | 'storage';
export type SelfTestOutcome = 'running' | 'ok' | 'warn' | 'fail';

export interface SelfTestStep {
  readonly id: SelfTestStepId;
  readonly outcome: SelfTestOutcome;
  /** Figures of the step (numbers, short strings): what the log and the screen show. */
  readonly figures: Readonly<Record<string, string | number | boolean | null>>;
  /** Why it failed or warns, in English (the code is translated by the UI where known). */
  readonly problem: { readonly code: string; readonly message: string } | null;
  readonly milliseconds: number;
}

export interface SelfTestDeps {
  createRecorder(options: RecorderOptions): Recorder;
  createFeatureExtractor(): Promise<FeatureExtractor>;
  loadEngine(): Promise<PracticeEngine>;
  /** The tfjs backend in use once the engine is loaded. */
  tfBackend(): Promise<string>;
  /** `navigator.gpu`, or undefined. */
  gpu(): GPU | undefined;
  /** `navigator.storage`, or undefined. */
  storage(): Pick<StorageManager, 'estimate' | 'persisted'> | undefined;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Waits `ms` (the microphone records this long). */
  sleep(ms: number): Promise<void>;
}

type StepResult = Omit<SelfTestStep, 'id' | 'milliseconds'>;

/** How long the microphone step records, ms. */
export const MIC_TEST_MS = 1500;

/** A failed step's problem: a typed error (src/dsp/codedError) keeps its code, anything else is `fallback`. */
function problemOf(error: unknown, fallback: string): { code: string; message: string } {
  if (isCodedError(error)) return { code: error.code, message: error.message };
  return { code: fallback, message: error instanceof Error ? error.message : String(error) };
}

/** A 1 s voiced test clip at 16 kHz (a 200 Hz buzz with an overtone between short silences). */
function testClip(): Float32Array {
  const rate = FEATURE_RATE_HZ;
  const out = new Float32Array(rate);
  for (let i = 0.25 * rate; i < 0.75 * rate; i++) out[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / rate) + 0.05 * Math.sin((2 * Math.PI * 1300 * i) / rate);
  return out;
}

/** Runs every step in order, reporting each as it starts and ends; resolves with all of them. */
export async function runSelfTest(deps: SelfTestDeps, onStep: (step: SelfTestStep) => void): Promise<SelfTestStep[]> {
  const steps: SelfTestStep[] = [];
  async function step(id: SelfTestStepId, run: () => Promise<StepResult>): Promise<void> {
    onStep({ id, outcome: 'running', figures: {}, problem: null, milliseconds: 0 });
    const start = deps.now();
    let done: SelfTestStep;
    try {
      done = { id, ...(await run()), milliseconds: Math.round(deps.now() - start) };
    } catch (error) {
      done = { id, outcome: 'fail', figures: {}, problem: problemOf(error, 'FAILED'), milliseconds: Math.round(deps.now() - start) };
    }
    steps.push(done);
    onStep(done);
  }

  await step('microphone', async (): Promise<StepResult> => {
    let peak = 0;
    const recorder = deps.createRecorder({ maxSeconds: 5, onLevel: (level) => (peak = Math.max(peak, level.peak)) });
    try {
      await recorder.start();
      await deps.sleep(MIC_TEST_MS);
      const recording: Recording = await recorder.stop();
      const peakDb = peak > 0 ? Math.round(20 * Math.log10(peak)) : null;
      const figures = { sampleRateHz: recording.sampleRateHz, seconds: Math.round(recording.durationSeconds * 10) / 10, peakDb };
      if (recording.samples.length === 0) return { outcome: 'fail', figures, problem: { code: 'MIC_NO_SAMPLES', message: 'The microphone delivered no samples.' } };
      if (peakDb === null || peakDb < -60) return { outcome: 'warn', figures, problem: { code: 'MIC_QUIET', message: 'The microphone is on but heard almost nothing: speak during the test, or check the input level.' } };
      return { outcome: 'ok', figures, problem: null };
    } finally {
      recorder.dispose();
    }
  });

  await step('webgpu', async (): Promise<StepResult> => {
    const gpu = deps.gpu();
    if (!gpu) return { outcome: 'warn', figures: { available: false }, problem: { code: 'NO_WEBGPU', message: 'This browser has no WebGPU; the CPU computes the features.' } };
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { outcome: 'warn', figures: { available: true, adapter: null }, problem: { code: 'NO_GPU_ADAPTER', message: 'WebGPU found no adapter; the CPU computes the features.' } };
    const info = adapter.info;
    const fallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? info?.isFallbackAdapter ?? false;
    return { outcome: 'ok', figures: { available: true, vendor: info?.vendor ?? '', architecture: info?.architecture ?? '', fallback }, problem: null };
  });

  await step('mel', async (): Promise<StepResult> => {
    const extractor = await deps.createFeatureExtractor();
    try {
      const clip = testClip();
      const start = deps.now();
      const logMel = await extractor.compute(clip);
      const ms = Math.round((deps.now() - start) * 10) / 10;
      const cpu = extractor.computeCpu(clip);
      let maxAbsDiff = 0;
      for (let i = 0; i < Math.min(cpu.data.length, logMel.data.length); i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(cpu.data[i] - logMel.data[i]));
      const figures = { path: extractor.info.path, reason: extractor.info.reason, frames: logMel.frames, computeMs: ms, maxAbsDiffVsCpu: Number(maxAbsDiff.toExponential(2)) };
      return maxAbsDiff > 1e-2 ? { outcome: 'fail', figures, problem: { code: 'MEL_MISMATCH', message: `The ${extractor.info.path} log-mel differs from the CPU reference by ${maxAbsDiff.toExponential(1)} (allowed 1e-2).` } } : { outcome: 'ok', figures, problem: null };
    } finally {
      extractor.dispose();
    }
  });

  let engine: PracticeEngine | null = null;
  await step('model', async (): Promise<StepResult> => {
    engine = await deps.loadEngine();
    return { outcome: 'ok', figures: { modelVersion: engine.modelVersion, backend: await deps.tfBackend() }, problem: null };
  });

  await step('inference', async (): Promise<StepResult> => {
    const active = engine as PracticeEngine | null;
    if (!active) return { outcome: 'fail', figures: {}, problem: { code: 'MODEL_UNAVAILABLE', message: 'The model did not load, so nothing could be assessed.' } };
    const clip = testClip();
    const start = deps.now();
    await active.assessDetailed({ id: 'selftest', text: 'three', samples: clip, sampleRateHz: FEATURE_RATE_HZ, pronunciations: [[['TH', 'R', 'IY']]] });
    const ms = Math.round(deps.now() - start);
    return { outcome: ms > 1000 ? 'warn' : 'ok', figures: { assessMsFor1s: ms }, problem: ms > 1000 ? { code: 'SLOW', message: `Assessing 1 s of speech took ${ms} ms: results will be slow on this device.` } : null };
  });

  await step('storage', async (): Promise<StepResult> => {
    const storage = deps.storage();
    if (!storage) return { outcome: 'warn', figures: { available: false }, problem: { code: 'NO_STORAGE_API', message: 'This browser does not say how much storage it allows.' } };
    const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted()]);
    const figures = { quotaBytes: estimate.quota ?? null, usageBytes: estimate.usage ?? null, persisted };
    const free = estimate.quota !== undefined && estimate.usage !== undefined ? estimate.quota - estimate.usage : null;
    if (free !== null && free < 50 * 1024 * 1024) return { outcome: 'warn', figures, problem: { code: 'STORAGE_LOW', message: 'Less than 50 MB of storage is free: recordings may not be saved.' } };
    return { outcome: persisted ? 'ok' : 'warn', figures, problem: persisted ? null : { code: 'NOT_PERSISTED', message: 'Storage is not persistent: the browser may clear recordings when space runs low.' } };
  });
  return steps;
}

/** The downloadable diagnostic log: the steps' figures and problems, the browser, the time — no audio, no names. */
export function selfTestLog(steps: readonly SelfTestStep[], context: { readonly userAgent: string; readonly language: string; readonly at: string; readonly app: string }): string {
  return `${JSON.stringify({ kind: 'sotaque-selftest', version: 1, ...context, steps: steps.map(({ id, outcome, figures, problem, milliseconds }) => ({ id, outcome, milliseconds, figures, problem })) }, null, 2)}\n`;
}
