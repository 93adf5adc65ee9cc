/**
 * The practice flow when the device's storage is full: the new attempt fails to save with
 * STORAGE_FULL, the attempts saved before are untouched, the recording is still assessed and kept in
 * memory, and "try saving again" stores it (with its result) once there is room.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssessResult } from '../assess';
import type { Recorder, Recording } from '../audio';
import { attemptAudio, attemptsOf, PERSISTENCE_SETTING, saveAttempt, SotaqueDb } from '../db';
import { logMelSpectrogram } from '../dsp';
import type { ReferenceIndex } from '../lessons/references';
import { buzz as buzzWithOvertone, RATE } from './testFixtures';
import { createAppStore, type AppStore } from './createAppStore';
import type { PracticeEngine } from '../practice';

const RESULT: AssessResult = {
  id: 'x',
  text: 'three',
  score: 80,
  warnings: [],
  words: [{ word: 'three', score: 80, phones: [{ phone: 'TH', start: 0.3, end: 0.4, score: 80, verdict: 'ok', heard: null }] }],
};

const buzz = (seconds: number) => buzzWithOvertone(seconds, false);
const INDEX: ReferenceIndex = { schemaVersion: 1, bitrateKbps: 24, voices: [], clips: {}, items: {} };

const ENGINE: PracticeEngine = {
  modelVersion: 'v1',
  calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
  async assessDetailed(request) {
    const logMel = logMelSpectrogram(request.samples.subarray(4800, 11200));
    return { result: RESULT, details: { logMel, trim: { start: 4800, end: 11200 }, logPosteriors: new Float32Array(logMel.frames * 40) } as never };
  },
  posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
};

const stores: AppStore[] = [];
const dbs: SotaqueDb[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  stores.splice(0).forEach((s) => s.reset());
  for (const db of dbs.splice(0)) await db.delete();
});

function setup() {
  const db = new SotaqueDb(`practice-storage-${Math.random()}`);
  dbs.push(db);
  let end!: (r: Recording) => void;
  const finished = new Promise<Recording>((resolve) => (end = resolve));
  const recorder: Recorder = { state: 'recording', start: vi.fn(async () => undefined), stop: vi.fn(() => finished), finished, dispose: vi.fn() };
  const store = createAppStore(
    { createRecorder: () => recorder, createFeatureExtractor: vi.fn() },
    { createRecorder: () => recorder, openDb: () => db, loadEngine: async () => ENGINE, loadReferenceIndex: async () => INDEX, loadNativeReference: () => Promise.reject(new Error('none')), now: () => 0 },
  );
  stores.push(store);
  return { store, db, end };
}

describe('practice with a full storage', () => {
  it('fails the save cleanly with STORAGE_FULL, keeps the earlier attempts, and a retry stores it with its result', async () => {
    const { store, db, end } = setup();
    const learnerId = (await db.learners.add({ uid: 'l', name: 'L', language: 'en', createdAt: 1 })) as number;
    const earlier = [];
    for (const bytes of [1000, 2000]) {
      earlier.push(await saveAttempt(db, { learnerId, itemId: 'th-w-three', pattern: 'TH', text: 'three', durationSeconds: 1, sampleRateHz: RATE, audio: new Blob([new Uint8Array(bytes)]) }));
    }
    // The device is full: the next audio blob does not fit.
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.attemptAudio.hook('creating', full);

    store.getState().selectItem('th', 'th-w-three');
    const run = store.getState().startPractice();
    await Promise.resolve();
    const samples = buzz(1);
    end({ samples, sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await run;

    let p = store.getState().practice;
    expect(p.notice?.code).toBe('STORAGE_FULL');
    expect(p.notice?.message).toMatch(/export.*delete old attempts/i);
    expect(p.attemptId).toBeNull();
    // Still assessed, and the recording is kept in memory for a retry or a download.
    expect(p.status).toBe('done');
    expect(p.result?.score).toBe(80);
    expect(p.recording?.samples).toBe(samples);
    // Nothing saved before was lost, nothing half-saved was left behind.
    const rows = await attemptsOf(db, learnerId);
    expect(rows.map((r) => r.id)).toEqual(earlier);
    expect((await attemptAudio(db, earlier[0]))?.size).toBe(1000);
    expect((await attemptAudio(db, earlier[1]))?.size).toBe(2000);

    // Still full: the retry says so again and changes nothing.
    await store.getState().retrySave();
    expect(store.getState().practice.notice?.code).toBe('STORAGE_FULL');
    expect(await db.attempts.count()).toBe(2);

    // The learner made room.
    db.attemptAudio.hook('creating').unsubscribe(full);
    await store.getState().retrySave();
    p = store.getState().practice;
    expect(p.notice?.code).toBe('SAVED');
    expect(p.attemptId).not.toBeNull();
    expect(await db.attempts.get(p.attemptId!)).toMatchObject({ status: 'assessed', result: { score: 80 }, modelVersion: 'v1', itemId: 'th-w-three' });
    expect((await attemptAudio(db, p.attemptId!))?.size).toBe(44 + 2 * samples.length);
    // A second retry does not store it twice.
    await store.getState().retrySave();
    expect(await db.attempts.count()).toBe(3);
  });

  it('asks the browser to keep the storage at the first saved attempt, not before, and remembers the answer', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist, persisted: async () => false } });
    const { store, db, end } = setup();
    await Promise.resolve();
    expect(persist).not.toHaveBeenCalled();
    const run = store.getState().startPractice();
    await Promise.resolve();
    end({ samples: buzz(1), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    await vi.waitFor(async () => expect((await db.settings.get(PERSISTENCE_SETTING))?.value).toMatchObject({ persisted: true }));
    expect(persist).toHaveBeenCalledTimes(1);
  });
});
