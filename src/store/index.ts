/** Sotaque's state: one zustand store of slices, with the actions inside it. */
export { appStore, BROWSER_DEPS, BROWSER_PRACTICE_DEPS, BROWSER_SELFTEST_DEPS, useAppStore } from './appStore';
export { MIC_TEST_MS, runSelfTest, selfTestLog, type SelfTestDeps, type SelfTestOutcome, type SelfTestStep, type SelfTestStepId } from './selfTest';
export { createSilenceStopper, type SilenceStopOptions, type SilenceStopper } from './silenceStop';
export { applyPairJudgement, pairFocus, type PairFocus } from './pairJudgement';
export { EngineError, loadReferenceIndex, REFERENCE_BASE_URL, type NativeReference, type PracticeEngine } from './practiceEngine';
export type { AttemptRefusal } from '../db';
export { INITIAL_PRACTICE_DATA, MAX_FREE_TEXT, type EngineStatus, type OverlayData, type PairOutcome, type PracticeData, type PracticeSlice, type PracticeSliceDeps, type PracticeStatus } from './practiceSlice';
export { languageFromBrowser, type SettingsSlice } from './settingsSlice';
export {
  dayBound,
  INITIAL_PROFILES_DATA,
  INITIAL_REVIEW_DATA,
  INITIAL_TEACHER_DATA,
  type OpenAttempt,
  type ProfilesData,
  type ReviewData,
  type ReviewFilterForm,
  type ReviewSlice,
  type ReviewSliceDeps,
  type TeacherData,
} from './reviewSlice';
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
export { applyActiveModel } from './practiceEngine';
export { createTeacherVoiceSlice, INITIAL_TEACHER_VOICE_DATA, itemForFileName, MIN_FINETUNE_RECORDINGS, type FineTuneOutcome, type FineTuneStatus, type FineTuneSummary, type TeacherRefSummary, type TeacherVoiceData, type TeacherVoiceDeps, type TeacherVoiceSlice } from './teacherVoiceSlice';
export { loadTeacherNativeReference, phonesFromLabels, TEACHER_VOICE } from './teacherNative';
