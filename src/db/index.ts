/** Storage on the device (IndexedDB through Dexie): learners, sessions, attempts with their audio, reviews, references, models. */
export { attemptAudio, attemptsOf, completeAttempt, ensureLearner, failAttempt, saveAttempt, type NewAttempt } from './attempts';
export {
  asStorageError,
  isQuotaExceeded,
  PERSISTENCE_SETTING,
  persistenceAnswer,
  requestPersistence,
  StorageFullError,
  storageEstimate,
  type PersistenceAnswer,
  type StorageManagerLike,
} from './storage';
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
