import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeWav, type Recorder, type Recording } from '../audio';
import { activeModel, fineTunedHead, SotaqueDb } from '../db';
import { FineTuneError } from '../model/errors';
import { lessonPacks } from '../lessons/packs';
import type { FineTuneResult } from '../model/finetune';
import { createAppStore, type AppStore } from './createAppStore';
import type { PracticeSliceDeps } from './practiceSlice';
import { itemForFileName, MIN_FINETUNE_RECORDINGS, type FineTuneOutcome, type TeacherVoiceDeps } from './teacherVoiceSlice';

const RATE = 16_000;
function speechLike(seconds = 1): Float32Array {
  const out = new Float32Array(seconds * RATE);
  for (let i = 0.3 * RATE; i < out.length - 0.3 * RATE; i++) out[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / RATE);
  return out;
}
const wavFile = (name: string, samples = speechLike()) => new File([encodeWav(samples, RATE)], name, { type: 'audio/wav' });

const evaluation = (frameAccuracy: number, falseRejections: number) => ({ frameAccuracy, frames: 300, falseRejections, phones: 12 });
function outcome(adopt: boolean): FineTuneOutcome {
  const result: FineTuneResult = {
    weights: [{ name: 'dense2/bias', shape: [2], data: new Float32Array([0.5, -0.5]) }],
    base: evaluation(0.7, 3),
    tuned: evaluation(adopt ? 0.8 : 0.6, adopt ? 1 : 5),
    adopt,
    trainingClips: [],
    heldOutClips: ['a', 'b', 'c'],
    skippedClips: [],
    finalLoss: 0.3,
    trainingFrames: 900,
  };
  return { result, baseVersion: 'v1', seconds: 2 };
}

const stores: AppStore[] = [];
const dbs: SotaqueDb[] = [];
afterEach(async () => {
  stores.splice(0).forEach((s) => s.reset());
  for (const db of dbs.splice(0)) await db.delete();
});

function setup(runFineTune: TeacherVoiceDeps['runFineTune']) {
  const db = new SotaqueDb(`teacher-slice-${Math.random()}`);
  dbs.push(db);
  let end!: (r: Recording) => void;
  const finished = new Promise<Recording>((resolve) => (end = resolve));
  const recorder: Recorder = { state: 'recording', start: vi.fn(async () => undefined), stop: vi.fn(() => finished), finished, dispose: vi.fn() };
  const applyActiveModel = vi.fn(async () => new Float32Array([1]));
  const teacherDeps: TeacherVoiceDeps = { openDb: () => db, createRecorder: () => recorder, runFineTune, applyActiveModel };
  const missing = () => Promise.reject(new Error('none'));
  const practiceDeps: PracticeSliceDeps = { createRecorder: () => recorder, openDb: () => db, loadEngine: missing, loadReferenceIndex: missing, loadNativeReference: missing, now: () => 0 };
  const store = createAppStore({ createRecorder: () => recorder, createFeatureExtractor: vi.fn() }, practiceDeps, teacherDeps);
  stores.push(store);
  return { store, db, end, applyActiveModel };
}

describe('teacher slice', () => {
  it('maps file names to lesson items', () => {
    expect(itemForFileName('th-w-three.wav')).toBe('th-w-three');
    expect(itemForFileName('TH-W-THREE-2.WAV')).toBe('th-w-three');
    expect(itemForFileName('my recording.wav')).toBeNull();
  });

  it('records a rendition of the current item and lists it', async () => {
    const { store, end } = setup(vi.fn());
    await store.getState().loadTeacher('th-w-three');
    const run = store.getState().startTeacherRecording();
    await vi.waitFor(() => expect(store.getState().teacherVoice.record).toBe('recording'));
    store.getState().stopTeacherRecording();
    end({ samples: speechLike(), sampleRateHz: RATE, durationSeconds: 1, endedBy: 'stopped' });
    await run;
    expect(store.getState().teacherVoice.refs.map((r) => r.itemId)).toEqual(['th-w-three']);
    expect(store.getState().teacherVoice.total).toBe(1);
    expect(store.getState().teacherVoice.record).toBe('idle');
  });

  it('imports files to the items they name, stops at a bad file keeping the ones before, and deletes', async () => {
    const { store } = setup(vi.fn());
    await store.getState().loadTeacher('dh-w-this');
    await store.getState().importTeacherFiles([wavFile('th-w-three.wav'), wavFile('take.wav'), new File([new Uint8Array(10)], 'broken.wav'), wavFile('th-w-thin.wav')]);
    const t = store.getState().teacherVoice;
    expect(t.imported).toBe(2);
    expect(t.problem).toMatchObject({ code: 'TEACHER_BAD_WAV', file: 'broken.wav' });
    expect(t.total).toBe(2);
    expect(t.refs).toHaveLength(1);
    await store.getState().deleteTeacherRef(t.refs[0].id);
    expect(store.getState().teacherVoice.total).toBe(1);
    expect(store.getState().teacherVoice.refs).toHaveLength(0);
  });

  it('refuses to adapt with too few different items, however many takes of one item there are', async () => {
    const run = vi.fn();
    const { store } = setup(run);
    await store.getState().loadTeacher('th-w-three');
    await store.getState().importTeacherFiles(Array.from({ length: 12 }, (_, i) => wavFile(`th-w-three-${i}.wav`)));
    expect(store.getState().teacherVoice).toMatchObject({ total: 12, items: 1 });
    await store.getState().startFineTune();
    expect(store.getState().teacherVoice.fineTune).toMatchObject({ status: 'error', error: { code: 'FINETUNE_TOO_FEW' } });
    expect(run).not.toHaveBeenCalled();
  });

  async function withRecordings(store: AppStore) {
    await store.getState().loadTeacher('th-w-three');
    // One take each of MIN_FINETUNE_RECORDINGS different items, the first being "three".
    const ids = lessonPacks().flatMap((p) => p.items.map((i) => i.id)).slice(0, MIN_FINETUNE_RECORDINGS);
    await store.getState().importTeacherFiles(ids.map((id) => wavFile(`${id}.wav`)));
  }

  it('adopts a better head, makes it active, and reverts to the base', async () => {
    const run = vi.fn<TeacherVoiceDeps['runFineTune']>(async (renditions, onProgress) => {
      expect(renditions).toHaveLength(MIN_FINETUNE_RECORDINGS);
      expect(renditions[0]).toMatchObject({ text: 'three', phones: [['TH', 'R', 'IY']] });
      onProgress({ stage: 'training', fraction: 0.5 });
      return outcome(true);
    });
    const { store, db, applyActiveModel } = setup(run);
    await withRecordings(store);
    await store.getState().startFineTune();
    expect(store.getState().teacherVoice.fineTune).toMatchObject({ status: 'done', fraction: 1, summary: { adopt: true, heldOut: 3, recordings: MIN_FINETUNE_RECORDINGS } });
    expect(await activeModel(db)).toBe('finetuned');
    expect(store.getState().teacherVoice.activeModel).toBe('finetuned');
    expect(applyActiveModel).toHaveBeenCalledTimes(1);
    await store.getState().revertToBaseModel();
    expect(await activeModel(db)).toBe('base');
    expect(store.getState().teacherVoice.activeModel).toBe('base');
    expect(applyActiveModel).toHaveBeenCalledTimes(2);
    expect(await fineTunedHead(db)).not.toBeNull();
  });

  it('keeps the base when the new head is not better (the figures are still stored and shown)', async () => {
    const { store, db, applyActiveModel } = setup(async () => outcome(false));
    await withRecordings(store);
    await store.getState().startFineTune();
    expect(store.getState().teacherVoice.fineTune.summary).toMatchObject({ adopt: false, tuned: { falseRejections: 5 } });
    expect(await activeModel(db)).toBe('base');
    expect((await fineTunedHead(db))?.evaluation).toMatchObject({ adopt: false });
    expect(applyActiveModel).not.toHaveBeenCalled();
  });

  it('cancels: status cancelled, nothing stored', async () => {
    const { store, db } = setup(
      (_r, _p, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new FineTuneError('FINETUNE_CANCELLED', 'cancelled')))),
    );
    await withRecordings(store);
    const run = store.getState().startFineTune();
    await vi.waitFor(() => expect(store.getState().teacherVoice.fineTune.status).toBe('running'));
    store.getState().cancelFineTune();
    await run;
    expect(store.getState().teacherVoice.fineTune.status).toBe('cancelled');
    expect(await fineTunedHead(db)).toBeNull();
  });
});
