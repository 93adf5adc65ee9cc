import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssessResult } from '../assess';
import type { Recorder, Recording } from '../audio';
import { encodeWav } from '../audio/wav';
import { activeLearner, saveAttempt, completeAttempt, refuseAttempt, SotaqueDb } from '../db';
import { logMelSpectrogram } from '../dsp';
import { buzz, nativeThree as native, RATE, THREE_INDEX as INDEX } from './testFixtures';
import { TEACHER_STRINGS } from '../lessons/strings/teacher';
import { createAppStore, type AppStore } from './createAppStore';
import { EngineError, type PracticeEngine } from '../practice';
import { dayBound } from './reviewSlice';

const RESULT: AssessResult = {
  id: 'x',
  text: 'three',
  score: 50,
  warnings: [],
  words: [{ word: 'three', score: 50, phones: [
    { phone: 'TH', start: 0.3, end: 0.4, score: 20, verdict: 'mispronounced', heard: 'T' },
    { phone: 'R', start: 0.4, end: 0.5, score: 80, verdict: 'ok', heard: null },
    { phone: 'IY', start: 0.5, end: 0.7, score: 80, verdict: 'ok', heard: null },
  ] }],
};
const stores: AppStore[] = [];
const dbs: SotaqueDb[] = [];
afterEach(async () => {
  stores.splice(0).forEach((s) => s.reset());
  for (const db of dbs.splice(0)) await db.delete();
});

function setup(loadNativeReference = async () => native()) {
  const db = new SotaqueDb(`review-slice-${Math.random()}`);
  dbs.push(db);
  let end!: (r: Recording) => void;
  const finished = new Promise<Recording>((resolve) => (end = resolve));
  const recorder: Recorder = { state: 'recording', start: vi.fn(async () => undefined), stop: vi.fn(() => finished), finished, dispose: vi.fn() };
  const engine: PracticeEngine = {
    modelVersion: 'v1',
    calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
    async assessDetailed(request) {
      const logMel = logMelSpectrogram(request.samples.subarray(4800, 11200));
      return { result: RESULT, details: { logMel, trim: { start: 4800, end: 11200 }, logPosteriors: new Float32Array(logMel.frames * 40) } as never };
    },
    posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
  };
  const store = createAppStore(
    { createRecorder: () => recorder, createFeatureExtractor: vi.fn() },
    { createRecorder: () => recorder, openDb: () => db, loadEngine: async () => engine, loadReferenceIndex: async () => INDEX, loadNativeReference, now: () => 0 },
  );
  stores.push(store);
  return { store, db, end: () => end({ samples: buzz(1), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stop', interruption: null } as unknown as Recording) };
}

describe('profiles in the store', () => {
  it('opening the profiles creates none; the first practice creates one; a new one becomes active and gets the practice attempts', async () => {
    const { store, db, end } = setup();
    await store.getState().loadProfiles();
    expect(store.getState().profiles).toMatchObject({ list: [], activeId: null });
    await activeLearner(db, 'en');
    await store.getState().loadProfiles();
    const first = store.getState().profiles.activeId;
    expect(store.getState().profiles.list).toHaveLength(1);
    expect(await store.getState().createProfile('Bia')).toBe(true);
    const bia = store.getState().profiles.activeId;
    expect(bia).not.toBe(first);
    expect(store.getState().profiles.list.map((p) => p.name)).toEqual(['Learner', 'Bia']);

    const run = store.getState().startPractice();
    end();
    await run;
    expect(store.getState().practice.status).toBe('done');
    const stored = await db.attempts.toArray();
    expect(stored.map((a) => a.learnerId)).toEqual([bia]);
    await store.getState().loadProfiles();
    expect(store.getState().profiles.attemptCounts).toEqual({ [first!]: 0, [bia!]: 1 });
    expect(store.getState().profiles.history.map((a) => a.id)).toEqual([stored[0].id]);

    // A taken name is refused with its code; nothing changes.
    expect(await store.getState().createProfile('bia')).toBe(false);
    expect(store.getState().profiles.error?.code).toBe('NAME_TAKEN');
    expect(TEACHER_STRINGS['pt-BR'].error_NAME_TAKEN).toMatch(/Já existe/);
    expect(store.getState().profiles.list).toHaveLength(2);

    await store.getState().switchProfile(first!);
    expect(store.getState().profiles.history).toEqual([]);
  });
});

describe('teacher mode and review in the store', () => {
  it('a PIN locks teacher mode; a wrong PIN says so; the right one unlocks', async () => {
    const { store } = setup();
    await store.getState().loadProfiles();
    expect(store.getState().teacher.hasPin).toBe(false);
    expect(await store.getState().setTeacherPin('12')).toBe(false);
    expect(store.getState().teacher.error?.code).toBe('PIN_FORMAT');
    expect(await store.getState().setTeacherPin('4321')).toBe(true);
    store.getState().lockTeacher();
    await store.getState().unlockTeacher('1234');
    expect(store.getState().teacher).toMatchObject({ unlocked: false, error: { code: 'PIN_WRONG' } });
    await store.getState().unlockTeacher('4321');
    expect(store.getState().teacher).toMatchObject({ unlocked: true, error: null });
    await store.getState().clearTeacherPin();
    expect(store.getState().teacher.hasPin).toBe(false);
  });

  it('opens a learner’s sessions, an attempt with its audio and overlay, and saves a review beside the result', async () => {
    const { store, db } = setup();
    await activeLearner(db, 'en');
    await store.getState().loadProfiles();
    const learnerId = store.getState().profiles.activeId!;
    const audio = new Blob([encodeWav(buzz(1), RATE)], { type: 'audio/wav' });
    const id = await saveAttempt(db, { learnerId, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1, sampleRateHz: RATE, audio });
    await completeAttempt(db, id, RESULT, 'v1');
    const clean = await saveAttempt(db, { learnerId, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1, sampleRateHz: RATE, audio });
    await completeAttempt(db, clean, { ...RESULT, words: [{ ...RESULT.words[0], phones: RESULT.words[0].phones.map((p) => ({ ...p, verdict: 'ok' as const, heard: null })) }] }, 'v1');

    await store.getState().openLearner(learnerId);
    expect(store.getState().review.sessions.flatMap((s) => s.attempts.map((a) => a.id))).toEqual([id, clean]);
    await store.getState().setReviewFilter({ flaggedOnly: true });
    expect(store.getState().review.sessions.flatMap((s) => s.attempts.map((a) => a.id))).toEqual([id]);
    await store.getState().setReviewFilter({ from: '2000-01-01', to: '2000-01-02' });
    expect(store.getState().review.sessions).toEqual([]);
    await store.getState().setReviewFilter({ from: '', to: '' });

    await store.getState().openAttempt(id);
    const open = store.getState().review.open!;
    expect(open.samples?.length).toBe(RATE);
    expect(open.overlay?.learnerLogMel.frames).toBeGreaterThan(0);
    expect(open.overlay?.path.length).toBeGreaterThan(0);
    expect(open.overlayProblem).toBeNull();

    await store.getState().saveReview([{ word: 0, phone: 0, verdict: 'ok' }], 'Good TH now');
    expect(store.getState().review.status).toBe('saved');
    expect(store.getState().review.open?.attempt.review).toMatchObject({ overrides: [{ word: 0, phone: 0, verdict: 'ok' }], note: 'Good TH now' });
    expect((await db.attempts.get(id))?.result).toEqual(RESULT);
    expect(store.getState().review.progress[0]).toMatchObject({ pattern: 'TH', reviewed: 1, okPercent: 100, machineOkPercent: 83 });
    expect(store.getState().profiles.history.find((a) => a.id === id)?.review?.note).toBe('Good TH now');
  });

  it('without a native reference the attempt still opens, with the learner’s log-mel and the reason', async () => {
    const { store, db } = setup(async () => Promise.reject(new EngineError('REFERENCE_UNAVAILABLE', 'offline')));
    await activeLearner(db, 'en');
    await store.getState().loadProfiles();
    const learnerId = store.getState().profiles.activeId!;
    const id = await saveAttempt(db, { learnerId, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1, sampleRateHz: RATE, audio: new Blob([encodeWav(buzz(1), RATE)]) });
    await completeAttempt(db, id, RESULT, 'v1');
    await store.getState().openAttempt(id);
    const open = store.getState().review.open!;
    expect(open.overlay).toBeNull();
    expect(open.learnerLogMel?.frames).toBeGreaterThan(0);
    expect(open.overlayProblem?.code).toBe('REFERENCE_UNAVAILABLE');
    await store.getState().openAttempt(9999);
    expect(store.getState().review).toMatchObject({ open: null, error: { code: 'ATTEMPT_NOT_FOUND' } });
  });

  it('a refused take is listed for the teacher, opens with its audio to hear, and counts in no progress', async () => {
    const { store, db } = setup();
    await activeLearner(db, 'en');
    await store.getState().loadProfiles();
    const learnerId = store.getState().profiles.activeId!;
    for (const [samples, reason] of [[new Float32Array(3 * RATE), 'silent'], [buzz(15), 'too-long']] as const) {
      const id = await saveAttempt(db, { learnerId, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: samples.length / RATE, sampleRateHz: RATE, audio: new Blob([encodeWav(samples, RATE)]) });
      await refuseAttempt(db, id, { reason, speechSeconds: reason === 'silent' ? 0 : 14.4 });
      await store.getState().openLearner(learnerId);
      expect(store.getState().review.sessions.flatMap((x) => x.attempts).find((a) => a.id === id)).toMatchObject({ status: 'refused', refusal: { reason } });
      expect(store.getState().review.progress).toEqual([]);
      await store.getState().openAttempt(id);
      const open = store.getState().review.open!;
      expect(open.attempt.refusal?.reason).toBe(reason);
      expect(open.samples?.length).toBe(samples.length);
    }
  });

  it('date bounds cover whole local days', () => {
    const from = dayBound('2026-11-24', false)!;
    const to = dayBound('2026-11-24', true)!;
    expect(to - from).toBe(24 * 3600 * 1000 - 1);
    expect(new Date(from).getHours()).toBe(0);
    expect(dayBound('', false)).toBeNull();
    expect(dayBound('24/11/2026', false)).toBeNull();
  });
});
