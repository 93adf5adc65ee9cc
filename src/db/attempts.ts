/**
 * Attempts: a recording is saved (row + audio blob, in one transaction) before it is analysed; the
 * analysis then completes it with its result, or marks it failed with the error, keeping the audio.
 */
import type { AssessResult } from '../assess';
import { newUid, SESSION_GAP_MS, type AttemptRefusal, type AttemptRow, type LearnerRow, type SotaqueDb } from './schema';
import { asStorageError } from './storage';
import { DEFAULT_LEARNER_NAME } from '../lessons/strings/teacher';

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

/** The learner's session at `at`: the latest one, extended, when it is recent enough; else a new one. */
async function sessionFor(db: SotaqueDb, learnerId: number, at: number): Promise<number> {
  const last = await db.sessions.where('[learnerId+startedAt]').between([learnerId, -Infinity], [learnerId, Infinity]).last();
  if (last?.id !== undefined && at - last.lastAt <= SESSION_GAP_MS && at >= last.startedAt) {
    if (at > last.lastAt) await db.sessions.update(last.id, { lastAt: at });
    return last.id;
  }
  return (await db.sessions.add({ uid: newUid(), learnerId, startedAt: at, lastAt: at })) as number;
}

/**
 * Saves the attempt and its audio atomically (in the learner's current session); returns the attempt
 * id. A full storage rejects with `StorageFullError` and stores nothing (the transaction aborts).
 */
export async function saveAttempt(db: SotaqueDb, attempt: NewAttempt): Promise<number> {
  try {
    return await saveAttemptRows(db, attempt);
  } catch (error) {
    throw asStorageError(error);
  }
}

async function saveAttemptRows(db: SotaqueDb, attempt: NewAttempt): Promise<number> {
  return db.transaction('rw', db.attempts, db.attemptAudio, db.sessions, async () => {
    const createdAt = attempt.createdAt ?? Date.now();
    const sessionId = await sessionFor(db, attempt.learnerId, createdAt);
    const id = await db.attempts.add({
      uid: newUid(),
      sessionId,
      learnerId: attempt.learnerId,
      itemId: attempt.itemId,
      pattern: attempt.pattern,
      text: attempt.text,
      createdAt,
      status: 'recorded',
      durationSeconds: attempt.durationSeconds,
      sampleRateHz: attempt.sampleRateHz,
      result: null,
      error: null,
      modelVersion: null,
      refusal: null,
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

/** Marks the attempt refused (kept with its audio, never scored or counted), with why. */
export async function refuseAttempt(db: SotaqueDb, id: number, refusal: AttemptRefusal): Promise<void> {
  await db.attempts.update(id, { status: 'refused', refusal: { ...refusal }, result: null, error: null });
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
  return (await db.learners.add({ uid: newUid(), name: DEFAULT_LEARNER_NAME[language], language, createdAt: Date.now() })) as number;
}
