import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLearner, saveAttempt } from './attempts';
import {
  activeLearner,
  clearTeacherPin,
  createProfile,
  hasTeacherPin,
  listProfiles,
  pinWaitMs,
  profileAttemptCount,
  removeProfile,
  renameProfile,
  setActiveLearner,
  setTeacherPin,
  TEACHER_PIN_KEY,
  verifyTeacherPin,
} from './profiles';
import { saveReview } from './review';
import { SotaqueDb } from './schema';

const dbs: SotaqueDb[] = [];
function openDb(): SotaqueDb {
  const db = new SotaqueDb(`profiles-${dbs.length}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const audio = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' });
const result = { id: 'a', text: 'three', score: 50, warnings: [], words: [{ word: 'three', score: 50, phones: [{ phone: 'TH', start: 0, end: 0.1, score: 20, verdict: 'mispronounced' as const, heard: 'T' as const }] }] };

describe('profiles', () => {
  it('a first run creates a first profile and makes it active; ensureLearner agrees', async () => {
    const db = openDb();
    const id = await activeLearner(db, 'pt-BR');
    expect(await ensureLearner(db, 'en')).toBe(id);
    expect(await activeLearner(db, 'en')).toBe(id);
    expect((await listProfiles(db)).map((p) => p.language)).toEqual(['pt-BR']);
  });

  it('creates, renames and switches profiles; names are trimmed, unique ignoring case, and checked', async () => {
    const db = openDb();
    const ana = await createProfile(db, '  Ana   Clara ', 'pt-BR');
    const bia = await createProfile(db, 'Bia', 'en');
    expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana Clara', 'Bia']);
    expect((await listProfiles(db)).every((p) => p.uid.length > 10)).toBe(true);
    await expect(createProfile(db, 'bia', 'en')).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(createProfile(db, '   ', 'en')).rejects.toMatchObject({ code: 'NAME_EMPTY' });
    await expect(createProfile(db, 'x'.repeat(41), 'en')).rejects.toMatchObject({ code: 'NAME_TOO_LONG' });
    await renameProfile(db, bia, 'Beatriz');
    await renameProfile(db, bia, 'beatriz'); // its own name, other case: allowed
    await expect(renameProfile(db, ana, 'Beatriz')).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(renameProfile(db, 99, 'Zé')).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
    expect(await activeLearner(db, 'en')).toBe(ana);
    await setActiveLearner(db, bia);
    expect(await activeLearner(db, 'en')).toBe(bia);
    await expect(setActiveLearner(db, 99)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });

  it('removing a profile removes its attempts, audio, features, reviews and sessions, and nobody else’s', async () => {
    const db = openDb();
    const ana = await createProfile(db, 'Ana', 'pt-BR');
    const bia = await createProfile(db, 'Bia', 'pt-BR');
    const base = { itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1, sampleRateHz: 16_000 };
    const a1 = await saveAttempt(db, { ...base, learnerId: ana, audio: audio() });
    const a2 = await saveAttempt(db, { ...base, learnerId: ana, audio: audio() });
    const b1 = await saveAttempt(db, { ...base, learnerId: bia, audio: audio() });
    for (const id of [a1, b1]) {
      await db.attempts.update(id, { status: 'assessed', result });
      await saveReview(db, id, [{ word: 0, phone: 0, verdict: 'ok' }], 'good');
      await db.attemptFeatures.put({ attemptId: id, data: new Float32Array(4), frames: 1, bands: 4 });
    }
    await setActiveLearner(db, bia);
    expect(await profileAttemptCount(db, bia)).toBe(1);
    await removeProfile(db, bia);
    expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana']);
    expect(await db.attempts.count()).toBe(2);
    expect(await db.attemptAudio.get(b1)).toBeUndefined();
    expect(await db.attemptFeatures.get(b1)).toBeUndefined();
    expect(await db.reviews.get(b1)).toBeUndefined();
    expect(await db.sessions.where('learnerId').equals(bia).count()).toBe(0);
    // Ana's data is untouched, and she became the active profile.
    expect(await db.attemptAudio.get(a2)).toBeDefined();
    expect(await db.reviews.get(a1)).toBeDefined();
    expect(await db.attemptFeatures.get(a1)).toBeDefined();
    expect(await activeLearner(db, 'en')).toBe(ana);
    await expect(removeProfile(db, bia)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });
});

describe('teacher PIN', () => {
  it('is optional, stored only as a salted PBKDF2 hash, verified, changed and cleared', async () => {
    const db = openDb();
    expect(await hasTeacherPin(db)).toBe(false);
    await expect(verifyTeacherPin(db, '')).resolves.toBeUndefined(); // no PIN: teacher mode is open
    await setTeacherPin(db, '2468', 1000);
    expect(await hasTeacherPin(db)).toBe(true);
    const stored = (await db.settings.get(TEACHER_PIN_KEY))?.value as { algorithm: string; iterations: number; salt: string; hash: string };
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: 1000 });
    expect(JSON.stringify(stored)).not.toContain('2468');
    expect(atob(stored.hash)).toHaveLength(32);
    expect(atob(stored.salt)).toHaveLength(16);
    await expect(verifyTeacherPin(db, '2468')).resolves.toBeUndefined();
    await expect(verifyTeacherPin(db, '2469')).rejects.toMatchObject({ code: 'PIN_WRONG' });
    // The same PIN again gets a new salt, so a new hash.
    await setTeacherPin(db, '2468', 1000);
    const again = (await db.settings.get(TEACHER_PIN_KEY))?.value as { salt: string; hash: string };
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
    await setTeacherPin(db, '13579', 1000);
    await expect(verifyTeacherPin(db, '2468')).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await expect(verifyTeacherPin(db, '13579')).resolves.toBeUndefined();
    await expect(setTeacherPin(db, '12a4')).rejects.toMatchObject({ code: 'PIN_FORMAT' });
    await expect(setTeacherPin(db, '123')).rejects.toMatchObject({ code: 'PIN_FORMAT' });
    await clearTeacherPin(db);
    expect(await hasTeacherPin(db)).toBe(false);
  });

  it('after three wrong PINs each try must wait, longer each time; a right PIN resets the count', async () => {
    const db = openDb();
    await setTeacherPin(db, '2468', 1000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) await expect(verifyTeacherPin(db, '0000', t0)).rejects.toMatchObject({ code: 'PIN_WRONG' });
    // The third wrong PIN started a 5 s wait: even the right PIN waits.
    await expect(verifyTeacherPin(db, '2468', t0 + 1000)).rejects.toMatchObject({ code: 'PIN_LOCKED', waitSeconds: 4 });
    await expect(verifyTeacherPin(db, '0000', t0 + 5000)).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await expect(verifyTeacherPin(db, '2468', t0 + 14_000)).rejects.toMatchObject({ code: 'PIN_LOCKED', waitSeconds: 1 });
    await expect(verifyTeacherPin(db, '2468', t0 + 15_000)).resolves.toBeUndefined();
    await expect(verifyTeacherPin(db, '0000', t0 + 15_000)).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await expect(verifyTeacherPin(db, '2468', t0 + 15_000)).resolves.toBeUndefined(); // count was reset
    expect([0, 1, 2, 3, 4, 5, 20].map(pinWaitMs)).toEqual([0, 0, 0, 5000, 10_000, 20_000, 300_000]);
  });

  it('the default iteration count is what a new PIN is hashed with', async () => {
    const db = openDb();
    await setTeacherPin(db, '0000');
    expect(((await db.settings.get(TEACHER_PIN_KEY))?.value as { iterations: number }).iterations).toBe(210_000);
    await expect(verifyTeacherPin(db, '0000')).resolves.toBeUndefined();
  });
});
