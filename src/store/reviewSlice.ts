/**
 * The profiles and review slice: the learner profiles on this device (which one is active, creating,
 * renaming, removing), teacher mode (the optional PIN, locked/unlocked), and the teacher's review —
 * a learner's sessions under filters, their progress per pattern, one attempt opened with its audio,
 * the overlay against the native reference, and saving the teacher's overrides and note. Also the
 * active learner's own history (attempts with the teacher's reviews) for the practice screen.
 *
 * Every action catches its own failures: a problem lands in the state with a code the UI translates,
 * and nothing already stored is lost.
 */
import type { StateCreator } from 'zustand/vanilla';
import { decodeWav } from '../audio/wav';
import {
  currentLearner,
  attemptAudio,
  clearTeacherPin,
  createProfile,
  hasTeacherPin,
  learnerSessions,
  listProfiles,
  ProfileError,
  removeProfile,
  renameProfile,
  reviewedAttemptsOf,
  ReviewError,
  reviewProgress,
  saveReview,
  setActiveLearner,
  setTeacherPin,
  verifyTeacherPin,
  type PhoneOverride,
  type Profile,
  type ReviewedAttempt,
  type ReviewProgress,
  type SessionWithAttempts,
  type SotaqueDb,
} from '../db';
import { EngineError, learnerFeatures, overlayData, type LogMel, type NativeReference, type OverlayData } from '../practice';
import { toProblem, type Problem } from './problems';
import type { ReferenceIndex } from '../lessons/references';

export interface ReviewSliceDeps {
  openDb(): SotaqueDb;
  loadReferenceIndex(): Promise<ReferenceIndex>;
  loadNativeReference(index: ReferenceIndex, clip: string, voice: string): Promise<NativeReference>;
}

export interface ProfilesData {
  readonly list: readonly Profile[];
  /** Attempts stored per profile id. */
  readonly attemptCounts: Readonly<Record<number, number>>;
  readonly activeId: number | null;
  /** The active learner's attempts with the teacher's reviews, newest first. */
  readonly history: readonly ReviewedAttempt[];
  readonly error: Problem | null;
}

export interface TeacherData {
  /** Whether `hasPin` has been read from the device yet (until then teacher mode shows nothing). */
  readonly checked: boolean;
  readonly hasPin: boolean;
  readonly unlocked: boolean;
  /** A PIN is being hashed or checked. */
  readonly busy: boolean;
  readonly error: Problem | null;
  /** Last PIN change that succeeded (for the confirmation line). */
  readonly pinChange: 'set' | 'cleared' | null;
  /** After too many wrong PINs: when the next try is allowed (ms since the epoch), else null. */
  readonly retryAt: number | null;
}

/** Review filters as the form holds them (dates as `yyyy-mm-dd`, local time). */
export interface ReviewFilterForm {
  readonly pattern: string | null;
  readonly flaggedOnly: boolean;
  readonly from: string;
  readonly to: string;
}

export interface OpenAttempt {
  readonly attempt: ReviewedAttempt;
  /** The recording (mono) at its capture rate; null when its audio is missing. */
  readonly samples: Float32Array | null;
  readonly sampleRateHz: number;
  /** Learner vs native, aligned; null when no reference could be loaded (then `learnerLogMel` alone). */
  readonly overlay: OverlayData | null;
  readonly learnerLogMel: LogMel | null;
  readonly overlayProblem: Problem | null;
}

export interface ReviewData {
  readonly learnerId: number | null;
  readonly filter: ReviewFilterForm;
  readonly sessions: readonly SessionWithAttempts[];
  readonly progress: readonly ReviewProgress[];
  readonly open: OpenAttempt | null;
  readonly status: 'idle' | 'loading' | 'ready' | 'saving' | 'saved';
  readonly error: Problem | null;
}

export interface ReviewSlice {
  readonly profiles: ProfilesData;
  readonly teacher: TeacherData;
  readonly review: ReviewData;
  /** Loads the profiles (a first run creates one), the active one, and whether a PIN is set. */
  loadProfiles(): Promise<void>;
  /** Creates a profile and makes it active; resolves true when it was created. */
  createProfile(name: string): Promise<boolean>;
  switchProfile(id: number): Promise<void>;
  renameProfile(id: number, name: string): Promise<boolean>;
  removeProfile(id: number): Promise<void>;
  /** Reloads the active learner's history. */
  loadHistory(): Promise<void>;
  unlockTeacher(pin: string): Promise<void>;
  lockTeacher(): void;
  setTeacherPin(pin: string): Promise<boolean>;
  clearTeacherPin(): Promise<void>;
  openLearner(id: number | null): Promise<void>;
  setReviewFilter(filter: Partial<ReviewFilterForm>): Promise<void>;
  openAttempt(id: number | null): Promise<void>;
  saveReview(overrides: readonly PhoneOverride[], note: string): Promise<void>;
}

export const INITIAL_PROFILES_DATA: ProfilesData = { list: [], attemptCounts: {}, activeId: null, history: [], error: null };
export const INITIAL_TEACHER_DATA: TeacherData = { checked: false, hasPin: false, unlocked: false, busy: false, error: null, pinChange: null, retryAt: null };
export const INITIAL_REVIEW_DATA: ReviewData = {
  learnerId: null,
  filter: { pattern: null, flaggedOnly: false, from: '', to: '' },
  sessions: [],
  progress: [],
  open: null,
  status: 'idle',
  error: null,
};

/** A review step's problem: a typed error's code, else DB_FAILED (the database is all this slice talks to). */
function problem(error: unknown): Problem {
  return toProblem(error, 'DB_FAILED');
}

/** `yyyy-mm-dd` (local) → the day's first or last millisecond; '' or invalid → null. */
export function dayBound(day: string, end: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const date = end ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999) : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

export function createReviewSlice<S extends ReviewSlice & { settings: { language: 'pt-BR' | 'en' }; practice: { voice: string } }>(deps: ReviewSliceDeps): StateCreator<S, [], [], ReviewSlice> {
  return (set, get) => {
    const patchProfiles = (data: Partial<ProfilesData>) => set((s) => ({ profiles: { ...s.profiles, ...data } }) as Partial<S>);
    const patchTeacher = (data: Partial<TeacherData>) => set((s) => ({ teacher: { ...s.teacher, ...data } }) as Partial<S>);
    const patchReview = (data: Partial<ReviewData>) => set((s) => ({ review: { ...s.review, ...data } }) as Partial<S>);
    /** Incremented by every navigation; late loads of an older view are dropped. */
    let view = 0;

    async function refreshProfiles(db: SotaqueDb): Promise<void> {
      // No profile is created here: the first one appears when someone practises.
      const activeId = await currentLearner(db);
      const list = await listProfiles(db);
      const counts: Record<number, number> = {};
      for (const p of list) counts[p.id] = await db.attempts.where('learnerId').equals(p.id).count();
      patchProfiles({ list, activeId, attemptCounts: counts });
    }

    async function refreshLearner(mine: number): Promise<void> {
      const { learnerId, filter } = get().review;
      if (learnerId === null) return;
      const db = deps.openDb();
      const sessions = await learnerSessions(db, learnerId, { pattern: filter.pattern, flaggedOnly: filter.flaggedOnly, from: dayBound(filter.from, false), to: dayBound(filter.to, true) });
      const progress = reviewProgress(await reviewedAttemptsOf(db, learnerId));
      if (mine === view) patchReview({ sessions, progress });
    }

    async function overlayFor(attempt: ReviewedAttempt, learner: { logMel: LogMel; offsetSeconds: number }): Promise<OverlayData> {
      const index = await deps.loadReferenceIndex();
      const entry = index.items[attempt.itemId];
      if (!entry) throw new EngineError('REFERENCE_UNAVAILABLE', `No native reference for "${attempt.itemId}".`);
      const voice = get().practice.voice;
      const native = await deps.loadNativeReference(index, entry.clip, voice).catch(() => deps.loadNativeReference(index, entry.clip, index.voices[0]?.id ?? voice));
      return overlayData(learner.logMel, learner.offsetSeconds, native);
    }

    return {
      profiles: INITIAL_PROFILES_DATA,
      teacher: INITIAL_TEACHER_DATA,
      review: INITIAL_REVIEW_DATA,

      async loadProfiles() {
        try {
          const db = deps.openDb();
          await refreshProfiles(db);
          patchTeacher({ hasPin: await hasTeacherPin(db), checked: true });
          await get().loadHistory();
        } catch (error) {
          patchProfiles({ error: problem(error) });
        }
      },

      async createProfile(name) {
        try {
          const db = deps.openDb();
          const id = await createProfile(db, name, get().settings.language);
          await setActiveLearner(db, id);
          await refreshProfiles(db);
          patchProfiles({ error: null });
          await get().loadHistory();
          return true;
        } catch (error) {
          patchProfiles({ error: problem(error) });
          return false;
        }
      },

      async switchProfile(id) {
        try {
          const db = deps.openDb();
          await setActiveLearner(db, id);
          patchProfiles({ activeId: id, error: null });
          await get().loadHistory();
        } catch (error) {
          patchProfiles({ error: problem(error) });
        }
      },

      async renameProfile(id, name) {
        try {
          const db = deps.openDb();
          await renameProfile(db, id, name);
          await refreshProfiles(db);
          patchProfiles({ error: null });
          return true;
        } catch (error) {
          patchProfiles({ error: problem(error) });
          return false;
        }
      },

      async removeProfile(id) {
        try {
          const db = deps.openDb();
          await removeProfile(db, id);
          if (get().review.learnerId === id) await get().openLearner(null);
          await refreshProfiles(db);
          patchProfiles({ error: null });
          await get().loadHistory();
        } catch (error) {
          patchProfiles({ error: problem(error) });
        }
      },

      async loadHistory() {
        const id = get().profiles.activeId;
        if (id === null) return;
        try {
          const attempts = await reviewedAttemptsOf(deps.openDb(), id);
          if (get().profiles.activeId === id) patchProfiles({ history: attempts.reverse() });
        } catch (error) {
          patchProfiles({ error: problem(error) });
        }
      },

      async unlockTeacher(pin) {
        patchTeacher({ busy: true, error: null });
        try {
          await verifyTeacherPin(deps.openDb(), pin);
          patchTeacher({ unlocked: true, busy: false, pinChange: null, retryAt: null });
        } catch (error) {
          const wait = error instanceof ProfileError ? (error.waitSeconds ?? 0) : 0;
          patchTeacher({ busy: false, error: problem(error), retryAt: wait > 0 ? Date.now() + wait * 1000 : null });
        }
      },

      lockTeacher() {
        view++;
        patchTeacher({ unlocked: false, error: null, pinChange: null });
        patchReview(INITIAL_REVIEW_DATA);
      },

      async setTeacherPin(pin) {
        patchTeacher({ busy: true, error: null, pinChange: null });
        try {
          await setTeacherPin(deps.openDb(), pin);
          patchTeacher({ hasPin: true, unlocked: true, busy: false, pinChange: 'set' });
          return true;
        } catch (error) {
          patchTeacher({ busy: false, error: problem(error) });
          return false;
        }
      },

      async clearTeacherPin() {
        try {
          await clearTeacherPin(deps.openDb());
          patchTeacher({ hasPin: false, error: null, pinChange: 'cleared' });
        } catch (error) {
          patchTeacher({ error: problem(error) });
        }
      },

      async openLearner(id) {
        const mine = ++view;
        patchReview({ ...INITIAL_REVIEW_DATA, learnerId: id, filter: get().review.filter, status: id === null ? 'idle' : 'loading' });
        if (id === null) return;
        try {
          await refreshLearner(mine);
          if (mine === view) patchReview({ status: 'ready' });
        } catch (error) {
          if (mine === view) patchReview({ status: 'ready', error: problem(error) });
        }
      },

      async setReviewFilter(filter) {
        const mine = ++view;
        patchReview({ filter: { ...get().review.filter, ...filter }, error: null });
        try {
          await refreshLearner(mine);
        } catch (error) {
          if (mine === view) patchReview({ error: problem(error) });
        }
      },

      async openAttempt(id) {
        const mine = ++view;
        if (id === null) {
          patchReview({ open: null, status: 'ready', error: null });
          await refreshLearner(mine).catch((error: unknown) => mine === view && patchReview({ error: problem(error) }));
          return;
        }
        patchReview({ open: null, status: 'loading', error: null });
        try {
          const db = deps.openDb();
          const row = await db.attempts.get(id);
          if (!row || row.id === undefined) throw new ReviewError('ATTEMPT_NOT_FOUND', `No attempt with id ${id} on this device.`);
          const attempt: ReviewedAttempt = { ...row, id: row.id, review: (await db.reviews.get(id)) ?? null };
          const blob = await attemptAudio(db, id);
          const wav = blob ? decodeWav(new Uint8Array(await blob.arrayBuffer())) : null;
          const learner = wav ? learnerFeatures(wav.samples, wav.sampleRateHz) : null;
          let overlay: OverlayData | null = null;
          let overlayProblem: Problem | null = null;
          if (learner) {
            try {
              overlay = await overlayFor(attempt, learner);
            } catch (error) {
              overlayProblem = problem(error);
            }
          }
          if (mine !== view) return;
          patchReview({
            open: { attempt, samples: wav?.samples ?? null, sampleRateHz: wav?.sampleRateHz ?? row.sampleRateHz, overlay, learnerLogMel: learner?.logMel ?? null, overlayProblem },
            status: 'ready',
          });
        } catch (error) {
          if (mine === view) patchReview({ status: 'ready', error: problem(error) });
        }
      },

      async saveReview(overrides, note) {
        const open = get().review.open;
        if (!open) return;
        patchReview({ status: 'saving', error: null });
        try {
          const db = deps.openDb();
          const review = await saveReview(db, open.attempt.id, overrides, note);
          const current = get().review.open;
          if (current?.attempt.id === open.attempt.id) patchReview({ open: { ...current, attempt: { ...current.attempt, review } } });
          patchReview({ status: 'saved' });
          await refreshLearner(view);
          if (get().profiles.activeId === open.attempt.learnerId) await get().loadHistory();
        } catch (error) {
          patchReview({ status: 'ready', error: problem(error) });
        }
      },
    };
  };
}
