import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AssessResult } from '../assess';
import { attemptAudio, attemptsOf, completeAttempt, ensureLearner, failAttempt, saveAttempt } from './attempts';
import { patternProgress } from './progress';
import { testDatabases } from './testDb';

const openDb = testDatabases('test');

const result = (score: number): AssessResult => ({ id: 'a', text: 'three', score, warnings: [], words: [] });

describe('attempts', () => {
  it('saves the row and its audio blob together, then completes it', async () => {
    const db = openDb();
    const learnerId = await ensureLearner(db, 'pt-BR');
    expect(await ensureLearner(db, 'en')).toBe(learnerId);
    const audio = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'audio/wav' });
    const id = await saveAttempt(db, { learnerId, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1.5, sampleRateHz: 48_000, audio });
    const saved = await db.attempts.get(id);
    expect(saved).toMatchObject({ status: 'recorded', result: null, itemId: 'th-w-three' });
    const blob = await attemptAudio(db, id);
    expect(blob?.size).toBe(4);
    await completeAttempt(db, id, result(71), 'v1');
    expect(await db.attempts.get(id)).toMatchObject({ status: 'assessed', modelVersion: 'v1', result: { score: 71 } });
  });

  it('a failed analysis keeps the recording with its error', async () => {
    const db = openDb();
    const id = await saveAttempt(db, { learnerId: 1, itemId: 'x', pattern: null, text: 'x', durationSeconds: 1, sampleRateHz: 16_000, audio: new Blob([new Uint8Array(8)]) });
    await failAttempt(db, id, { code: 'CLIP_SILENT', message: 'silent' });
    expect(await db.attempts.get(id)).toMatchObject({ status: 'failed', error: { code: 'CLIP_SILENT' } });
    expect((await attemptAudio(db, id))?.size).toBe(8);
  });

  it('lists a learner’s attempts in time order and ranks patterns weakest first', async () => {
    const db = openDb();
    const base = { learnerId: 1, text: 't', durationSeconds: 1, sampleRateHz: 16_000, audio: new Blob([]) };
    const a = await saveAttempt(db, { ...base, itemId: 'a', pattern: 'TH', createdAt: 3 });
    const b = await saveAttempt(db, { ...base, itemId: 'b', pattern: 'DH', createdAt: 1 });
    const c = await saveAttempt(db, { ...base, itemId: 'c', pattern: 'TH', createdAt: 2 });
    await saveAttempt(db, { ...base, learnerId: 2, itemId: 'd', pattern: 'TH', createdAt: 0 });
    await completeAttempt(db, a, result(40), null);
    await completeAttempt(db, b, result(90), null);
    await completeAttempt(db, c, result(60), null);
    const rows = await attemptsOf(db, 1);
    expect(rows.map((r) => r.itemId)).toEqual(['b', 'c', 'a']);
    expect(patternProgress(rows)).toEqual([
      { pattern: 'TH', attempts: 2, meanScore: 50, scores: [60, 40] },
      { pattern: 'DH', attempts: 1, meanScore: 90, scores: [90] },
    ]);
  });
});
