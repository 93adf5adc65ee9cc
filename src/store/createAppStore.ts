/**
 * The app's one zustand store, made of slices (zustand's slices pattern): recorder (the free
 * recording screen), practice (lesson items, attempts, results), settings (language), review
 * (learner profiles, teacher mode and the review of attempts) and teacher voice (the teacher's
 * recordings and fine-tuning). Dependencies are passed in, so tests build stores with fakes;
 * `appStore.ts` builds the app's own with the browser's.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SotaqueDb } from '../db';
import { FineTuneError } from '../model/errors';
import { EngineError } from '../practice';
import { createPracticeSlice, INITIAL_PRACTICE_DATA, type PracticeSlice, type PracticeSliceDeps } from './practiceSlice';
import { createRecorderSlice, INITIAL_RECORDER_DATA, type RecorderSlice, type RecorderSliceDeps } from './recorderSlice';
import { createReviewSlice, INITIAL_PROFILES_DATA, INITIAL_REVIEW_DATA, INITIAL_TEACHER_DATA, type ReviewSlice } from './reviewSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createTeacherVoiceSlice, INITIAL_TEACHER_VOICE_DATA, type TeacherVoiceDeps, type TeacherVoiceSlice } from './teacherVoiceSlice';

/** The whole app state: the union of the slices. */
export type AppState = RecorderSlice & PracticeSlice & SettingsSlice & ReviewSlice & TeacherVoiceSlice;

export type AppStore = StoreApi<AppState> & {
  /** Back to the initial data, releasing the resources the slices own (recorders, extractor, fine-tuning). */
  reset(): void;
};

/** Practice dependencies for stores that do not exercise practice (e.g. the recorder's tests): a real database, no engine, no references. */
function unavailablePracticeDeps(recorderDeps: RecorderSliceDeps): PracticeSliceDeps {
  const missing = () => Promise.reject(new EngineError('MODEL_UNAVAILABLE', 'No practice engine in this store.'));
  let db: SotaqueDb | null = null;
  return {
    createRecorder: recorderDeps.createRecorder,
    openDb: () => (db ??= new SotaqueDb()),
    loadEngine: missing,
    loadReferenceIndex: missing,
    loadNativeReference: missing,
    now: () => performance.now(),
  };
}

/** Teacher's-voice dependencies without fine-tuning (stores that do not exercise it). */
function unavailableTeacherVoiceDeps(practiceDeps: PracticeSliceDeps): TeacherVoiceDeps {
  return {
    openDb: practiceDeps.openDb,
    createRecorder: practiceDeps.createRecorder,
    runFineTune: () => Promise.reject(new FineTuneError('FINETUNE_FAILED', 'No fine-tuning in this store.')),
    applyActiveModel: () => Promise.resolve(null),
  };
}

export function createAppStore(deps: RecorderSliceDeps, practiceDeps: PracticeSliceDeps = unavailablePracticeDeps(deps), teacherVoiceDeps: TeacherVoiceDeps = unavailableTeacherVoiceDeps(practiceDeps)): AppStore {
  const store = createStore<AppState>()((...args) => ({
    ...createRecorderSlice<AppState>(deps)(...args),
    ...createPracticeSlice<AppState>(practiceDeps)(...args),
    ...createSettingsSlice<AppState>()(...args),
    ...createReviewSlice<AppState>(practiceDeps)(...args),
    ...createTeacherVoiceSlice<AppState>(teacherVoiceDeps)(...args),
  }));
  return Object.assign(store, {
    reset() {
      store.getState().disposeRecorderResources();
      store.getState().disposePracticeResources();
      store.getState().disposeTeacherResources();
      store.setState({ recorder: INITIAL_RECORDER_DATA, practice: INITIAL_PRACTICE_DATA, profiles: INITIAL_PROFILES_DATA, teacher: INITIAL_TEACHER_DATA, review: INITIAL_REVIEW_DATA, teacherVoice: INITIAL_TEACHER_VOICE_DATA });
    },
  });
}
