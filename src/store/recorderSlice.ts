/**
 * The recorder slice: record → stop (or the maximum length) → features, and the state the first
 * screen draws (status, live level, elapsed time, the recording, its features, problems).
 *
 * The slice owns the live `Recorder` and the `FeatureExtractor` (created lazily, kept for later
 * recordings) and disposes both in `disposeRecorderResources()`; neither is part of the state.
 *
 * Pipeline after a recording ends (docs/ARCHITECTURE.md steps 1–2): resample to 16 kHz (src/dsp) → trim
 * leading/trailing silence (src/dsp; a clip with no speech is `CLIP_SILENT`) → log-mel of the speech
 * span through the extractor (WebGPU or CPU, whose `info` says which and why).
 */
import type { StateCreator } from 'zustand/vanilla';
import { clampMaxSeconds, DEFAULT_MAX_RECORDING_SECONDS, type Recorder, type RecorderOptions, type Recording } from '../audio';
import { speechSpan, type LogMel, type TrimResult } from '../practice';
import { problemFrom, type RecorderProblem } from './errors';

/** Which path computed a log-mel, and why (the extractor's `info`). */
export interface MelPathInfo {
  readonly path: 'webgpu' | 'cpu';
  readonly reason: string;
  readonly adapter?: string;
}

/** What the slice needs from src/gpu's `MelExtractor` (structurally the same). */
export interface FeatureExtractor {
  readonly info: MelPathInfo;
  compute(samples16k: Float32Array): Promise<LogMel>;
  computeCpu(samples16k: Float32Array): LogMel;
  dispose(): void;
}

/** Factories the slice calls; the app passes the real ones, unit tests pass fakes. */
export interface RecorderSliceDeps {
  createRecorder(options: RecorderOptions): Recorder;
  createFeatureExtractor(): Promise<FeatureExtractor>;
}

export type RecorderStatus = 'idle' | 'recording' | 'processing' | 'done' | 'error';

/** The features of the last recording. */
export interface RecordingFeatures {
  /** The whole recording at 16 kHz. */
  readonly samples16k: Float32Array;
  /** The speech span of `samples16k` that the log-mel covers (sample indices, end exclusive). */
  readonly speech: TrimResult;
  /** Log-mel of `samples16k[speech.start, speech.end)` from `extractor.compute` (what is drawn). */
  readonly logMel: LogMel;
  readonly melPath: MelPathInfo;
  /** Self-check only: `extractor.computeCpu` of the same samples, and the largest difference. */
  readonly cpuCheck?: { readonly logMel: LogMel; readonly maxAbsDiff: number };
}

export interface RecorderData {
  readonly status: RecorderStatus;
  /** Level of the latest captured block while recording (linear 0…1). */
  readonly level: { readonly rms: number; readonly peak: number };
  readonly elapsedSeconds: number;
  /** Longest recording; the recorder stops itself there and keeps the audio. */
  readonly maxSeconds: number;
  /** Also compute the CPU log-mel of each clip and compare (a diagnostic; `?selfCheck=1`). */
  readonly selfCheck: boolean;
  readonly recording: Recording | null;
  readonly features: RecordingFeatures | null;
  /** A problem that stopped the flow (status `error`). */
  readonly error: RecorderProblem | null;
  /** A problem to report alongside a result (e.g. `MIC_LOST`: the recording was cut short but kept). */
  readonly notice: RecorderProblem | null;
}

export interface RecorderSlice {
  readonly recorder: RecorderData;
  /**
   * Opens the microphone and records until `stopRecording`, the maximum length, or the device is lost;
   * resolves once that recording has been processed (problems land in the state, never as a rejection).
   */
  startRecording(): Promise<void>;
  /** Stops the recording in progress; processing follows. */
  stopRecording(): void;
  setMaxSeconds(seconds: number): void;
  setSelfCheck(enabled: boolean): void;
  /** Settles when the current recording's processing has finished (for tests and callers that chain). */
  whenIdle(): Promise<void>;
  /** Creates the feature extractor ahead of the first recording (GPU adapter, pipelines); safe to call twice. */
  warmUp(): Promise<void>;
  /**
   * Releases the live recorder and the extractor (the store's reset and page unload call this); a
   * recording in progress is discarded and the status goes back to idle.
   */
  disposeRecorderResources(): void;
}

export const INITIAL_RECORDER_DATA: RecorderData = {
  status: 'idle',
  level: { rms: 0, peak: 0 },
  elapsedSeconds: 0,
  maxSeconds: DEFAULT_MAX_RECORDING_SECONDS,
  selfCheck: false,
  recording: null,
  features: null,
  error: null,
  notice: null,
};

/** The silence message of docs/ARCHITECTURE.md step 1. */
const SILENT_PROBLEM: RecorderProblem = {
  code: 'CLIP_SILENT',
  message: 'We heard nothing — check the microphone: make sure the right one is selected, switched on, not muted and close to you, then record again.',
};

export function createRecorderSlice<S extends RecorderSlice>(deps: RecorderSliceDeps): StateCreator<S, [], [], RecorderSlice> {
  return (set, get) => {
    let recorder: Recorder | null = null;
    let extractor: Promise<FeatureExtractor> | null = null;
    let pending: Promise<void> = Promise.resolve();
    /** Incremented by every recording and every reset; late results of an older one are dropped. */
    let generation = 0;

    const patch = (data: Partial<RecorderData>) => set((state) => ({ recorder: { ...state.recorder, ...data } }) as Partial<S>);

    function getExtractor(): Promise<FeatureExtractor> {
      extractor ??= deps.createFeatureExtractor().catch((error: unknown) => {
        extractor = null; // try again next time
        throw error;
      });
      return extractor;
    }

    async function logMelOf(speech: Float32Array): Promise<{ logMel: LogMel; melPath: MelPathInfo; active: FeatureExtractor }> {
      const active = await getExtractor();
      try {
        return { logMel: await active.compute(speech), melPath: active.info, active };
      } catch (error) {
        if (active.info.path === 'cpu') throw error;
        const detail = error instanceof Error ? error.message : String(error);
        return { logMel: active.computeCpu(speech), melPath: { path: 'cpu', reason: `WebGPU failed on this clip (${detail}); computed on the CPU instead` }, active };
      }
    }

    async function processRecording(recording: Recording, mine: number): Promise<void> {
      const notice = recording.interruption ? problemFrom(recording.interruption, 'MIC_LOST') : null;
      patch({ status: 'processing', recording, notice, level: { rms: 0, peak: 0 } });
      try {
        const span = speechSpan(recording.samples, recording.sampleRateHz);
        if (!span) {
          patch({ status: 'error', error: SILENT_PROBLEM });
          return;
        }
        const { samples16k, speech } = span;
        const speechSamples = samples16k.subarray(speech.start, speech.end);
        const { logMel, melPath, active } = await logMelOf(speechSamples);
        if (mine !== generation) return;
        let cpuCheck: RecordingFeatures['cpuCheck'];
        if (get().recorder.selfCheck) {
          const cpu = active.computeCpu(speechSamples);
          cpuCheck = { logMel: cpu, maxAbsDiff: maxAbsDifference(logMel.data, cpu.data, Math.log(1e-6) + 1) };
        }
        patch({ status: 'done', features: { samples16k, speech, logMel, melPath, ...(cpuCheck ? { cpuCheck } : {}) } });
      } catch (error) {
        if (mine === generation) patch({ status: 'error', error: problemFrom(error, 'FEATURES_FAILED') });
      }
    }

    return {
      recorder: INITIAL_RECORDER_DATA,

      async startRecording() {
        const { status } = get().recorder;
        if (status === 'recording' || status === 'processing') return;
        recorder?.dispose();
        const mine = ++generation;
        const current = deps.createRecorder({
          maxSeconds: get().recorder.maxSeconds,
          onLevel: (level) => {
            if (mine === generation) patch({ level: { rms: level.rms, peak: level.peak }, elapsedSeconds: level.elapsedSeconds });
          },
        });
        recorder = current;
        patch({ status: 'recording', elapsedSeconds: 0, level: { rms: 0, peak: 0 }, recording: null, features: null, error: null, notice: null });
        // Warm the extractor up (adapter, pipelines) while the learner speaks.
        void getExtractor().catch(() => undefined); // processing the recording reports the problem
        pending = (async () => {
          try {
            await current.start();
            const recording = await current.finished;
            if (mine === generation) await processRecording(recording, mine);
          } catch (error) {
            if (mine === generation) patch({ status: 'error', error: problemFrom(error, 'CAPTURE_FAILED'), level: { rms: 0, peak: 0 } });
          } finally {
            if (recorder === current) recorder = null;
            current.dispose();
          }
        })();
        await pending;
      },

      stopRecording() {
        if (get().recorder.status === 'recording') void recorder?.stop().catch(() => undefined); // `finished` reports how the recording ended
      },

      setMaxSeconds(seconds) {
        patch({ maxSeconds: clampMaxSeconds(seconds) });
      },

      setSelfCheck(enabled) {
        patch({ selfCheck: enabled });
      },

      whenIdle() {
        return pending;
      },

      async warmUp() {
        await getExtractor().then(
          () => undefined,
          () => undefined, // the first recording reports the problem
        );
      },

      disposeRecorderResources() {
        generation++;
        recorder?.dispose();
        recorder = null;
        const old = extractor;
        extractor = null;
        void old?.then((e) => e.dispose()).catch(() => undefined); // an extractor that never came has nothing to release
        const { status } = get().recorder;
        if (status === 'recording' || status === 'processing') patch({ status: 'idle', level: { rms: 0, peak: 0 } });
      },
    };
  };
}

/** Largest |a[i] − b[i]| over the cells where the reference `b` is above `floor` (docs/CONTRACTS.md); Infinity when the shapes differ. */
function maxAbsDifference(a: Float32Array, b: Float32Array, floor: number): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) if (b[i] > floor) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
