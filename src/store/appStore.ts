/** The app's store instance, wired to the browser: the AudioWorklet recorder and src/gpu's extractor. */
import { useStore } from 'zustand';
import { createLexicon } from '../assess';
import { createRecorder } from '../audio';
import { createMelExtractor } from '../gpu';
import { SotaqueDb } from '../db';
import { createAppStore, type AppState } from './createAppStore';
import { runFineTuneInWorker } from './fineTuneClient';
import { applyActiveModel, enginePosteriors, loadBrowserEngine, loadNativeReference, loadReferenceIndex, loadTeacherNativeReference, TEACHER_VOICE } from '../practice';
import type { PracticeSliceDeps } from './practiceSlice';
import type { RecorderSliceDeps } from './recorderSlice';
import type { TeacherVoiceDeps } from './teacherVoiceSlice';
import type { SelfTestDeps } from './selfTest';

/**
 * Which log-mel path to ask for, for the free-recording screen and the practice engine alike:
 * `?mel=webgpu` forces WebGPU (even on a software adapter, as the end-to-end tests do), `?mel=cpu`
 * the CPU; by default the faster of the two as measured on this device (src/gpu melChoice.ts, remembered).
 */
function melPreference(): boolean | 'measured' {
  const mel = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('mel');
  return mel === 'webgpu' ? true : mel === 'cpu' ? false : 'measured';
}

/** The real dependencies: the browser recorder, and the extractor (WebGPU where it is faster, else CPU; its `info` says why). */
export const BROWSER_DEPS: RecorderSliceDeps = {
  createRecorder,
  createFeatureExtractor: () => createMelExtractor({ preferGpu: melPreference() }),
};

let db: SotaqueDb | null = null;

/** The practice screen's real dependencies: IndexedDB, the lazily loaded model, the shipped references. */
export const BROWSER_PRACTICE_DEPS: PracticeSliceDeps = {
  createRecorder,
  openDb: () => (db ??= new SotaqueDb()),
  loadEngine: () => loadBrowserEngine(() => (db ??= new SotaqueDb()), () => createMelExtractor({ preferGpu: melPreference() })),
  loadReferenceIndex,
  // The teacher's voice where the teacher recorded the item, else the first shipped voice.
  loadNativeReference: (index, clip, voice) =>
    voice === TEACHER_VOICE
      ? loadTeacherNativeReference((db ??= new SotaqueDb()), index, clip, enginePosteriors).catch(() => loadNativeReference(index, clip, index.voices[0]?.id ?? 'slt'))
      : loadNativeReference(index, clip, voice),
  now: () => performance.now(),
  // CMUdict (4.7 MB) loads only when a learner first practises their own text.
  loadLexicon: async () => createLexicon((await import('cmu-pronouncing-dictionary')).dictionary),
};

/** The teacher's real dependencies: fine-tuning in a worker, the practice engine following the active model. */
export const BROWSER_TEACHER_DEPS: TeacherVoiceDeps = {
  openDb: BROWSER_PRACTICE_DEPS.openDb,
  createRecorder,
  runFineTune: runFineTuneInWorker,
  applyActiveModel,
};

/** The self-test's real dependencies: the same recorder, extractor and engine as practice, and the browser's GPU and storage. */
export const BROWSER_SELFTEST_DEPS: SelfTestDeps = {
  createRecorder,
  createFeatureExtractor: BROWSER_DEPS.createFeatureExtractor,
  loadEngine: BROWSER_PRACTICE_DEPS.loadEngine,
  // src/model holds tfjs (loaded with the engine, never on the first screen).
  tfBackend: async () => (await import('../model')).activeBackend(),
  gpu: () => (typeof navigator === 'undefined' ? undefined : navigator.gpu),
  storage: () => (typeof navigator === 'undefined' ? undefined : navigator.storage),
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The app's store. */
export const appStore = createAppStore(BROWSER_DEPS, BROWSER_PRACTICE_DEPS, BROWSER_TEACHER_DEPS);

/** React hook over `appStore`; pass a selector (wrapped in `useShallow` when it returns a new object). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
