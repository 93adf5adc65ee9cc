/**
 * Teacher references: a teacher's own rendition of a lesson item, kept as the WAV (as recorded or as
 * imported) and as mono 16 kHz samples with the silence trimmed (what the overlay and fine-tuning
 * read). A recording that is silent, too long or not a readable WAV is refused with a typed error and
 * nothing is written.
 */
import { CodedError } from '../dsp/codedError';
import { decodeWav, encodeWav } from '../audio';
import { resampleTo16k, trimSilence } from '../dsp';
import { newUid, type SotaqueDb, type TeacherReferenceRow } from './schema';

/** Longest teacher recording kept, seconds (assessment refuses longer clips too). */
export const MAX_TEACHER_SECONDS = 30;

export type TeacherRefErrorCode = 'TEACHER_CLIP_SILENT' | 'TEACHER_CLIP_TOO_LONG' | 'TEACHER_BAD_WAV';

/** Why a teacher recording was refused; `details` carries what was found. */
export class TeacherRefError extends CodedError<TeacherRefErrorCode> {
  override readonly name = 'TeacherRefError';
}

export interface NewTeacherReference {
  readonly itemId: string;
  readonly text: string;
  /** Mono samples in [−1, 1] at `sampleRateHz`. */
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  /** The WAV file as imported; omitted, the samples are encoded as 16-bit PCM. */
  readonly wav?: Blob;
  /** Milliseconds since the epoch (default: now). */
  readonly createdAt?: number;
}

/** Checks, trims and stores a teacher recording; returns its id. */
export async function saveTeacherReference(db: SotaqueDb, ref: NewTeacherReference): Promise<number> {
  const durationSeconds = ref.samples.length / ref.sampleRateHz;
  if (durationSeconds > MAX_TEACHER_SECONDS) {
    throw new TeacherRefError('TEACHER_CLIP_TOO_LONG', `The recording is ${durationSeconds.toFixed(1)} s long; a teacher reference may last at most ${MAX_TEACHER_SECONDS} s. Record the item alone.`, { durationSeconds });
  }
  const samples16k = resampleTo16k(ref.samples, ref.sampleRateHz);
  const trim = trimSilence(samples16k);
  if (trim.silent) {
    throw new TeacherRefError('TEACHER_CLIP_SILENT', 'The recording is silent: no speech was heard. Check the microphone and record again.', { peakDb: trim.peakDb });
  }
  const audio = ref.wav ?? new Blob([encodeWav(ref.samples, ref.sampleRateHz)], { type: 'audio/wav' });
  const row: TeacherReferenceRow = {
    uid: newUid(),
    itemId: ref.itemId,
    text: ref.text,
    createdAt: ref.createdAt ?? Date.now(),
    durationSeconds,
    sampleRateHz: ref.sampleRateHz,
    audio,
    samples16k: samples16k.slice(trim.start, trim.end),
  };
  return (await db.teacherReferences.add(row)) as number;
}

/** Decodes a WAV file (any rate, channels averaged) and stores it as a teacher reference of the item. */
export async function importTeacherWav(db: SotaqueDb, item: { itemId: string; text: string }, file: Blob, createdAt?: number): Promise<number> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let decoded;
  try {
    decoded = decodeWav(bytes);
  } catch (error) {
    throw new TeacherRefError('TEACHER_BAD_WAV', `The file is not a WAV this app can read (${error instanceof Error ? error.message : String(error)}). Export it as WAV (PCM) and try again.`);
  }
  return saveTeacherReference(db, { ...item, samples: decoded.samples, sampleRateHz: decoded.sampleRateHz, wav: new Blob([bytes], { type: 'audio/wav' }), createdAt });
}

/** A lesson item's teacher references, oldest first. */
export async function teacherReferencesOf(db: SotaqueDb, itemId: string): Promise<TeacherReferenceRow[]> {
  return db.teacherReferences.where('itemId').equals(itemId).sortBy('createdAt');
}

/** Every teacher reference, oldest first (what fine-tuning reads). */
export async function allTeacherReferences(db: SotaqueDb): Promise<TeacherReferenceRow[]> {
  return db.teacherReferences.orderBy('createdAt').toArray();
}

/** How many teacher references are stored. */
export async function countTeacherReferences(db: SotaqueDb): Promise<number> {
  return db.teacherReferences.count();
}

/** How many distinct lesson items have at least one teacher reference. */
export async function countTeacherItems(db: SotaqueDb): Promise<number> {
  return (await db.teacherReferences.orderBy('itemId').uniqueKeys()).length;
}

export async function deleteTeacherReference(db: SotaqueDb, id: number): Promise<void> {
  await db.teacherReferences.delete(id);
}
