/** Storage on the device (IndexedDB through Dexie): learners, sessions, attempts with their audio, reviews, references, models. */
export { attemptAudio, attemptsOf, completeAttempt, ensureLearner, failAttempt, saveAttempt, type NewAttempt } from './attempts';
export {
  dayStart,
  localDay,
  patternProgress,
  phoneProgress,
  practiseNext,
  streaks,
  type PatternProgress,
  type PhonePoint,
  type PhoneProgress,
  type Streaks,
  type SuggestOptions,
  type Suggestion,
  type SuggestionReason,
} from './progress';
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
