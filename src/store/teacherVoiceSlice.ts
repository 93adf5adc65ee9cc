/**
 * The teacher's voice: recordings of lesson items (recorded with the app's recorder or imported WAV
 * files), and adapting the phone model's head to that voice.
 *
 * Fine-tuning runs outside the slice (`runFineTune`: a worker in the browser) with progress and
 * cancel. Its result is always stored (so the figures can be shown again); it becomes the active model
 * only when the held-back comparison says it is better. "Revert" makes the base model active again;
 * the practice engine follows the active model through `applyActiveModel`.
 */
import type { StateCreator } from 'zustand/vanilla';
import { FineTuneError } from '../model/errors';
import { toProblem, type Problem } from './problems';
import type { TeacherRendition } from '../assess/teacherLabels';
import { clampMaxSeconds, type Recorder, type RecorderOptions } from '../audio';
import {
  activeModel,
  allTeacherReferences,
  countTeacherItems,
  countTeacherReferences,
  deleteTeacherReference,
  fineTunedHead,
  importTeacherWav,
  saveFineTunedHead,
  saveTeacherReference,
  setActiveModel,
  teacherReferencesOf,
  type ActiveModel,
  type SotaqueDb,
} from '../db';
import { findLessonItem, lessonPacks } from '../lessons/packs';
import type { FineTuneProgress, FineTuneResult, HeadEvaluation } from '../model/finetune';

/** Distinct lesson items the teacher must have recorded before the model can be adapted (3 recordings are held back to check the result). */
export const MIN_FINETUNE_RECORDINGS = 10;

export interface FineTuneOutcome {
  readonly result: FineTuneResult;
  readonly baseVersion: string;
  readonly seconds: number;
}

export interface TeacherVoiceDeps {
  openDb(): SotaqueDb;
  createRecorder(options: RecorderOptions): Recorder;
  /** Fine-tunes on the renditions (a worker in the browser); rejects with code FINETUNE_CANCELLED on abort. */
  runFineTune(renditions: readonly TeacherRendition[], onProgress: (p: FineTuneProgress) => void, signal: AbortSignal): Promise<FineTuneOutcome>;
  /** The active model changed in the database: the practice engine takes it up; returns its posteriors of a fixed probe clip (for checks), or null when no engine is loaded. */
  applyActiveModel(): Promise<Float32Array | null>;
}

/** A teacher recording as listed (no samples). */
export interface TeacherRefSummary {
  readonly id: number;
  readonly itemId: string;
  readonly createdAt: number;
  readonly durationSeconds: number;
  readonly audio: Blob;
}

export type TeacherRecordStatus = 'idle' | 'recording' | 'saving';
export type FineTuneStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface FineTuneSummary {
  readonly base: HeadEvaluation;
  readonly tuned: HeadEvaluation;
  readonly adopt: boolean;
  readonly recordings: number;
  readonly heldOut: number;
  readonly seconds: number;
}

export interface TeacherVoiceData {
  readonly itemId: string | null;
  /** The current item's recordings, oldest first. */
  readonly refs: readonly TeacherRefSummary[];
  /** All teacher recordings on the device. */
  readonly total: number;
  /** How many distinct lesson items they cover (adapting needs MIN_FINETUNE_RECORDINGS of them). */
  readonly items: number;
  readonly record: TeacherRecordStatus;
  readonly level: { readonly rms: number; readonly peak: number };
  readonly elapsedSeconds: number;
  /** What went wrong last (refused recording, import…); `count` files were imported before it when importing. */
  readonly problem: (Problem & { readonly file?: string }) | null;
  readonly imported: number | null;
  readonly fineTune: {
    readonly status: FineTuneStatus;
    readonly fraction: number;
    readonly stage: FineTuneProgress['stage'] | null;
    readonly summary: FineTuneSummary | null;
    readonly error: Problem | null;
  };
  readonly activeModel: ActiveModel;
  readonly hasFineTuned: boolean;
  /** The engine's posteriors of a fixed probe after the last model change (null until one). */
  readonly probe: Float32Array | null;
}

export interface TeacherVoiceSlice {
  readonly teacherVoice: TeacherVoiceData;
  /** Loads the item's recordings, the count and the active model. */
  loadTeacher(itemId: string): Promise<void>;
  startTeacherRecording(): Promise<void>;
  stopTeacherRecording(): void;
  /** Imports WAV files: a file named after a lesson item id (`th-w-three.wav`, `th-w-three-2.wav`) goes to that item, others to the current item. */
  importTeacherFiles(files: readonly File[]): Promise<void>;
  deleteTeacherRef(id: number): Promise<void>;
  startFineTune(): Promise<void>;
  cancelFineTune(): void;
  revertToBaseModel(): Promise<void>;
  /** Puts the active model on the practice engine (if loaded) and publishes its probe posteriors. */
  syncActiveModel(): Promise<void>;
  disposeTeacherResources(): void;
}

export const INITIAL_TEACHER_VOICE_DATA: TeacherVoiceData = {
  itemId: null,
  refs: [],
  total: 0,
  items: 0,
  record: 'idle',
  level: { rms: 0, peak: 0 },
  elapsedSeconds: 0,
  problem: null,
  imported: null,
  fineTune: { status: 'idle', fraction: 0, stage: null, summary: null, error: null },
  activeModel: 'base',
  hasFineTuned: false,
  probe: null,
};


/** The lesson item a file name names (longest item id the base name starts with), if any. */
export function itemForFileName(name: string): string | null {
  const base = name.toLowerCase().replace(/\.[a-z0-9]+$/, '');
  let best: string | null = null;
  for (const pack of lessonPacks()) {
    for (const item of pack.items) {
      if ((base === item.id || base.startsWith(`${item.id}-`) || base.startsWith(`${item.id}_`)) && (best === null || item.id.length > best.length)) best = item.id;
    }
  }
  return best;
}

export function createTeacherVoiceSlice<S extends TeacherVoiceSlice & { practice: { itemId: string } }>(deps: TeacherVoiceDeps): StateCreator<S, [], [], TeacherVoiceSlice> {
  return (set, get) => {
    let recorder: Recorder | null = null;
    let controller: AbortController | null = null;
    const patch = (data: Partial<TeacherVoiceData>) => set((state) => ({ teacherVoice: { ...state.teacherVoice, ...data } }) as Partial<S>);
    const patchFineTune = (data: Partial<TeacherVoiceData['fineTune']>) => set((state) => ({ teacherVoice: { ...state.teacherVoice, fineTune: { ...state.teacherVoice.fineTune, ...data } } }) as Partial<S>);
    const currentItem = () => get().teacherVoice.itemId ?? get().practice.itemId;

    async function refresh(): Promise<void> {
      const db = deps.openDb();
      const itemId = currentItem();
      const [rows, total, items, active, head] = await Promise.all([teacherReferencesOf(db, itemId), countTeacherReferences(db), countTeacherItems(db), activeModel(db), fineTunedHead(db)]);
      if (currentItem() !== itemId) return;
      patch({
        itemId,
        refs: rows.map((r) => ({ id: r.id!, itemId: r.itemId, createdAt: r.createdAt, durationSeconds: r.durationSeconds, audio: r.audio })),
        total,
        items,
        activeModel: active,
        hasFineTuned: head !== null,
      });
    }

    async function applyModel(): Promise<void> {
      const probe = await deps.applyActiveModel();
      if (probe) patch({ probe });
    }

    return {
      teacherVoice: INITIAL_TEACHER_VOICE_DATA,
      async loadTeacher(itemId) {
        patch({ itemId, problem: null, imported: null });
        try {
          await refresh();
        } catch (error) {
          patch({ problem: toProblem(error, 'STORAGE_FAILED') });
        }
      },
      async startTeacherRecording() {
        if (get().teacherVoice.record !== 'idle') return;
        recorder?.dispose();
        const current = deps.createRecorder({
          maxSeconds: clampMaxSeconds(15),
          onLevel: (level) => patch({ level: { rms: level.rms, peak: level.peak }, elapsedSeconds: level.elapsedSeconds }),
        });
        recorder = current;
        patch({ record: 'recording', problem: null, imported: null, elapsedSeconds: 0 });
        try {
          await current.start();
          const recording = await current.finished;
          patch({ record: 'saving', level: { rms: 0, peak: 0 } });
          const itemId = currentItem();
          const item = findLessonItem(itemId)?.item;
          await saveTeacherReference(deps.openDb(), { itemId, text: item?.text ?? itemId, samples: recording.samples, sampleRateHz: recording.sampleRateHz });
          await refresh();
        } catch (error) {
          patch({ problem: toProblem(error, 'CAPTURE_FAILED') });
        } finally {
          if (recorder === current) recorder = null;
          current.dispose();
          patch({ record: 'idle', level: { rms: 0, peak: 0 } });
        }
      },
      stopTeacherRecording() {
        if (get().teacherVoice.record !== 'recording' || !recorder) return;
        void recorder.stop().catch(() => undefined); // `finished` reports how the recording ended
      },
      async importTeacherFiles(files) {
        const db = deps.openDb();
        let imported = 0;
        patch({ problem: null, imported: null });
        for (const file of files) {
          const itemId = itemForFileName(file.name) ?? currentItem();
          const item = findLessonItem(itemId)?.item;
          try {
            await importTeacherWav(db, { itemId, text: item?.text ?? itemId }, file);
            imported++;
          } catch (error) {
            // Files before this one are kept; say which one failed and why.
            patch({ problem: { ...toProblem(error, 'TEACHER_BAD_WAV'), file: file.name } });
            break;
          }
        }
        patch({ imported });
        await refresh().catch(() => undefined); // the imported files are stored; the list catches up at the next refresh
      },
      async deleteTeacherRef(id) {
        await deleteTeacherReference(deps.openDb(), id);
        await refresh();
      },
      async startFineTune() {
        if (get().teacherVoice.fineTune.status === 'running') return;
        const db = deps.openDb();
        const mine = new AbortController();
        controller = mine;
        patchFineTune({ status: 'running', fraction: 0, stage: null, summary: null, error: null });
        try {
          const rows = await allTeacherReferences(db);
          const items = new Set(rows.map((r) => r.itemId)).size;
          if (items < MIN_FINETUNE_RECORDINGS) {
            throw new FineTuneError('FINETUNE_TOO_FEW', `Adapting the model needs recordings of at least ${MIN_FINETUNE_RECORDINGS} different items; there are ${rows.length} recordings of ${items}.`, { recordings: rows.length, items });
          }
          const renditions: TeacherRendition[] = rows.flatMap((r) => {
            const item = findLessonItem(r.itemId)?.item;
            return item ? [{ id: `teacher-${r.id}`, text: item.text, phones: item.phones, samples16k: r.samples16k }] : [];
          });
          if (mine.signal.aborted) throw new FineTuneError('FINETUNE_CANCELLED', 'Fine-tuning was cancelled.');
          const outcome = await deps.runFineTune(renditions, (p) => patchFineTune({ fraction: p.fraction, stage: p.stage }), mine.signal);
          const { result } = outcome;
          const summary: FineTuneSummary = { base: result.base, tuned: result.tuned, adopt: result.adopt, recordings: renditions.length, heldOut: result.heldOutClips.length, seconds: outcome.seconds };
          await saveFineTunedHead(db, { baseVersion: outcome.baseVersion, createdAt: Date.now(), weights: result.weights, evaluation: { ...summary } }, result.adopt);
          patchFineTune({ status: 'done', fraction: 1, summary });
          await refresh();
          if (result.adopt) await applyModel();
        } catch (error) {
          const p = toProblem(error, 'FINETUNE_FAILED');
          patchFineTune(p.code === 'FINETUNE_CANCELLED' ? { status: 'cancelled', error: null } : { status: 'error', error: p });
        } finally {
          if (controller === mine) controller = null;
        }
      },
      cancelFineTune() {
        controller?.abort();
      },
      async revertToBaseModel() {
        await setActiveModel(deps.openDb(), 'base');
        await refresh();
        await applyModel();
      },
      async syncActiveModel() {
        await applyModel().catch((error: unknown) => patch({ problem: toProblem(error, 'MODEL_UNAVAILABLE') }));
      },
      disposeTeacherResources() {
        recorder?.dispose();
        recorder = null;
        controller?.abort();
        controller = null;
      },
    };
  };
}
