/**
 * What the screens read from and write to the device's storage beyond the slices' own state (a
 * learner's progress, the share archive, storage usage), so that src/ui never opens the database:
 * each function takes the database opener, by default the app's. Pure helpers the screens use over
 * the rows (progress figures, effective verdicts, limits) are re-exported from src/db as they are.
 */
import {
  activeLearner,
  attemptsOf,
  exportArchive,
  importArchive,
  persistenceAnswer,
  storageEstimate,
  type AttemptRow,
  type ExportScope,
  type ImportSummary,
  type LearnerRow,
  type PersistenceAnswer,
  type SotaqueDb,
} from '../db';
import { BROWSER_PRACTICE_DEPS } from './appStore';

export type DbOpener = () => SotaqueDb;
const appDb: DbOpener = () => BROWSER_PRACTICE_DEPS.openDb();

/** The active profile (the first run creates one, named for `language`) and its attempts. */
export async function activeLearnerAttempts(language: 'pt-BR' | 'en', openDb: DbOpener = appDb): Promise<{ learnerId: number; attempts: AttemptRow[] }> {
  const db = openDb();
  const learnerId = await activeLearner(db, language);
  return { learnerId, attempts: await attemptsOf(db, learnerId) };
}

/** The learners on this device and how many attempts they hold, for the share screen. */
export async function shareOverview(openDb: DbOpener = appDb): Promise<{ learners: LearnerRow[]; attempts: number }> {
  const db = openDb();
  const [learners, attempts] = await Promise.all([db.learners.orderBy('id').toArray(), db.attempts.count()]);
  return { learners, attempts };
}

/** The share archive of one or more learners, or of the whole class (src/db `exportArchive`). */
export function exportShareArchive(scope: ExportScope, openDb: DbOpener = appDb): Promise<Blob> {
  return exportArchive(openDb(), scope);
}

/** Checks and merges an archive (src/db `importArchive`: refused with a `ShareError` and nothing written when it is not sound). */
export function importShareArchive(file: Blob, openDb: DbOpener = appDb): Promise<ImportSummary> {
  return importArchive(openDb(), file);
}

/** How much the origin stores and may store, and the browser's answer to persistent storage (null where unknown). */
export async function storageStatus(openDb: DbOpener = appDb): Promise<{ estimate: { usageBytes: number; quotaBytes: number | null } | null; persistence: PersistenceAnswer | null }> {
  const [estimate, persistence] = await Promise.all([
    storageEstimate(),
    // An unreadable setting only hides the "persisted" remark beside the usage.
    persistenceAnswer(openDb()).catch(() => null),
  ]);
  return { estimate, persistence };
}

export {
  archiveFileName,
  dayStart,
  dueToday,
  effectiveVerdicts,
  isFlagged,
  MAX_NOTE_LENGTH,
  nextDrill,
  patternProgress,
  phoneProgress,
  practiseNext,
  reviewCards,
  ShareError,
  streaks,
  type AttemptRow,
  type DrillItem,
  type ImportSummary,
  type LearnerRow,
  type PersistenceAnswer,
  type PhoneOverride,
  type PhoneProgress,
  type Profile,
  type ReviewCard,
  type ReviewedAttempt,
  type ShareErrorCode,
} from '../db';
export { MAX_PROFILE_NAME } from '../db/profiles';
