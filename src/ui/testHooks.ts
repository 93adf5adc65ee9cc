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
 */
import type { LogMel } from '../dsp';
import type { AppStore, MelPathInfo, RecorderStatus } from '../store';
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
}

declare global {
  interface Window {
    /** End-to-end test data; see src/ui/testHooks.ts. */
    __sotaque?: SotaqueTestData;
  }
}

function snapshot(store: AppStore): SotaqueTestData {
  const r = store.getState().recorder;
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
  };
}

/** Publishes the snapshot and keeps it current; returns the unsubscribe function. */
export function installTestHooks(store: AppStore): () => void {
  window.__sotaque = snapshot(store);
  const unsubscribe = store.subscribe((state, previous) => {
    // The level meter updates ~50 times a second; the snapshot only changes with the rest.
    if (state.recorder.status === previous.recorder.status && state.recorder.features === previous.recorder.features && state.recorder.recording === previous.recorder.recording) return;
    window.__sotaque = snapshot(store);
  });
  return () => {
    unsubscribe();
    delete window.__sotaque;
  };
}
