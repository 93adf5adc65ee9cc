import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AssessResult, PhoneAssessment } from '../assess';
import { completeAttempt, failAttempt, saveAttempt } from './attempts';
import { effectiveVerdicts, filterAttempts, isFlagged, learnerSessions, reviewedAttemptsOf, reviewProgress, saveReview } from './review';
import { SESSION_GAP_MS, SotaqueDb } from './schema';
import { testDatabases } from './testDb';

const openDb = testDatabases('review');

const ph = (phone: string, verdict: PhoneAssessment['verdict'], heard: PhoneAssessment['heard'] = null): PhoneAssessment => ({ phone, start: 0, end: 0.1, score: verdict === 'ok' ? 90 : 20, verdict, heard });
/** "three": TH heard as T; R, IY ok. */
const three: AssessResult = { id: 'a', text: 'three', score: 60, warnings: [], words: [{ word: 'three', score: 60, phones: [ph('TH', 'mispronounced', 'T'), ph('R', 'ok'), ph('IY', 'ok')] }] };
/** "the": all ok. */
const the: AssessResult = { id: 'b', text: 'the', score: 90, warnings: [], words: [{ word: 'the', score: 90, phones: [ph('DH', 'ok'), ph('AH', 'ok')] }] };

async function attempt(db: SotaqueDb, learnerId: number, pattern: string | null, createdAt: number, result: AssessResult | null): Promise<number> {
  const id = await saveAttempt(db, { learnerId, itemId: `${pattern}-x`, pattern, text: result?.text ?? 'x', durationSeconds: 1, sampleRateHz: 16_000, audio: new Blob([]), createdAt });
  if (result) await completeAttempt(db, id, result, 'v1');
  else await failAttempt(db, id, { code: 'CLIP_SILENT', message: 'silent' });
  return id;
}

describe('effective verdicts', () => {
  it('puts the teacher’s verdict beside the machine’s, leaving the machine’s result as it was', () => {
    const before = JSON.stringify(three);
    const words = effectiveVerdicts(three, { overrides: [{ word: 0, phone: 0, verdict: 'ok' }, { word: 0, phone: 2, verdict: 'missing' }] });
    expect(words[0].phones.map((p) => [p.phone, p.verdict, p.machineVerdict, p.teacherVerdict, p.heard])).toEqual([
      ['TH', 'ok', 'mispronounced', 'ok', null],
      ['R', 'ok', 'ok', null, null],
      ['IY', 'missing', 'ok', 'missing', null],
    ]);
    expect(words[0].phones[0].machineHeard).toBe('T');
    expect(JSON.stringify(three)).toBe(before);
    expect(effectiveVerdicts(three, null)[0].phones.map((p) => p.verdict)).toEqual(['mispronounced', 'ok', 'ok']);
  });

  it('flags an attempt when any phone is not ok, by the machine or the teacher', () => {
    expect(isFlagged(three, null)).toBe(true);
    expect(isFlagged(three, { overrides: [{ word: 0, phone: 0, verdict: 'ok' }] })).toBe(true); // the machine still flagged it
    expect(isFlagged(the, null)).toBe(false);
    expect(isFlagged(the, { overrides: [{ word: 0, phone: 0, verdict: 'mispronounced' }] })).toBe(true);
    expect(isFlagged(null, null)).toBe(false);
  });
});

describe('saving a review', () => {
  it('stores overrides and a note beside the attempt, never touching its result', async () => {
    const db = openDb();
    const id = await attempt(db, 1, 'TH', 1000, three);
    const saved = await saveReview(
      db,
      id,
      [
        { word: 0, phone: 2, verdict: 'mispronounced' },
        { word: 0, phone: 0, verdict: 'missing' },
        { word: 0, phone: 0, verdict: 'ok' }, // the later override of the same phone wins
        { word: 0, phone: 1, verdict: 'ok' }, // same as the machine: nothing to keep
      ],
      '  Tongue between the teeth.  ',
      5000,
    );
    expect(saved).toEqual({ attemptId: id, overrides: [{ word: 0, phone: 0, verdict: 'ok' }, { word: 0, phone: 2, verdict: 'mispronounced' }], note: 'Tongue between the teeth.', updatedAt: 5000 });
    expect(await db.reviews.get(id)).toEqual(saved);
    expect((await db.attempts.get(id))?.result).toEqual(three);
    // Saving again replaces; nothing left to say removes the review.
    await saveReview(db, id, [], 'Better.');
    expect(await db.reviews.get(id)).toMatchObject({ overrides: [], note: 'Better.' });
    expect(await saveReview(db, id, [{ word: 0, phone: 0, verdict: 'mispronounced' }], ' ')).toBeNull();
    expect(await db.reviews.get(id)).toBeUndefined();
  });

  it('refuses what it cannot keep, with a code, and stores nothing', async () => {
    const db = openDb();
    const id = await attempt(db, 1, 'TH', 1000, three);
    const failed = await attempt(db, 1, 'TH', 2000, null);
    await expect(saveReview(db, 999, [], 'x')).rejects.toMatchObject({ code: 'ATTEMPT_NOT_FOUND' });
    await expect(saveReview(db, failed, [], 'x')).rejects.toMatchObject({ code: 'NOT_ASSESSED' });
    await expect(saveReview(db, id, [{ word: 0, phone: 3, verdict: 'ok' }], '')).rejects.toMatchObject({ code: 'OVERRIDE_INVALID' });
    await expect(saveReview(db, id, [{ word: 1, phone: 0, verdict: 'ok' }], '')).rejects.toMatchObject({ code: 'OVERRIDE_INVALID' });
    await expect(saveReview(db, id, [{ word: 0, phone: 0, verdict: 'great' as 'ok' }], '')).rejects.toMatchObject({ code: 'OVERRIDE_INVALID' });
    await expect(saveReview(db, id, [], 'x'.repeat(2001))).rejects.toMatchObject({ code: 'NOTE_TOO_LONG' });
    expect(await db.reviews.count()).toBe(0);
  });
});

describe('sessions for review', () => {
  it('groups a learner’s attempts by session, newest first, filtered by pattern, flags and dates', async () => {
    const db = openDb();
    const t0 = 1_700_000_000_000;
    const a = await attempt(db, 1, 'TH', t0, three); // session 1, flagged
    const b = await attempt(db, 1, 'DH', t0 + 60_000, the); // session 1, clean
    const c = await attempt(db, 1, 'DH', t0 + 2 * SESSION_GAP_MS, the); // session 2, clean until reviewed
    const d = await attempt(db, 1, 'TH', t0 + 2 * SESSION_GAP_MS + 1000, null); // session 2, failed
    await attempt(db, 2, 'TH', t0, three); // someone else
    await saveReview(db, c, [{ word: 0, phone: 1, verdict: 'mispronounced' }], 'AH was too open');

    const all = await learnerSessions(db, 1);
    expect(all.map((s) => s.attempts.map((x) => x.id))).toEqual([[c, d], [a, b]]);
    expect(all[0].attempts[0].review?.note).toBe('AH was too open');
    expect(all[1].attempts[0].review).toBeNull();

    const flagged = await learnerSessions(db, 1, { flaggedOnly: true });
    expect(flagged.map((s) => s.attempts.map((x) => x.id))).toEqual([[c], [a]]);
    expect((await learnerSessions(db, 1, { pattern: 'TH' })).map((s) => s.attempts.map((x) => x.id))).toEqual([[d], [a]]);
    expect((await learnerSessions(db, 1, { from: t0 + 30_000, to: t0 + SESSION_GAP_MS })).map((s) => s.attempts.map((x) => x.id))).toEqual([[b]]);
    expect(await learnerSessions(db, 1, { pattern: 'R' })).toEqual([]);
    expect(filterAttempts(await reviewedAttemptsOf(db, 1), { flaggedOnly: true, pattern: 'DH' }).map((x) => x.id)).toEqual([c]);
  });

  it('progress per pattern counts the teacher’s verdict where there is one', async () => {
    const db = openDb();
    const a = await attempt(db, 1, 'TH', 1, three); // machine: 2 of 3 ok
    await attempt(db, 1, 'TH', 2, three); // machine: 2 of 3 ok
    await attempt(db, 1, 'DH', 3, the); // 2 of 2 ok
    await attempt(db, 1, 'DH', 4, null); // failed: not counted
    await attempt(db, 1, null, 5, the); // free text: left out
    const before = reviewProgress(await reviewedAttemptsOf(db, 1));
    expect(before).toEqual([
      { pattern: 'TH', attempts: 2, reviewed: 0, phones: 6, okPercent: 67, machineOkPercent: 67 },
      { pattern: 'DH', attempts: 1, reviewed: 0, phones: 2, okPercent: 100, machineOkPercent: 100 },
    ]);
    await saveReview(db, a, [{ word: 0, phone: 0, verdict: 'ok' }], '');
    const after = reviewProgress(await reviewedAttemptsOf(db, 1));
    expect(after[0]).toEqual({ pattern: 'TH', attempts: 2, reviewed: 1, phones: 6, okPercent: 83, machineOkPercent: 67 });
  });

  it('progress counts an unsure sound as neither ok nor wrong, and an unsure attempt is flagged to practise again', async () => {
    const db = openDb();
    const unsure: AssessResult = { id: 'u', text: 'three', score: 70, warnings: [], words: [{ word: 'three', score: 70, phones: [ph('TH', 'unsure'), ph('R', 'ok'), ph('IY', 'ok')] }] };
    await attempt(db, 1, 'TH', 1, unsure);
    await attempt(db, 1, 'TH', 2, three);
    expect(reviewProgress(await reviewedAttemptsOf(db, 1))).toEqual([{ pattern: 'TH', attempts: 2, reviewed: 0, phones: 5, okPercent: 80, machineOkPercent: 80 }]);
    expect(isFlagged(unsure, null)).toBe(true);
  });

  it('keeps the sound a teacher heard instead, which the verdicts in effect then carry', async () => {
    const db = openDb();
    const id = await attempt(db, 1, 'TH', 1, three);
    const saved = await saveReview(db, id, [{ word: 0, phone: 0, verdict: 'mispronounced', heard: 'F' }, { word: 0, phone: 1, verdict: 'mispronounced', heard: 'HH' }], '');
    expect(saved?.overrides).toEqual([
      { word: 0, phone: 0, verdict: 'mispronounced', heard: 'F' },
      { word: 0, phone: 1, verdict: 'mispronounced', heard: 'HH' },
    ]);
    const phones = effectiveVerdicts(three, saved)[0].phones;
    expect(phones.map((p) => [p.verdict, p.heard, p.machineHeard, p.teacherHeard])).toEqual([
      ['mispronounced', 'F', 'T', 'F'],
      ['mispronounced', 'HH', null, 'HH'],
      ['ok', null, null, null],
    ]);
    // The machine's own verdict and sound: nothing to override.
    expect(await saveReview(db, id, [{ word: 0, phone: 0, verdict: 'mispronounced', heard: 'T' }], '')).toBeNull();
    await expect(saveReview(db, id, [{ word: 0, phone: 0, verdict: 'mispronounced', heard: 'XX' as never }], '')).rejects.toMatchObject({ code: 'OVERRIDE_INVALID' });
  });
});
