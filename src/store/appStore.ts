/** The app's store instance, wired to the browser: the AudioWorklet recorder and src/gpu's extractor. */
import { useStore } from 'zustand';
import { createRecorder } from '../audio';
import { createMelExtractor } from '../gpu';
import { createAppStore, type AppState } from './createAppStore';
import type { RecorderSliceDeps } from './recorderSlice';

/** The real dependencies: the browser recorder, and the extractor (WebGPU where it works, else CPU; its `info` says why). */
export const BROWSER_DEPS: RecorderSliceDeps = {
  createRecorder,
  createFeatureExtractor: () => createMelExtractor({ preferGpu: true }),
};

/** The app's store. */
export const appStore = createAppStore(BROWSER_DEPS);

/** React hook over `appStore`; pass a selector (wrapped in `useShallow` when it returns a new object). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
