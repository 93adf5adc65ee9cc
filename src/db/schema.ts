/**
 * The IndexedDB schema (Dexie), versioned: learners, attempts, their audio (blobs in a table of their
 * own, never JSON-encoded, so listing attempts never loads audio) and decoded native references.
 * A schema change adds a `this.version(n + 1)` with its upgrade; old versions stay declared.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AssessResult } from '../assess';

export interface LearnerRow {
  id?: number;
  name: string;
  /** UI language the learner chose. */
  language: 'pt-BR' | 'en';
  createdAt: number;
}

export type AttemptStatus = 'recorded' | 'assessed' | 'failed';

export interface AttemptRow {
  id?: number;
  learnerId: number;
  /** Lesson item id, or `free:<text>` for free text. */
  itemId: string;
  /** The lesson pack's pattern (TH, DH…), null for free text. */
  pattern: string | null;
  text: string;
  createdAt: number;
  status: AttemptStatus;
  durationSeconds: number;
  sampleRateHz: number;
  /** The assessment, once it succeeded. */
  result: AssessResult | null;
  /** Why the assessment failed: `{code, message}`. */
  error: { code: string; message: string } | null;
  /** Model version that judged it. */
  modelVersion: string | null;
}

export interface AttemptAudioRow {
  attemptId: number;
  /** WAV (16-bit PCM, the capture rate). */
  audio: Blob;
}

export interface ReferenceRow {
  /** `<voice>/<slug>`. */
  key: string;
  /** Decoded mono samples at 16 kHz. */
  samples16k: Float32Array;
}

export class SotaqueDb extends Dexie {
  learners!: EntityTable<LearnerRow, 'id'>;
  attempts!: EntityTable<AttemptRow, 'id'>;
  attemptAudio!: EntityTable<AttemptAudioRow, 'attemptId'>;
  references!: EntityTable<ReferenceRow, 'key'>;

  constructor(name = 'sotaque') {
    super(name);
    this.version(1).stores({
      learners: '++id',
      attempts: '++id, learnerId, itemId, pattern, createdAt, [learnerId+createdAt]',
      attemptAudio: 'attemptId',
      references: 'key',
    });
  }
}
