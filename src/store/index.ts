/** Sotaque's state: one zustand store of slices, with the actions inside it. */
export { appStore, BROWSER_DEPS, useAppStore } from './appStore';
export { createAppStore, type AppState, type AppStore } from './createAppStore';
export { problemFrom, type RecorderProblem, type RecorderProblemCode } from './errors';
export {
  INITIAL_RECORDER_DATA,
  type FeatureExtractor,
  type MelPathInfo,
  type RecorderData,
  type RecorderSlice,
  type RecorderSliceDeps,
  type RecorderStatus,
  type RecordingFeatures,
} from './recorderSlice';
