/**
 * The practice service between the store and the layers below it: the engine (model, calibration,
 * judging through src/assess), the native references, the teacher's voice as a reference, and the
 * signal steps of an attempt's way to the screen (silence check, features, overlay alignment).
 */
export { applyActiveModel, CALIBRATION_URL, createPracticeEngine, EngineError, enginePosteriors, loadBrowserEngine, loadNativeReference, loadReferenceIndex, MODEL_URL, REFERENCE_BASE_URL, type EngineErrorCode, type EngineMel, type NativeReference, type PracticeEngine } from './engine';
export { createCaptureResampler, FEATURE_RATE_HZ, isSilentRecording, learnerFeatures, overlayPath, speechSpan, takeUsability, toFeatureRate, type LogMel, type StreamingResampler, type TrimResult, type Usability } from './features';
export { loadTeacherNativeReference, phonesFromLabels, TEACHER_VOICE } from './teacherNative';
export { freeTextTarget, judgeRecording, lessonTarget, lexiconOnDemand, MAX_FREE_TEXT, overlayData, storeFailure, storeRecording, storeRefusal, storeResult, takeRefusal, type JudgedRecording, type JudgeRecordingRequest, type OverlayData, type PracticeTarget, type ReferenceSource } from './attempt';
