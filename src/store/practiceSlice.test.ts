import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssessError, createLexicon, type AssessRequest, type AssessResult } from '../assess';
import type { RecorderOptions } from '../audio';
import { attemptAudio, SotaqueDb } from '../db';
import { logMelSpectrogram, resample, resampleTo16k } from '../dsp';
import { createAppStore, type AppStore } from './createAppStore';
import { EngineError, type PracticeEngine } from '../practice';
import type { PracticeSliceDeps } from './practiceSlice';
import { buzz, fakeRecorder, nativeThree as native, RATE, THREE_INDEX as INDEX } from './testFixtures';

const RESULT: AssessResult = {
  id: 'x',
  text: 'three',
  score: 80,
  warnings: [],
  words: [{ word: 'three', score: 80, phones: [{ phone: 'TH', start: 0.3, end: 0.4, score: 80, verdict: 'ok', heard: null }] }],
};

const stores: AppStore[] = [];
const dbs: SotaqueDb[] = [];
afterEach(async () => {
  stores.splice(0).forEach((s) => s.reset());
  for (const db of dbs.splice(0)) await db.delete();
});

function setup(engine: () => Promise<PracticeEngine>) {
  const fake = fakeRecorder();
  const options: RecorderOptions[] = [];
  const db = new SotaqueDb(`practice-${Math.random()}`);
  dbs.push(db);
  const order: string[] = [];
  const deps: PracticeSliceDeps = {
    createRecorder: (o) => {
      options.push(o);
      return fake.recorder;
    },
    openDb: () => db,
    loadEngine: engine,
    loadReferenceIndex: async () => INDEX,
    loadNativeReference: async () => native(),
    now: () => 0,
    loadLexicon: async () => createLexicon({ three: 'TH R IY1', trees: 'T R IY1 Z', the: 'DH AH0', 'the(2)': 'DH IY0' }),
  };
  const store = createAppStore({ createRecorder: () => fake.recorder, createFeatureExtractor: vi.fn() }, deps);
  stores.push(store);
  store.subscribe((s, p) => {
    if (s.practice.status !== p.practice.status) order.push(s.practice.status);
  });
  return { store, fake, db, options, order };
}

describe('practice slice', () => {
  it('stores the attempt with its audio before assessing, then completes it with the result and the overlay', async () => {
    let savedWhenAssessed: boolean | null = null;
    const { store, fake, db, order } = setup(async () => ({
      modelVersion: 'v1',
      calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
      async assessDetailed(request) {
        savedWhenAssessed = (await db.attempts.count()) === 1 && (await db.attemptAudio.count()) === 1;
        const s = request.samples.subarray(4800, 11200);
        const logMel = logMelSpectrogram(s);
        return { result: RESULT, details: { logMel, trim: { start: 4800, end: 11200 }, logPosteriors: new Float32Array(logMel.frames * 40) } as never };
      },
      posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
    }));
    store.getState().selectItem('th', 'th-w-three');
    const run = store.getState().startPractice();
    await Promise.resolve();
    fake.end({ samples: buzz(1), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    const p = store.getState().practice;
    expect(order).toEqual(['recording', 'saving', 'analysing', 'done']);
    expect(savedWhenAssessed).toBe(true);
    expect(p.result?.score).toBe(80);
    expect(p.overlay?.path.length).toBeGreaterThan(0);
    const row = await db.attempts.get(p.attemptId!);
    expect(row).toMatchObject({ status: 'assessed', modelVersion: 'v1', itemId: 'th-w-three', pattern: 'TH' });
    expect((await attemptAudio(db, p.attemptId!))?.type).toBe('audio/wav');
  });

  it('hands the assessor the recording resampled to 16 kHz while it was captured, the same as resampling it afterwards', async () => {
    const requests: { samples: Float32Array; sampleRateHz: number }[] = [];
    const { store, fake, options } = setup(async () => ({
      modelVersion: 'v1',
      calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
      async assessDetailed(request) {
        requests.push({ samples: request.samples, sampleRateHz: request.sampleRateHz });
        const logMel = logMelSpectrogram(request.samples.subarray(4800, 11200));
        return { result: RESULT, details: { logMel, trim: { start: 4800, end: 11200 }, logPosteriors: new Float32Array(logMel.frames * 40) } as never };
      },
      posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
    }));
    const captured = resample(buzz(1), RATE, 44_100);
    const run = store.getState().startPractice();
    await Promise.resolve();
    for (let i = 0; i < captured.length; i += 1024) options[0].onSamples?.(captured.subarray(i, i + 1024), 44_100);
    fake.end({ samples: captured, sampleRateHz: 44_100, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    expect(store.getState().practice.status).toBe('done');
    expect(requests[0].sampleRateHz).toBe(16_000);
    expect(requests[0].samples).toEqual(resampleTo16k(captured, 44_100));
  });

  it('resamples the whole recording itself when the blocks handed over are not all of it', async () => {
    const requests: { rate: number; samples: Float32Array }[] = [];
    const { store, fake, options } = setup(async () => ({
      modelVersion: 'v1',
      calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
      async assessDetailed(request) {
        requests.push({ rate: request.sampleRateHz, samples: request.samples });
        throw new AssessError('CLIP_TOO_SHORT', 'short');
      },
      posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
    }));
    const captured = resample(buzz(1), RATE, 44_100);
    const run = store.getState().startPractice();
    await Promise.resolve();
    options[0].onSamples?.(captured.subarray(0, 1024), 44_100);
    fake.end({ samples: captured, sampleRateHz: 44_100, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    expect(requests.map((r) => r.rate)).toEqual([16_000]);
    expect(requests[0].samples).toEqual(resampleTo16k(captured, 44_100));
  });

  it('keeps the recording with the error when the analysis fails', async () => {
    const { store, fake, db } = setup(async () => ({
      modelVersion: 'v1',
      calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
      assessDetailed: async () => {
        throw new AssessError('CLIP_TOO_SHORT', 'short');
      },
      posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
    }));
    const run = store.getState().startPractice();
    await Promise.resolve();
    fake.end({ samples: buzz(1), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    const p = store.getState().practice;
    expect(p.status).toBe('error');
    expect(p.error?.code).toBe('CLIP_TOO_SHORT');
    expect(await db.attempts.get(p.attemptId!)).toMatchObject({ status: 'failed', error: { code: 'CLIP_TOO_SHORT' } });
    expect(await attemptAudio(db, p.attemptId!)).toBeDefined();
  });

  it('without a model says so, and still keeps the recording', async () => {
    const { store, fake, db } = setup(() => Promise.reject(new EngineError('MODEL_UNAVAILABLE', 'no calibration')));
    const run = store.getState().startPractice();
    await Promise.resolve();
    fake.end({ samples: buzz(1), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'max-length' });
    await run;
    const p = store.getState().practice;
    expect(p.engine).toBe('unavailable');
    expect(p.error?.code).toBe('MODEL_UNAVAILABLE');
    expect(p.notice?.code).toBe('MAX_LENGTH');
    expect(await db.attempts.count()).toBe(1);
  });

  it('refuses a silent recording even before the model is there, keeping it as a refused take', async () => {
    const { store, fake, db } = setup(() => Promise.reject(new EngineError('MODEL_UNAVAILABLE', 'no calibration')));
    const run = store.getState().startPractice();
    await Promise.resolve();
    fake.end({ samples: new Float32Array(3 * RATE), sampleRateHz: RATE, durationSeconds: 3, endedBy: 'stopped' });
    await run;
    const p = store.getState().practice;
    expect(p).toMatchObject({ status: 'refused', refusal: { reason: 'silent' }, result: null, error: null });
    expect(await db.attempts.toArray()).toMatchObject([{ status: 'refused', refusal: { reason: 'silent' }, result: null }]);
    expect(await attemptAudio(db, p.attemptId!)).toBeDefined();
  });

  it('refuses speech far longer than the item without scoring it, and a clipped take', async () => {
    const assessed: string[] = [];
    const engine = async (): Promise<PracticeEngine> => ({
      modelVersion: 'v1',
      calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
      async assessDetailed(request) {
        assessed.push(request.id);
        throw new AssessError('CLIP_TOO_SHORT', 'short');
      },
      posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
    });
    const { store, fake, db } = setup(engine);
    const run = store.getState().startPractice();
    await Promise.resolve();
    fake.end({ samples: buzz(15), sampleRateHz: RATE, durationSeconds: 15, endedBy: 'max-length' });
    await run;
    expect(store.getState().practice).toMatchObject({ status: 'refused', refusal: { reason: 'too-long' }, result: null });
    expect((await db.attempts.toArray())[0]).toMatchObject({ status: 'refused', refusal: { reason: 'too-long' } });
    expect(assessed).toEqual([]);

    const clipped = setup(engine);
    const loud = buzz(1).map((x) => Math.max(-1, Math.min(1, 20 * x)));
    const again = clipped.store.getState().startPractice();
    await Promise.resolve();
    clipped.fake.end({ samples: loud, sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await again;
    expect(clipped.store.getState().practice).toMatchObject({ status: 'refused', refusal: { reason: 'clipped' } });
    expect(assessed).toEqual([]);
  });

  it('stops by itself after a second of silence following speech', async () => {
    const { store, fake, options } = setup(() => Promise.reject(new Error('x')));
    void store.getState().startPractice();
    await Promise.resolve();
    const onLevel = options[0].onLevel!;
    for (let t = 0.02; t < 0.5; t += 0.02) onLevel({ rms: 0.1, peak: 0.3, elapsedSeconds: t });
    expect(fake.recorder.stop).not.toHaveBeenCalled();
    for (let t = 0.52; t < 1.6; t += 0.02) onLevel({ rms: 0.0005, peak: 0.001, elapsedSeconds: t });
    expect(fake.recorder.stop).toHaveBeenCalled();
  });

  it('practises free text: every dictionary pronunciation is tried, stored as free text, no native overlay', async () => {
    const requests: AssessRequest[] = [];
    const { store, fake, db } = setup(async () => ({
      modelVersion: 'v1',
      calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} },
      async assessDetailed(request) {
        requests.push(request);
        const logMel = logMelSpectrogram(request.samples.subarray(4800, 11200));
        return { result: { ...RESULT, text: request.text }, details: { logMel, trim: { start: 4800, end: 11200 }, logPosteriors: new Float32Array(logMel.frames * 40) } as never };
      },
      posteriorgram: async () => ({ data: new Float32Array(40), frames: 1, classes: 40 }),
    }));
    store.getState().setFreeText('  The three trees!  ');
    const run = store.getState().startPractice();
    await vi.waitFor(() => expect(store.getState().practice.status).toBe('recording'));
    fake.end({ samples: buzz(1), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    const p = store.getState().practice;
    expect(p.status).toBe('done');
    expect(requests[0]).toMatchObject({ text: 'The three trees!', pronunciations: [[['DH', 'AH'], ['DH', 'IY']], [['TH', 'R', 'IY']], [['T', 'R', 'IY', 'Z']]] });
    expect(p.overlay).toBeNull();
    expect(p.pair).toBeNull();
    expect(await db.attempts.get(p.attemptId!)).toMatchObject({ itemId: 'free:The three trees!', pattern: null, text: 'The three trees!', status: 'assessed' });
  });

  it('names an unknown word of the free text before recording anything', async () => {
    const { store, db, options } = setup(async () => Promise.reject(new Error('not needed')));
    store.getState().setFreeText('three zorblax');
    await store.getState().startPractice();
    expect(store.getState().practice).toMatchObject({ status: 'error', error: { code: 'UNKNOWN_WORD', word: 'zorblax' } });
    expect(options).toHaveLength(0);
    expect(await db.attempts.count()).toBe(0);
    // Back to the lesson item.
    store.getState().setFreeText(null);
    expect(store.getState().practice).toMatchObject({ freeText: null, status: 'idle', error: null });
  });
});
