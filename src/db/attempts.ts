/**
 * Attempts: a recording is saved (row + audio blob, in one transaction) before it is analysed; the
 * analysis then completes it with its result, or marks it failed with the error, keeping the audio.
 */
import type { AssessResult } from '../assess';
import type { AttemptRow, LearnerRow, SotaqueDb } from './schema';

export interface NewAttempt {
  readonly learnerId: number;
  readonly itemId: string;
  readonly pattern: string | null;
  readonly text: string;
  readonly durationSeconds: number;
  readonly sampleRateHz: number;
  readonly audio: Blob;
  /** Milliseconds since the epoch (default: now). */
  readonly createdAt?: number;
}

/** Saves the attempt and its audio atomically; returns the attempt id. */
export async function saveAttempt(db: SotaqueDb, attempt: NewAttempt): Promise<number> {
  return db.transaction('rw', db.attempts, db.attemptAudio, async () => {
    const id = await db.attempts.add({
      learnerId: attempt.learnerId,
      itemId: attempt.itemId,
      pattern: attempt.pattern,
      text: attempt.text,
      createdAt: attempt.createdAt ?? Date.now(),
      status: 'recorded',
      durationSeconds: attempt.durationSeconds,
      sampleRateHz: attempt.sampleRateHz,
      result: null,
      error: null,
      modelVersion: null,
    });
    await db.attemptAudio.add({ attemptId: id as number, audio: attempt.audio });
    return id as number;
  });
}

export async function completeAttempt(db: SotaqueDb, id: number, result: AssessResult, modelVersion: string | null): Promise<void> {
  await db.attempts.update(id, { status: 'assessed', result, error: null, modelVersion });
}

export async function failAttempt(db: SotaqueDb, id: number, error: { code: string; message: string }): Promise<void> {
  await db.attempts.update(id, { status: 'failed', error });
}

export async function attemptAudio(db: SotaqueDb, id: number): Promise<Blob | undefined> {
  return (await db.attemptAudio.get(id))?.audio;
}

/** A learner's attempts, oldest first. */
export async function attemptsOf(db: SotaqueDb, learnerId: number): Promise<AttemptRow[]> {
  return db.attempts.where('[learnerId+createdAt]').between([learnerId, -Infinity], [learnerId, Infinity]).toArray();
}

/** The device's learner (one per device for now), created on first use. */
export async function ensureLearner(db: SotaqueDb, language: LearnerRow['language']): Promise<number> {
  const first = await db.learners.orderBy('id').first();
  if (first?.id !== undefined) return first.id;
  return (await db.learners.add({ name: 'Learner', language, createdAt: Date.now() })) as number;
}
