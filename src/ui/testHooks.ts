/**
 * Read-only data for the end-to-end tests, on `window.__sotaque`: a snapshot of the recorder slice
 * kept current by a store subscription. Data only (no functions: tests drive the app through its
 * UI). Arrays are the store's own (no copies), so the hook costs nothing.
 *
 * - `status`: the recorder status (`idle` | `recording` | `processing` | `done` | `error`).
 * - `recording`: the captured mono samples at `sampleRateHz` (the AudioContext rate) and why it ended.
 * - `samples16k`: the whole recording resampled to 16 kHz; `speech`: the trimmed span of it, in samples.
 * - `logMel`: the displayed log-mel of `samples16k[speech.start, speech.end)`, from `extractor.compute`.
 * - `cpuLogMel`: `extractor.computeCpu` of the same samples — only with `?selfCheck=1`, else null.
 * - `melPath`: the extractor's info (`path`: `webgpu` | `cpu`, `reason`, `adapter`).
 * - `problem`: the code of the error or notice shown, if any.
 * - `practice`: the practice screen — `status`, `statusLog` (every status since the page opened, in
 *   order), `engine`, `attemptId` (set once the recording is stored), `result` (the assess output),
 *   `error`/`notice` codes, `analysisMs`, `melPath` (the log-mel path of the last analysis), and the
 *   overlay's frame count and native phones.
 * - `teacherVoice`: the teacher's recordings count, the fine-tuning status/progress/decision, the active
 *   model, and `probe`: the practice engine's posteriors of a fixed clip after the last model change.
 */
import type { LogMel } from '../dsp';
import type { AssessResult } from '../assess';
import type { AppStore, MelPathInfo, PracticeStatus, RecorderStatus } from '../store';
import type { RecordingEnd } from '../audio';

export interface SotaqueTestData {
  readonly status: RecorderStatus;
  readonly maxSeconds: number;
  readonly recording: { readonly samples: Float32Array; readonly sampleRateHz: number; readonly endedBy: RecordingEnd } | null;
  readonly samples16k: Float32Array | null;
  readonly speech: { readonly start: number; readonly end: number } | null;
  readonly logMel: LogMel | null;
  readonly cpuLogMel: LogMel | null;
  readonly melPath: MelPathInfo | null;
  readonly problem: string | null;
  readonly practice: PracticeTestData;
  readonly teacherVoice: TeacherTestData;
}

export interface TeacherTestData {
  readonly total: number;
  readonly fineTune: { readonly status: string; readonly fraction: number; readonly adopt: boolean | null };
  readonly activeModel: string;
  readonly probe: readonly number[] | null;
}

export interface PracticeTestData {
  readonly status: PracticeStatus;
  readonly statusLog: readonly PracticeStatus[];
  readonly itemId: string;
  readonly engine: string;
  readonly attemptId: number | null;
  readonly result: AssessResult | null;
  readonly error: string | null;
  /** Why the take was refused (src/assess/usability `RefusalReason`), or null. */
  readonly refusal: string | null;
  readonly notice: string | null;
  readonly analysisMs: number | null;
  /** Which log-mel path the last attempt's analysis took, and why. */
  readonly melPath: MelPathInfo | null;
  readonly overlay: { readonly frames: number; readonly nativePhones: readonly string[]; readonly voice: string } | null;
}

declare global {
  interface Window {
    /** End-to-end test data; see src/ui/testHooks.ts. */
    __sotaque?: SotaqueTestData;
  }
}

function snapshot(store: AppStore, statusLog: readonly PracticeStatus[]): SotaqueTestData {
  const r = store.getState().recorder;
  const p = store.getState().practice;
  const t = store.getState().teacherVoice;
  const f = r.features;
  return {
    status: r.status,
    maxSeconds: r.maxSeconds,
    recording: r.recording ? { samples: r.recording.samples, sampleRateHz: r.recording.sampleRateHz, endedBy: r.recording.endedBy } : null,
    samples16k: f?.samples16k ?? null,
    speech: f ? { start: f.speech.start, end: f.speech.end } : null,
    logMel: f?.logMel ?? null,
    cpuLogMel: f?.cpuCheck?.logMel ?? null,
    melPath: f?.melPath ?? null,
    problem: r.error?.code ?? r.notice?.code ?? null,
    practice: {
      status: p.status,
      statusLog: [...statusLog],
      itemId: p.itemId,
      engine: p.engine,
      attemptId: p.attemptId,
      result: p.result,
      error: p.error?.code ?? null,
      refusal: p.refusal?.reason ?? null,
      notice: p.notice?.code ?? null,
      analysisMs: p.analysisMs,
      melPath: p.melPath,
      overlay: p.overlay
        ? { frames: p.overlay.learnerLogMel.frames, nativePhones: p.overlay.native.phones.filter((x) => x.phone !== 'SIL').map((x) => x.phone), voice: p.overlay.native.voice }
        : null,
    },
    teacherVoice: {
      total: t.total,
      fineTune: { status: t.fineTune.status, fraction: t.fineTune.fraction, adopt: t.fineTune.summary?.adopt ?? null },
      activeModel: t.activeModel,
      probe: t.probe ? Array.from(t.probe) : null,
    },
  };
}

/** Publishes the snapshot and keeps it current; returns the unsubscribe function. */
export function installTestHooks(store: AppStore): () => void {
  const statusLog: PracticeStatus[] = [store.getState().practice.status];
  window.__sotaque = snapshot(store, statusLog);
  const unsubscribe = store.subscribe((state, previous) => {
    // The level meter updates ~50 times a second; the snapshot only changes with the rest.
    const practiceChanged = { ...state.practice, level: null, elapsedSeconds: 0 };
    const practiceBefore = { ...previous.practice, level: null, elapsedSeconds: 0 };
    const samePractice = (Object.keys(practiceChanged) as (keyof typeof practiceChanged)[]).every((k) => practiceChanged[k] === practiceBefore[k]);
    if (state.recorder.status === previous.recorder.status && state.recorder.features === previous.recorder.features && state.recorder.recording === previous.recorder.recording && samePractice && state.teacherVoice === previous.teacherVoice) return;
    if (state.practice.status !== previous.practice.status) statusLog.push(state.practice.status);
    window.__sotaque = snapshot(store, statusLog);
  });
  return () => {
    unsubscribe();
    delete window.__sotaque;
  };
}
