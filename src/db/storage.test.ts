import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { attemptAudio, attemptsOf, saveAttempt } from './attempts';
import { SotaqueDb } from './schema';
import { asStorageError, isQuotaExceeded, persistenceAnswer, requestPersistence, StorageFullError, storageEstimate, type StorageManagerLike } from './storage';

const dbs: SotaqueDb[] = [];
function openDb(): SotaqueDb {
  const db = new SotaqueDb(`storage-test-${dbs.length}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const attempt = (bytes: number) => ({ learnerId: 1, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1, sampleRateHz: 16_000, audio: new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }) });

describe('isQuotaExceeded', () => {
  it('finds a quota error itself, as Dexie’s, and nested as inner, cause or in failures', () => {
    expect(isQuotaExceeded(quota())).toBe(true);
    expect(isQuotaExceeded(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('aborted', quota()))).toBe(true);
    expect(isQuotaExceeded(Object.assign(new Error('outer'), { inner: Object.assign(new Error('middle'), { inner: quota() }) }))).toBe(true);
    expect(isQuotaExceeded(new Error('outer', { cause: quota() }))).toBe(true);
    expect(isQuotaExceeded(new Dexie.BulkError('bulk', { 3: quota() }))).toBe(true);
  });

  it('says no to other errors, including an abort with another cause', () => {
    expect(isQuotaExceeded(new Error('disk on fire'))).toBe(false);
    expect(isQuotaExceeded(new Dexie.AbortError('aborted', new DOMException('x', 'DataError')))).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
    expect(isQuotaExceeded('QuotaExceededError')).toBe(false);
    const other = new TypeError('x');
    expect(asStorageError(other)).toBe(other);
  });

  it('maps to StorageFullError with a message in both languages saying what to do', () => {
    const error = asStorageError(new Dexie.AbortError('aborted', quota()));
    expect(error).toBeInstanceOf(StorageFullError);
    const full = error as StorageFullError;
    expect(full.code).toBe('STORAGE_FULL');
    expect(full.message).toMatch(/export/i);
    expect(full.message).toMatch(/delete old attempts/i);
    expect(full.messages['pt-BR']).toMatch(/exporte/);
    expect(full.messages['pt-BR']).toMatch(/apague tentativas antigas/);
  });
});

describe('saving when the storage is full', () => {
  it('rejects with STORAGE_FULL, stores nothing of the new attempt, and keeps every earlier one', async () => {
    const db = openDb();
    const first = await saveAttempt(db, attempt(100));
    const second = await saveAttempt(db, attempt(200));
    // The next audio write fails as a full IndexedDB does.
    db.attemptAudio.hook('creating', () => {
      throw quota();
    });
    const error = await saveAttempt(db, attempt(300)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageFullError);
    const rows = await attemptsOf(db, 1);
    expect(rows.map((r) => r.id)).toEqual([first, second]);
    expect((await attemptAudio(db, first))?.size).toBe(100);
    expect((await attemptAudio(db, second))?.size).toBe(200);
    expect(await db.attemptAudio.count()).toBe(2);
  });

  it('a write that fails for another reason is not reported as a full storage', async () => {
    const db = openDb();
    db.attemptAudio.hook('creating', () => {
      throw new Error('broken');
    });
    await expect(saveAttempt(db, attempt(10))).rejects.not.toBeInstanceOf(StorageFullError);
    expect(await db.attempts.count()).toBe(0);
  });
});

describe('persistence', () => {
  it('asks once, remembers the answer, and does not ask again', async () => {
    const db = openDb();
    let asked = 0;
    const storage: StorageManagerLike = { persisted: async () => false, persist: async () => (asked++, true) };
    expect(await persistenceAnswer(db)).toBeNull();
    expect(await requestPersistence(db, storage, () => 1234)).toEqual({ persisted: true, askedAt: 1234 });
    expect(await requestPersistence(db, storage, () => 9999)).toEqual({ persisted: true, askedAt: 1234 });
    expect(asked).toBe(1);
    expect(await persistenceAnswer(db)).toEqual({ persisted: true, askedAt: 1234 });
  });

  it('remembers a refusal too, does not ask when already persisted, and is null without the API', async () => {
    const refused = openDb();
    expect(await requestPersistence(refused, { persist: async () => false }, () => 5)).toEqual({ persisted: false, askedAt: 5 });
    expect(await persistenceAnswer(refused)).toEqual({ persisted: false, askedAt: 5 });

    const already = openDb();
    let asked = 0;
    expect(await requestPersistence(already, { persisted: async () => true, persist: async () => (asked++, false) }, () => 6)).toEqual({ persisted: true, askedAt: 6 });
    expect(asked).toBe(0);

    const none = openDb();
    expect(await requestPersistence(none, {})).toBeNull();
    expect(await requestPersistence(none, null)).toBeNull();
    expect(await persistenceAnswer(none)).toBeNull();
  });

  it('never throws when the browser refuses to answer', async () => {
    const db = openDb();
    expect(await requestPersistence(db, { persist: () => Promise.reject(new Error('no')) })).toBeNull();
  });
});

describe('storageEstimate', () => {
  it('reports usage and quota, null quota when unknown, null without the API', async () => {
    expect(await storageEstimate({ estimate: async () => ({ usage: 1500, quota: 10_000 }) })).toEqual({ usageBytes: 1500, quotaBytes: 10_000 });
    expect(await storageEstimate({ estimate: async () => ({ usage: 1500 }) })).toEqual({ usageBytes: 1500, quotaBytes: null });
    expect(await storageEstimate({ estimate: () => Promise.reject(new Error('no')) })).toBeNull();
    expect(await storageEstimate({})).toBeNull();
    expect(await storageEstimate(null)).toBeNull();
  });
});
