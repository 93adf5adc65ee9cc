import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { attemptAudio, saveAttempt } from './attempts';
import { SESSION_GAP_MS, SotaqueDb } from './schema';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database exactly as version 1 of the app made it. */
async function makeV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores({
    learners: '++id',
    attempts: '++id, learnerId, itemId, pattern, createdAt, [learnerId+createdAt]',
    attemptAudio: 'attemptId',
    references: 'key',
  });
  await v1.open();
  await v1.table('learners').bulkAdd([
    { name: 'Ana', language: 'pt-BR', createdAt: 1 },
    { name: 'Bia', language: 'en', createdAt: 2 },
  ]);
  const base = { text: 'three', pattern: 'TH', itemId: 'th-w-three', status: 'assessed', durationSeconds: 1, sampleRateHz: 16_000, error: null, modelVersion: 'v1' };
  const result = { id: 'a', text: 'three', score: 70, warnings: [], words: [] };
  // Ana: two attempts a minute apart, then one an hour later (two sessions); Bia: one.
  const times = [[1, 1_000], [1, 61_000], [1, 61_000 + SESSION_GAP_MS + 1], [2, 5_000]] as const;
  for (const [learnerId, createdAt] of times) {
    const id = await v1.table('attempts').add({ ...base, learnerId, createdAt, result });
    await v1.table('attemptAudio').add({ attemptId: id, audio: new Blob([new Uint8Array([id as number, 2, 3])], { type: 'audio/wav' }) });
  }
  v1.close();
}

describe('schema migrations', () => {
  it('upgrades a version-1 database without losing attempts, giving uids and sessions', async () => {
    const name = `migrate-${Math.random()}`;
    names.push(name);
    await makeV1(name);
    const db = new SotaqueDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    const attempts = await db.attempts.orderBy('id').toArray();
    expect(attempts).toHaveLength(4);
    expect(attempts.every((a) => a.status === 'assessed' && a.result?.score === 70)).toBe(true);
    expect(new Set(attempts.map((a) => a.uid)).size).toBe(4);
    const learners = await db.learners.toArray();
    expect(learners.map((l) => l.name)).toEqual(['Ana', 'Bia']);
    expect(learners.every((l) => typeof l.uid === 'string' && l.uid.length > 0)).toBe(true);
    const sessions = await db.sessions.toArray();
    expect(sessions).toHaveLength(3);
    expect(attempts[0].sessionId).toBe(attempts[1].sessionId);
    expect(attempts[2].sessionId).not.toBe(attempts[1].sessionId);
    const bia = sessions.find((s) => s.learnerId === 2);
    expect(attempts[3].sessionId).toBe(bia?.id);
    expect(sessions.find((s) => s.id === attempts[0].sessionId)).toMatchObject({ startedAt: 1_000, lastAt: 61_000 });
    for (const a of attempts) expect((await attemptAudio(db, a.id as number))?.size).toBe(3);
    // New attempts keep working after the upgrade, joining the latest session when recent.
    const id = await saveAttempt(db, { learnerId: 2, itemId: 'x', pattern: null, text: 'x', durationSeconds: 1, sampleRateHz: 16_000, audio: new Blob([]), createdAt: 6_000 });
    expect((await db.attempts.get(id))?.sessionId).toBe(bia?.id);
    db.close();
  });

  it('upgrades a version-2 database: silent takes become refused, others get no refusal, and refused takes are indexed', async () => {
    const name = `migrate-v2-${Math.random()}`;
    names.push(name);
    const v2 = new Dexie(name);
    v2.version(2).stores({
      learners: '++id, &uid',
      attempts: '++id, &uid, learnerId, sessionId, itemId, pattern, createdAt, [learnerId+createdAt]',
      attemptAudio: 'attemptId',
      attemptFeatures: 'attemptId',
      sessions: '++id, &uid, learnerId, [learnerId+startedAt]',
      reviews: 'attemptId, updatedAt',
      references: 'key',
      teacherReferences: '++id, &uid, itemId, createdAt',
      models: 'key',
      settings: 'key',
    });
    await v2.open();
    const base = { learnerId: 1, sessionId: null, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 15, sampleRateHz: 16_000, modelVersion: null, result: null };
    await v2.table('attempts').bulkAdd([
      { ...base, uid: 'a', createdAt: 1, status: 'failed', error: { code: 'CLIP_SILENT', message: 'silent' } },
      { ...base, uid: 'b', createdAt: 2, status: 'failed', error: { code: 'MODEL_UNAVAILABLE', message: 'no model' } },
      { ...base, uid: 'c', createdAt: 3, status: 'assessed', error: null, result: { id: 'c', text: 'three', score: 80, warnings: [], words: [] } },
    ]);
    await v2.table('attemptAudio').add({ attemptId: 1, audio: new Blob([new Uint8Array([1, 2])]) });
    v2.close();

    const db = new SotaqueDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    const [silent, failed, assessed] = await db.attempts.orderBy('id').toArray();
    expect(silent).toMatchObject({ status: 'refused', refusal: { reason: 'silent', speechSeconds: 0 } });
    expect(failed).toMatchObject({ status: 'failed', refusal: null, error: { code: 'MODEL_UNAVAILABLE' } });
    expect(assessed).toMatchObject({ status: 'assessed', refusal: null });
    expect((await attemptAudio(db, silent.id as number))?.size).toBe(2);
    expect(await db.attempts.where('status').equals('refused').count()).toBe(1);
    db.close();
  });
});
