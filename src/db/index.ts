/** Storage on the device (IndexedDB through Dexie): learners, attempts with their audio, references. */
export { attemptAudio, attemptsOf, completeAttempt, ensureLearner, failAttempt, saveAttempt, type NewAttempt } from './attempts';
export { patternProgress, type PatternProgress } from './progress';
export { SotaqueDb, type AttemptAudioRow, type AttemptRow, type AttemptStatus, type LearnerRow, type ReferenceRow } from './schema';
