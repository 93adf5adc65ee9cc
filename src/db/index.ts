/** Storage on the device (IndexedDB through Dexie): learners, sessions, attempts with their audio, reviews, references, models. */
export { attemptAudio, attemptsOf, completeAttempt, ensureLearner, failAttempt, saveAttempt, type NewAttempt } from './attempts';
export { patternProgress, type PatternProgress } from './progress';
export {
  newUid,
  SESSION_GAP_MS,
  SotaqueDb,
  type AttemptAudioRow,
  type AttemptFeaturesRow,
  type AttemptRow,
  type AttemptStatus,
  type LearnerRow,
  type ModelRow,
  type PhoneOverride,
  type ReferenceRow,
  type ReviewRow,
  type SessionRow,
  type SettingRow,
  type TeacherReferenceRow,
} from './schema';
export { activeHead, activeModel, fineTunedHead, saveFineTunedHead, setActiveModel, ACTIVE_MODEL_SETTING, FINETUNED_MODEL_KEY, type ActiveModel } from './models';
export {
  allTeacherReferences,
  countTeacherReferences,
  deleteTeacherReference,
  importTeacherWav,
  MAX_TEACHER_SECONDS,
  saveTeacherReference,
  teacherReferencesOf,
  TeacherRefError,
  type NewTeacherReference,
  type TeacherRefErrorCode,
} from './teacherRefs';
