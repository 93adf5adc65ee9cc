/**
 * The app's one zustand store, made of slices (zustand's slices pattern). Only the recorder slice
 * exists so far; practice, review and settings slices join it here. Dependencies are passed in, so
 * tests build stores with fakes; `appStore.ts` builds the app's own with the browser's.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createRecorderSlice, INITIAL_RECORDER_DATA, type RecorderSlice, type RecorderSliceDeps } from './recorderSlice';

/** The whole app state: the union of the slices. */
export type AppState = RecorderSlice;

export type AppStore = StoreApi<AppState> & {
  /** Back to the initial data, releasing the resources the slices own (for tests and sign-out). */
  reset(): void;
};

export function createAppStore(deps: RecorderSliceDeps): AppStore {
  const store = createStore<AppState>()((...args) => ({
    ...createRecorderSlice<AppState>(deps)(...args),
  }));
  return Object.assign(store, {
    reset() {
      store.getState().disposeRecorderResources();
      store.setState({ recorder: INITIAL_RECORDER_DATA });
    },
  });
}
