/**
 * The device's storage for Sotaque: asking the browser to keep it (`navigator.storage.persist()`,
 * once, at the first saved attempt, the answer remembered in `settings`), how much is used
 * (`navigator.storage.estimate()`), and quota exhaustion mapped to one typed error.
 *
 * IndexedDB reports a full quota as a DOMException named `QuotaExceededError`; Dexie passes it on
 * as `Dexie.QuotaExceededError`, or wraps it (an `AbortError` whose `inner` is the quota error, a
 * `BulkError` whose `failures` hold it). `isQuotaExceeded` looks through all of these, and
 * `StorageFullError` (code `STORAGE_FULL`) is what the rest of the app sees. A failed write aborts
 * its transaction, so what was stored before stays as it was.
 */
import { CodedError } from '../dsp/codedError';
import { pwaStrings } from '../lessons/strings/pwa';
import type { TipLanguage } from '../lessons/tips';
import type { SotaqueDb } from './schema';

/** The `settings` key under which the answer to `persist()` is remembered. */
export const PERSISTENCE_SETTING = 'storage.persisted';

/** What the app needs of `navigator.storage` (injected in tests). */
export interface StorageManagerLike {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

/** The remembered answer of `persist()`. */
export interface PersistenceAnswer {
  readonly persisted: boolean;
  /** Milliseconds since the epoch. */
  readonly askedAt: number;
}

/** The new data did not fit in the storage the browser gives Sotaque. */
export class StorageFullError extends CodedError<'STORAGE_FULL'> {
  override readonly name = 'StorageFullError';
  /** The message in each UI language (`message` is the English one). */
  readonly messages: Readonly<Record<TipLanguage, string>>;

  constructor(options?: { cause?: unknown }) {
    const messages = { en: pwaStrings('en').storageFull, 'pt-BR': pwaStrings('pt-BR').storageFull };
    super('STORAGE_FULL', messages.en, {}, options);
    this.messages = messages;
  }
}

/** True when `error`, or an error nested in it (`inner`, `cause`, `failures`), is a quota error. */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError' || e instanceof StorageFullError) return true;
  // Legacy DOMException code of QUOTA_EXCEEDED_ERR (some engines report the name as 'Error').
  if (typeof DOMException !== 'undefined' && error instanceof DOMException && error.code === 22) return true;
  if (isQuotaExceeded(e.inner, depth + 1) || isQuotaExceeded(e.cause, depth + 1)) return true;
  const failures = Array.isArray(e.failures) ? e.failures : e.failures && typeof e.failures === 'object' ? Object.values(e.failures) : [];
  return failures.some((f: unknown) => isQuotaExceeded(f, depth + 1));
}

/** `error` as a StorageFullError when it is a quota error; otherwise `error` itself. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageFullError) return error;
  return isQuotaExceeded(error) ? new StorageFullError({ cause: error }) : error;
}

function browserStorage(): StorageManagerLike | null {
  return (globalThis.navigator as Navigator | undefined)?.storage ?? null;
}

/**
 * Asks the browser to keep Sotaque's storage (not to evict it under pressure) the first time it is
 * called for this database, and remembers the answer; later calls return the remembered answer
 * without asking again. Null where the browser has no such API. Never throws: persistence is a
 * wish, not a condition for saving.
 */
export async function requestPersistence(db: SotaqueDb, storage: StorageManagerLike | null = browserStorage(), now: () => number = Date.now): Promise<PersistenceAnswer | null> {
  try {
    const remembered = (await db.settings.get(PERSISTENCE_SETTING))?.value as PersistenceAnswer | undefined;
    if (remembered && typeof remembered.persisted === 'boolean') return remembered;
    if (!storage?.persist) return null;
    const already = storage.persisted ? await storage.persisted() : false;
    const answer: PersistenceAnswer = { persisted: already || (await storage.persist()), askedAt: now() };
    await db.settings.put({ key: PERSISTENCE_SETTING, value: answer });
    return answer;
  } catch {
    return null; // the browser refused to say or to store the answer: the attempt is saved all the same
  }
}

/** The remembered answer of `requestPersistence`, or null when it was never asked. */
export async function persistenceAnswer(db: SotaqueDb): Promise<PersistenceAnswer | null> {
  const value = (await db.settings.get(PERSISTENCE_SETTING))?.value as PersistenceAnswer | undefined;
  return value && typeof value.persisted === 'boolean' ? value : null;
}

/** Bytes used and available to Sotaque (the browser's estimate); null where it cannot say. */
export async function storageEstimate(storage: StorageManagerLike | null = browserStorage()): Promise<{ usageBytes: number; quotaBytes: number | null } | null> {
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number') return null;
    return { usageBytes: usage, quotaBytes: typeof quota === 'number' && quota > 0 ? quota : null };
  } catch {
    return null;
  }
}
