/**
 * The IndexedDB schema (Dexie), versioned. A schema change adds a `this.version(n + 1)` with its
 * upgrade; old versions stay declared, so a database made by any earlier version opens and upgrades.
 *
 * Version 1: learners, attempts, their audio (blobs in a table of their own, never JSON-encoded, so
 * listing attempts never loads audio), decoded native references.
 * Version 2 (profiles, sessions, teachers, sharing, fine-tuning):
 * - every learner and attempt gets a `uid` (a random id that survives export/import, so a merge never
 *   duplicates) and attempts a `sessionId`; existing attempts are grouped into sessions by time gaps;
 * - `sessions`: a learner's sitting (attempts less than SESSION_GAP_MS apart);
 * - `reviews`: a teacher's overrides of the machine's phone verdicts and a note, one row per attempt,
 *   kept beside the attempt's `result`, never written into it;
 * - `attemptFeatures`: the log-mel the verdict was computed from;
 * - `teacherReferences`: a teacher's own recording of a lesson item (audio + 16 kHz samples);
 * - `models`: fine-tuned head weights (the base model stays in public/models);
 * - `settings`: key/value (active learner, teacher PIN hash, active model…).
 * Version 3 (refused takes): an attempt may be `refused` — kept with its audio and the reason
 * (`refusal`), never scored or counted; silent takes stored as failed `CLIP_SILENT` become refused.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { AssessResult, Verdict } from '../assess';
import type { Phone } from '../model/phones';
import type { RefusalReason } from '../assess/usability';

export interface LearnerRow {
  id?: number;
  /** Random id that survives export/import (merge key). */
  uid: string;
  name: string;
  /** UI language the learner chose. */
  language: 'pt-BR' | 'en';
  createdAt: number;
}

export type AttemptStatus = 'recorded' | 'assessed' | 'failed' | 'refused';

/** Why a take was refused instead of scored (src/assess/usability.ts). */
export interface AttemptRefusal {
  readonly reason: RefusalReason;
  /** Speech length measured in the take, seconds. */
  readonly speechSeconds: number;
}

export interface AttemptRow {
  id?: number;
  /** Random id that survives export/import (merge key). */
  uid: string;
  learnerId: number;
  sessionId: number | null;
  /** Lesson item id, or `free:<text>` for free text. */
  itemId: string;
  /** The lesson pack's pattern (TH, DH…), null for free text. */
  pattern: string | null;
  text: string;
  createdAt: number;
  status: AttemptStatus;
  durationSeconds: number;
  sampleRateHz: number;
  /** The assessment, once it succeeded (the machine's verdicts; a teacher's overrides live in `reviews`). */
  result: AssessResult | null;
  /** Why the assessment failed: `{code, message}`. */
  error: { code: string; message: string } | null;
  /** Model version that judged it. */
  modelVersion: string | null;
  /** Set when the take was refused (status `refused`); null or absent otherwise. */
  refusal?: AttemptRefusal | null;
}

export interface AttemptAudioRow {
  attemptId: number;
  /** WAV (16-bit PCM, the capture rate). */
  audio: Blob;
}

export interface AttemptFeaturesRow {
  attemptId: number;
  /** Normalised log-mel, frames × bands, row-major. */
  data: Float32Array;
  frames: number;
  bands: number;
}

export interface SessionRow {
  id?: number;
  uid: string;
  learnerId: number;
  startedAt: number;
  /** Time of the latest attempt in the session. */
  lastAt: number;
}

/** A teacher's override of one phone's verdict: which phone (word and phone index in `result.words`). */
export interface PhoneOverride {
  readonly word: number;
  readonly phone: number;
  readonly verdict: Verdict;
  /** For `mispronounced`: the sound the teacher heard instead (its tip reaches the learner); absent: the machine's. */
  readonly heard?: Phone | null;
}

export interface ReviewRow {
  attemptId: number;
  overrides: PhoneOverride[];
  note: string;
  updatedAt: number;
}

export interface ReferenceRow {
  /** `<voice>/<slug>`. */
  key: string;
  /** Decoded mono samples at 16 kHz. */
  samples16k: Float32Array;
}

export interface TeacherReferenceRow {
  id?: number;
  uid: string;
  /** Lesson item id. */
  itemId: string;
  text: string;
  createdAt: number;
  durationSeconds: number;
  sampleRateHz: number;
  /** WAV as recorded. */
  audio: Blob;
  /** Mono samples at 16 kHz, silence-trimmed (what the overlay and fine-tuning read). */
  samples16k: Float32Array;
}

export interface ModelRow {
  /** e.g. `finetuned`. */
  key: string;
  /** Version of the base model the weights were fine-tuned from. */
  baseVersion: string;
  createdAt: number;
  /** Head weights in tfjs layer order, as flat arrays with their shapes. */
  weights: { name: string; shape: number[]; data: Float32Array }[];
  /** Held-back evaluation of base vs fine-tuned. */
  evaluation: Record<string, unknown>;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Attempts further apart than this start a new session. */
export const SESSION_GAP_MS = 30 * 60 * 1000;

/** A random id (merge key for export/import). */
export function newUid(): string {
  return globalThis.crypto.randomUUID();
}

/** Version 1 → 2: uids for learners and attempts, sessions from time gaps. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx.table('learners').toCollection().modify((l: Partial<LearnerRow>) => {
    l.uid ??= newUid();
  });
  const attempts = (await tx.table('attempts').toArray()) as (AttemptRow & { id: number })[];
  attempts.sort((a, b) => a.learnerId - b.learnerId || a.createdAt - b.createdAt);
  let session: SessionRow | null = null;
  for (const a of attempts) {
    if (!session || session.learnerId !== a.learnerId || a.createdAt - session.lastAt > SESSION_GAP_MS) {
      if (session) await tx.table('sessions').put(session);
      session = { uid: newUid(), learnerId: a.learnerId, startedAt: a.createdAt, lastAt: a.createdAt };
      session.id = (await tx.table('sessions').add(session)) as number;
    }
    session.lastAt = a.createdAt;
    await tx.table('attempts').update(a.id, { uid: a.uid ?? newUid(), sessionId: session.id });
  }
  if (session) await tx.table('sessions').put(session);
}

/** Version 2 → 3: silent takes (failed with CLIP_SILENT) become refused takes; the others get `refusal: null`. */
async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx.table('attempts').toCollection().modify((a: AttemptRow) => {
    if (a.status === 'failed' && a.error?.code === 'CLIP_SILENT') {
      a.status = 'refused';
      a.refusal = { reason: 'silent', speechSeconds: 0 };
    } else {
      a.refusal ??= null;
    }
  });
}

export class SotaqueDb extends Dexie {
  learners!: EntityTable<LearnerRow, 'id'>;
  attempts!: EntityTable<AttemptRow, 'id'>;
  attemptAudio!: EntityTable<AttemptAudioRow, 'attemptId'>;
  attemptFeatures!: EntityTable<AttemptFeaturesRow, 'attemptId'>;
  sessions!: EntityTable<SessionRow, 'id'>;
  reviews!: EntityTable<ReviewRow, 'attemptId'>;
  references!: EntityTable<ReferenceRow, 'key'>;
  teacherReferences!: EntityTable<TeacherReferenceRow, 'id'>;
  models!: EntityTable<ModelRow, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'sotaque') {
    super(name);
    this.version(1).stores({
      learners: '++id',
      attempts: '++id, learnerId, itemId, pattern, createdAt, [learnerId+createdAt]',
      attemptAudio: 'attemptId',
      references: 'key',
    });
    this.version(2)
      .stores({
        learners: '++id, &uid',
        attempts: '++id, &uid, learnerId, sessionId, itemId, pattern, createdAt, [learnerId+createdAt]',
        attemptAudio: 'attemptId',
        attemptFeatures: 'attemptId',
        sessions: '++id, &uid, learnerId, [learnerId+startedAt]',
        reviews: 'attemptId, updatedAt',
        references: 'key',
        teacherReferences: '++id, &uid, itemId, createdAt',
        models: 'key',
        settings: 'key',
      })
      .upgrade(upgradeToV2);
    this.version(3)
      .stores({
        attempts: '++id, &uid, learnerId, sessionId, itemId, pattern, status, createdAt, [learnerId+createdAt]',
      })
      .upgrade(upgradeToV3);
  }
}
