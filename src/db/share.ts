/**
 * Sharing without a server: a teacher moves learners' work between phones as one zip file sent
 * through a messaging app.
 *
 * The archive (format `sotaque-share`, version 1):
 * - `manifest.json`: format id and version, app and schema version, creation time, scope, counts, and
 *   for every other entry its byte size and SHA-256;
 * - `data.json`: learners, sessions, attempts, reviews (and teacher references when exporting all),
 *   keyed by their `uid`s; local numeric ids are replaced by uid references;
 * - `audio/<attemptUid>.wav`, `teacher/<referenceUid>.wav`: the WAV files as recorded, stored (not
 *   recompressed).
 *
 * Importing validates everything before writing anything (zip structure and limits, format and
 * version, schemas, text lengths, every file present with its size and hash, every WAV decodable,
 * references between rows), then merges in one read-write transaction: rows by uid (ones already on
 * the device are skipped, so importing a file twice changes nothing), reviews by attempt uid (the
 * newer `updatedAt` wins). Any refusal is a `ShareError` and leaves the database as it was.
 */
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { MAX_RECORDING_SECONDS_LIMIT } from '../audio/recorder';
import { decodeWav, type DecodedWav } from '../audio/wav';
import { resampleTo16k, trimSilence } from '../dsp';
import { VERDICTS } from '../assess/types';
import { PHONES } from '../model/phones';
import { version as APP_VERSION } from '../../package.json';
import type { AttemptRow, LearnerRow, ReviewRow, SessionRow, SotaqueDb, TeacherReferenceRow } from './schema';
import { ShareError } from './shareErrors';
import { MAX_TEACHER_SECONDS } from './teacherRefs';
import { readZipDirectory, readZipEntry, type ZipEntry } from './shareZip';

export { SHARE_ERROR_CODES, ShareError, type ShareErrorCode } from './shareErrors';

/** Format id written into every manifest. */
export const SHARE_FORMAT = 'sotaque-share';
/** Version of the archive format this app writes and reads. */
export const SHARE_FORMAT_VERSION = 1;
/** Version of the IndexedDB schema the rows come from. */
const SCHEMA_VERSION = 2;

/** Limits on what an import accepts (all sizes in bytes). */
export interface ShareLimits {
  /** The archive file itself. */
  readonly maxArchiveBytes: number;
  /** Files in the archive. */
  readonly maxEntries: number;
  /** All files unpacked, as declared (checked before inflating). */
  readonly maxTotalBytes: number;
  /** One audio file. */
  readonly maxAudioBytes: number;
  /** `data.json` (and `manifest.json`). */
  readonly maxJsonBytes: number;
}

/**
 * The largest audio file the app itself stores: the longest recording the recorder may be set to, or
 * the longest teacher file it accepts (kept as imported), as a WAV of up to 96 kHz, stereo, 32-bit.
 */
export const MAX_STORED_AUDIO_BYTES = 44 + Math.max(MAX_RECORDING_SECONDS_LIMIT, MAX_TEACHER_SECONDS) * 96_000 * 2 * 4;

/**
 * Defaults: an attempt of ~3 s is ~290 KB at 48 kHz (~100 KB at 16 kHz), so 256 MiB holds ~900 such
 * attempts (a class of 30 with 30 each); a phone holds the file about twice in memory while importing.
 * One audio file may be as large as the app stores one (`MAX_STORED_AUDIO_BYTES`).
 */
export const DEFAULT_SHARE_LIMITS: ShareLimits = {
  maxArchiveBytes: 256 * 1024 * 1024,
  maxEntries: 20_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxAudioBytes: MAX_STORED_AUDIO_BYTES,
  maxJsonBytes: 32 * 1024 * 1024,
};

/** What to export: some learners (by local id) with their sessions, attempts and reviews, or everything. */
export type ExportScope = { readonly learnerIds: readonly number[] } | 'all';

/** What an import added; `skippedDuplicates` counts rows already on the device (or older reviews). */
export interface ImportSummary {
  readonly learners: number;
  readonly sessions: number;
  readonly attempts: number;
  readonly reviews: number;
  readonly teacherReferences: number;
  readonly skippedDuplicates: number;
}

// ---------------------------------------------------------------------------------------------
// Schemas of the archive's JSON (the contract between devices).

const uid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a uid: 1–64 letters, digits, "-" or "_"');
const time = z.number().finite().min(0);
const text = (max: number) => z.string().max(max);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);

const phoneAssessment = z.looseObject({
  phone: text(8),
  start: z.number().finite(),
  end: z.number().finite(),
  score: z.number().min(0).max(100),
  verdict: z.enum(VERDICTS),
  heard: z.enum(PHONES).nullable(),
});
const assessResult = z.looseObject({
  id: text(1000),
  text: text(1000),
  score: z.number().min(0).max(100),
  warnings: z.array(text(40)).max(16),
  words: z.array(z.looseObject({ word: text(200), score: z.number().min(0).max(100), phones: z.array(phoneAssessment).max(200) })).max(200),
});

const learnerSchema = z.strictObject({ uid, name: text(100), language: z.enum(['pt-BR', 'en']), createdAt: time });
const sessionSchema = z.strictObject({ uid, learnerUid: uid, startedAt: time, lastAt: time });
const attemptSchema = z.strictObject({
  uid,
  learnerUid: uid,
  sessionUid: uid.nullable(),
  itemId: text(300),
  pattern: text(40).nullable(),
  text: text(1000),
  createdAt: time,
  status: z.enum(['recorded', 'assessed', 'failed', 'refused']),
  durationSeconds: z.number().finite().min(0).max(3600),
  sampleRateHz: z.number().int().min(1).max(384_000),
  result: assessResult.nullable(),
  error: z.strictObject({ code: text(64), message: text(2000) }).nullable(),
  modelVersion: text(100).nullable(),
  audio: text(200).nullable(),
  /** Why a refused take was not scored (absent in archives from before refused takes existed). */
  refusal: z.strictObject({ reason: z.enum(['silent', 'clipped', 'too-long', 'word-count']), speechSeconds: z.number().finite().min(0).max(3600) }).nullable().optional(),
});
const reviewSchema = z.strictObject({
  attemptUid: uid,
  overrides: z.array(z.strictObject({ word: count, phone: count, verdict: z.enum(VERDICTS), heard: z.enum(PHONES).nullable().optional() })).max(2000),
  note: text(5000),
  updatedAt: time,
});
const teacherReferenceSchema = z.strictObject({
  uid,
  itemId: text(300),
  text: text(1000),
  createdAt: time,
  durationSeconds: z.number().finite().min(0).max(3600),
  sampleRateHz: z.number().int().min(1).max(384_000),
  audio: text(200),
});
const dataSchema = z.strictObject({
  learners: z.array(learnerSchema),
  sessions: z.array(sessionSchema),
  attempts: z.array(attemptSchema),
  reviews: z.array(reviewSchema),
  teacherReferences: z.array(teacherReferenceSchema),
});
const countsSchema = z.strictObject({ learners: count, sessions: count, attempts: count, reviews: count, teacherReferences: count, audio: count });
const manifestSchema = z.strictObject({
  format: z.literal(SHARE_FORMAT),
  formatVersion: z.literal(SHARE_FORMAT_VERSION),
  app: z.strictObject({ name: z.literal('sotaque'), version: text(40) }),
  schemaVersion: z.number().int().min(1),
  createdAt: time,
  scope: z.enum(['learners', 'all']),
  counts: countsSchema,
  entries: z.array(z.strictObject({ path: text(200), bytes: count, sha256 })),
});

export type ShareManifest = z.infer<typeof manifestSchema>;
export type ShareData = z.infer<typeof dataSchema>;
type SharedAttempt = z.infer<typeof attemptSchema>;

const MANIFEST = 'manifest.json';
const DATA = 'data.json';
const audioPath = (attemptUid: string) => `audio/${attemptUid}.wav`;
const teacherPath = (referenceUid: string) => `teacher/${referenceUid}.wav`;

// ---------------------------------------------------------------------------------------------
// Export

/** SHA-256 as lower-case hex (Web Crypto, in browsers and Node). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Zip overhead per entry, at least: local header (30) + central directory record (46). */
const ZIP_ENTRY_OVERHEAD_BYTES = 76;

/**
 * Builds the archive of the chosen learners (or everything, teacher references included) as a zip
 * Blob. Throws `ShareError` TOO_LARGE (before building it) when the importer's limits would refuse it.
 */
export async function exportArchive(db: SotaqueDb, scope: ExportScope, options: { readonly now?: number; readonly limits?: Partial<ShareLimits> } = {}): Promise<Blob> {
  const now = options.now ?? Date.now();
  const limits = { ...DEFAULT_SHARE_LIMITS, ...options.limits };
  const { data, audio } = await db.transaction('r', [db.learners, db.sessions, db.attempts, db.attemptAudio, db.reviews, db.teacherReferences], async () => {
    const wanted = scope === 'all' ? [] : [...new Set(scope.learnerIds)];
    const learners = scope === 'all' ? await db.learners.toArray() : (await db.learners.bulkGet(wanted)).filter((r): r is LearnerRow => r !== undefined);
    if (scope !== 'all' && learners.length !== wanted.length) {
      throw new ShareError('INVALID_DATA', `Cannot export: ${wanted.length - learners.length} of the chosen learners no longer exist on this device.`);
    }
    const learnerIds = learners.map((l) => l.id as number);
    const learnerUid = new Map(learners.map((l) => [l.id as number, l.uid]));
    const sessions = await db.sessions.where('learnerId').anyOf(learnerIds).toArray();
    const sessionUid = new Map(sessions.map((s) => [s.id as number, s.uid]));
    const attempts = await db.attempts.where('learnerId').anyOf(learnerIds).toArray();
    attempts.sort((a, b) => a.createdAt - b.createdAt || (a.id as number) - (b.id as number));
    const attemptIds = attempts.map((a) => a.id as number);
    const audioRows = await db.attemptAudio.bulkGet(attemptIds);
    const reviews = (await db.reviews.bulkGet(attemptIds)).filter((r): r is ReviewRow => r !== undefined);
    const attemptUid = new Map(attempts.map((a) => [a.id as number, a.uid]));
    const references = scope === 'all' ? await db.teacherReferences.toArray() : [];
    const audio = new Map<string, Blob>();
    const shared: ShareData = {
      learners: learners.map((l) => ({ uid: l.uid, name: l.name, language: l.language, createdAt: l.createdAt })),
      sessions: sessions.map((s) => ({ uid: s.uid, learnerUid: learnerUid.get(s.learnerId) as string, startedAt: s.startedAt, lastAt: s.lastAt })),
      attempts: attempts.map((a, i) => {
        const blob = audioRows[i]?.audio;
        if (blob) audio.set(audioPath(a.uid), blob);
        return {
          uid: a.uid,
          learnerUid: learnerUid.get(a.learnerId) as string,
          sessionUid: a.sessionId === null ? null : (sessionUid.get(a.sessionId) ?? null),
          itemId: a.itemId,
          pattern: a.pattern,
          text: a.text,
          createdAt: a.createdAt,
          status: a.status,
          durationSeconds: a.durationSeconds,
          sampleRateHz: a.sampleRateHz,
          result: a.result as SharedAttempt['result'],
          error: a.error,
          modelVersion: a.modelVersion,
          audio: blob ? audioPath(a.uid) : null,
          ...(a.refusal !== undefined ? { refusal: a.refusal } : {}),
        };
      }),
      reviews: reviews.map((r) => ({ attemptUid: attemptUid.get(r.attemptId) as string, overrides: r.overrides.map((o) => ({ ...o })), note: r.note, updatedAt: r.updatedAt })),
      teacherReferences: references.map((t) => {
        audio.set(teacherPath(t.uid), t.audio);
        return { uid: t.uid, itemId: t.itemId, text: t.text, createdAt: t.createdAt, durationSeconds: t.durationSeconds, sampleRateHz: t.sampleRateHz, audio: teacherPath(t.uid) };
      }),
    };
    return { data: shared, audio };
  });

  // What leaves the device must be importable: check it against the same schema the importer uses.
  const valid = dataSchema.safeParse(data);
  if (!valid.success) throw invalid(`Cannot export: ${describeIssues(valid.error, DATA)}`);
  const files: Zippable = {};
  const entries: ShareManifest['entries'] = [];
  const dataBytes = encodeJson(data);
  entries.push({ path: DATA, bytes: dataBytes.length, sha256: await sha256Hex(dataBytes) });
  const audioFiles: Zippable = {};
  const blobs = [...audio.values()];
  // Checked before building (audio alone is a lower bound of the size), and again on the result.
  const tooLarge = (bytes: number) =>
    new ShareError('TOO_LARGE', `Cannot export: the file would hold at least ${bytes} bytes in ${blobs.length + 2} files, more than an import accepts (${limits.maxArchiveBytes} bytes, ${limits.maxEntries} files). Export fewer learners at a time.`, {
      bytes,
      limit: limits.maxArchiveBytes,
    });
  const leastBytes = blobs.reduce((sum, b) => sum + b.size, 0) + (blobs.length + 2) * ZIP_ENTRY_OVERHEAD_BYTES;
  if (leastBytes > limits.maxArchiveBytes || blobs.length + 2 > limits.maxEntries || dataBytes.length > limits.maxJsonBytes || blobs.some((b) => b.size > limits.maxAudioBytes)) {
    throw tooLarge(leastBytes);
  }
  for (const [path, blob] of audio) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    entries.push({ path, bytes: bytes.length, sha256: await sha256Hex(bytes) });
    audioFiles[path] = [bytes, { level: 0 }];
  }
  const manifest: ShareManifest = {
    format: SHARE_FORMAT,
    formatVersion: SHARE_FORMAT_VERSION,
    app: { name: 'sotaque', version: APP_VERSION },
    schemaVersion: SCHEMA_VERSION,
    createdAt: now,
    scope: scope === 'all' ? 'all' : 'learners',
    counts: {
      learners: data.learners.length,
      sessions: data.sessions.length,
      attempts: data.attempts.length,
      reviews: data.reviews.length,
      teacherReferences: data.teacherReferences.length,
      audio: audio.size,
    },
    entries,
  };
  files[MANIFEST] = [encodeJson(manifest), { level: 6 }];
  files[DATA] = [dataBytes, { level: 6 }];
  Object.assign(files, audioFiles);
  const zipped = zipSync(files, { mtime: new Date(now) });
  if (zipped.length > limits.maxArchiveBytes) throw tooLarge(zipped.length);
  return new Blob([zipped], { type: 'application/zip' });
}

/** `sotaque-<name>-<yyyy-mm-dd>.zip`, the name reduced to safe file-name characters. */
export function archiveFileName(name: string, date: Date): string {
  const slug =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'learner';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `sotaque-${slug}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}

// ---------------------------------------------------------------------------------------------
// Import: validation

/** A validated archive, ready to merge: the data and every WAV file's bytes. */
interface CheckedArchive {
  readonly manifest: ShareManifest;
  readonly data: ShareData;
  readonly audio: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
  readonly decoded: ReadonlyMap<string, DecodedWav>;
}

function invalid(message: string, details: Record<string, unknown> = {}): ShareError {
  return new ShareError('INVALID_DATA', message, details);
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid(`"${name}" is not valid JSON text.`, { name });
  }
}

function describeIssues(error: z.ZodError, name: string): string {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return `"${name}" does not follow the format: ${first.join('; ')}${error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ''}.`;
}

function readManifest(archive: Uint8Array<ArrayBuffer>, entries: ReadonlyMap<string, ZipEntry>, limits: ShareLimits): ShareManifest {
  const entry = entries.get(MANIFEST);
  if (!entry) throw new ShareError('FOREIGN_ARCHIVE', `This zip archive was not made by Sotaque: it has no "${MANIFEST}".`, { entries: entries.size });
  const raw = parseJson(readZipEntry(archive, entry, Math.min(limits.maxJsonBytes, 8 * 1024 * 1024)), MANIFEST);
  const head = z.looseObject({ format: z.unknown(), formatVersion: z.unknown() }).safeParse(raw);
  if (!head.success || head.data.format !== SHARE_FORMAT) {
    throw new ShareError('FOREIGN_ARCHIVE', `This zip archive was not made by Sotaque: its manifest's format is ${JSON.stringify(head.success ? head.data.format : null)}, "${SHARE_FORMAT}" was expected.`);
  }
  const version = head.data.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > SHARE_FORMAT_VERSION) {
    throw new ShareError('NEWER_VERSION', `This archive has format version ${version}; this app reads version ${SHARE_FORMAT_VERSION}. Update the app, then import it again.`, {
      found: version,
      supported: SHARE_FORMAT_VERSION,
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw invalid(describeIssues(parsed.error, MANIFEST));
  return parsed.data;
}

/** References between rows resolve, uids are unique, counts and files agree with the manifest. */
function checkReferences(data: ShareData, manifest: ShareManifest): void {
  const unique = (kind: string, uids: string[]) => {
    const seen = new Set<string>();
    for (const u of uids) {
      if (seen.has(u)) throw invalid(`Two ${kind} share the uid "${u}".`, { kind, uid: u });
      seen.add(u);
    }
    return seen;
  };
  const learners = unique('learners', data.learners.map((l) => l.uid));
  const sessions = new Map(data.sessions.map((s) => [s.uid, s]));
  unique('sessions', data.sessions.map((s) => s.uid));
  const attempts = unique('attempts', data.attempts.map((a) => a.uid));
  unique('reviews', data.reviews.map((r) => r.attemptUid));
  unique('teacher references', data.teacherReferences.map((t) => t.uid));
  for (const s of data.sessions) if (!learners.has(s.learnerUid)) throw invalid(`Session "${s.uid}" belongs to a learner who is not in the archive.`, { uid: s.uid });
  for (const a of data.attempts) {
    if (!learners.has(a.learnerUid)) throw invalid(`Attempt "${a.uid}" belongs to a learner who is not in the archive.`, { uid: a.uid });
    if (a.sessionUid !== null) {
      const session = sessions.get(a.sessionUid);
      if (!session || session.learnerUid !== a.learnerUid) throw invalid(`Attempt "${a.uid}" names a session that is not its learner's.`, { uid: a.uid });
    }
    if (a.audio !== null && a.audio !== audioPath(a.uid)) throw invalid(`Attempt "${a.uid}" names the audio file "${a.audio}", expected "${audioPath(a.uid)}".`, { uid: a.uid });
  }
  for (const r of data.reviews) if (!attempts.has(r.attemptUid)) throw invalid(`A review names attempt "${r.attemptUid}", which is not in the archive.`, { uid: r.attemptUid });
  for (const t of data.teacherReferences) {
    if (t.audio !== teacherPath(t.uid)) throw invalid(`Teacher reference "${t.uid}" names the audio file "${t.audio}", expected "${teacherPath(t.uid)}".`, { uid: t.uid });
  }
  const audioPaths = [...data.attempts.flatMap((a) => (a.audio === null ? [] : [a.audio])), ...data.teacherReferences.map((t) => t.audio)];
  const expected: Record<keyof ShareManifest['counts'], number> = {
    learners: data.learners.length,
    sessions: data.sessions.length,
    attempts: data.attempts.length,
    reviews: data.reviews.length,
    teacherReferences: data.teacherReferences.length,
    audio: audioPaths.length,
  };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (manifest.counts[key] !== expected[key]) throw invalid(`The manifest counts ${manifest.counts[key]} ${key}, the data holds ${expected[key]}.`, { key });
  }
  const listed = new Set(manifest.entries.map((e) => e.path));
  for (const path of audioPaths) if (!listed.has(path)) throw invalid(`The audio file "${path}" is not listed in the manifest.`, { path });
  if (listed.size !== audioPaths.length + 1) throw invalid('The manifest lists files the data does not use.');
}

/** Validates the whole archive without touching the database; throws `ShareError`. */
async function checkArchive(bytes: Uint8Array<ArrayBuffer>, limits: ShareLimits): Promise<CheckedArchive> {
  if (bytes.length > limits.maxArchiveBytes) {
    throw new ShareError('TOO_LARGE', `The file holds ${bytes.length} bytes; at most ${limits.maxArchiveBytes} are accepted.`, { bytes: bytes.length, limit: limits.maxArchiveBytes });
  }
  const entries = readZipDirectory(bytes, limits);
  const manifest = readManifest(bytes, entries, limits);

  const described = new Map(manifest.entries.map((e) => [e.path, e]));
  if (described.size !== manifest.entries.length) throw invalid('The manifest lists a file twice.');
  if (!described.has(DATA)) throw invalid(`The manifest does not list "${DATA}".`);
  for (const name of entries.keys()) {
    if (name !== MANIFEST && !described.has(name)) throw invalid(`The archive holds "${name}", which its manifest does not list.`, { name });
  }
  for (const e of manifest.entries) {
    const entry = entries.get(e.path);
    if (!entry) throw new ShareError('CORRUPT_ENTRY', `The archive is missing "${e.path}", which its manifest lists.`, { name: e.path });
    if (entry.bytes !== e.bytes) throw new ShareError('CORRUPT_ENTRY', `"${e.path}" holds ${entry.bytes} bytes; the manifest says ${e.bytes}.`, { name: e.path });
  }

  const read = async (path: string, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> => {
    const out = readZipEntry(bytes, entries.get(path) as ZipEntry, maxBytes);
    if ((await sha256Hex(out)) !== described.get(path)?.sha256) throw new ShareError('CORRUPT_ENTRY', `"${path}" is damaged: its SHA-256 does not match the manifest.`, { name: path });
    return out;
  };

  const parsed = dataSchema.safeParse(parseJson(await read(DATA, limits.maxJsonBytes), DATA));
  if (!parsed.success) throw invalid(describeIssues(parsed.error, DATA));
  const data = parsed.data;
  checkReferences(data, manifest);

  const audio = new Map<string, Uint8Array<ArrayBuffer>>();
  const decoded = new Map<string, DecodedWav>();
  const rates = new Map<string, number>([...data.attempts.flatMap((a) => (a.audio === null ? [] : [[a.audio, a.sampleRateHz] as const])), ...data.teacherReferences.map((t) => [t.audio, t.sampleRateHz] as const)]);
  for (const [path, rateHz] of rates) {
    const wav = await read(path, limits.maxAudioBytes);
    let d: DecodedWav;
    try {
      d = decodeWav(wav);
    } catch (error) {
      throw new ShareError('AUDIO_UNREADABLE', `"${path}" is not a readable WAV file: ${(error as Error).message}`, { name: path });
    }
    if (d.sampleRateHz !== rateHz) throw invalid(`"${path}" is sampled at ${d.sampleRateHz} Hz; its row says ${rateHz} Hz.`, { name: path });
    audio.set(path, wav);
    if (path.startsWith('teacher/')) decoded.set(path, d);
  }
  return { manifest, data, audio, decoded };
}

/** A teacher reference's 16 kHz samples, silence-trimmed, as the overlay and fine-tuning read them. */
export function teacherSamples16k(wav: DecodedWav): Float32Array {
  const samples = resampleTo16k(wav.samples, wav.sampleRateHz);
  const trim = trimSilence(samples);
  return samples.slice(trim.start, trim.end);
}

async function readInput(file: Blob | ArrayBuffer | Uint8Array, limits: ShareLimits): Promise<Uint8Array<ArrayBuffer>> {
  const size = file instanceof Blob ? file.size : file.byteLength;
  if (size > limits.maxArchiveBytes) throw new ShareError('TOO_LARGE', `The file holds ${size} bytes; at most ${limits.maxArchiveBytes} are accepted.`, { bytes: size, limit: limits.maxArchiveBytes });
  if (file instanceof Blob) return new Uint8Array(await file.arrayBuffer());
  const copy = new Uint8Array(file.byteLength);
  copy.set(file instanceof Uint8Array ? file : new Uint8Array(file));
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Import: merge

/**
 * Adds each row whose uid the database does not hold yet (`find` looks it up, `add` writes it and
 * returns its local id); maps every uid, new or already there, to its local id.
 */
async function mergeByUid<T extends { readonly uid: string }>(
  rows: readonly T[],
  find: (uid: string) => Promise<{ readonly id?: number } | undefined>,
  add: (row: T) => Promise<number>,
): Promise<{ ids: Map<string, number>; added: number; skipped: number }> {
  const ids = new Map<string, number>();
  let added = 0;
  let skipped = 0;
  for (const row of rows) {
    const existing = await find(row.uid);
    if (existing) {
      ids.set(row.uid, existing.id as number);
      skipped++;
    } else {
      ids.set(row.uid, await add(row));
      added++;
    }
  }
  return { ids, added, skipped };
}

/**
 * Imports an archive: validates all of it first, then merges it in one transaction. Throws
 * `ShareError` (the database is unchanged) when the file is refused.
 */
export async function importArchive(db: SotaqueDb, file: Blob | ArrayBuffer | Uint8Array, options: { readonly limits?: Partial<ShareLimits> } = {}): Promise<ImportSummary> {
  const limits = { ...DEFAULT_SHARE_LIMITS, ...options.limits };
  const bytes = await readInput(file, limits);
  const { data, audio, decoded } = await checkArchive(bytes, limits);
  const samples16k = new Map([...decoded].map(([path, wav]) => [path, teacherSamples16k(wav)]));

  try {
    return await db.transaction('rw', [db.learners, db.sessions, db.attempts, db.attemptAudio, db.reviews, db.teacherReferences], async () => {
      const learners = await mergeByUid(
        data.learners,
        (uid) => db.learners.where('uid').equals(uid).first(),
        async (l) => (await db.learners.add({ ...l } satisfies LearnerRow)) as number,
      );
      const sessions = await mergeByUid(
        data.sessions,
        (uid) => db.sessions.where('uid').equals(uid).first(),
        async (s) => (await db.sessions.add({ uid: s.uid, learnerId: learners.ids.get(s.learnerUid) as number, startedAt: s.startedAt, lastAt: s.lastAt } satisfies SessionRow)) as number,
      );
      const attempts = await mergeByUid(
        data.attempts,
        (uid) => db.attempts.where('uid').equals(uid).first(),
        async (a) => {
          const row: AttemptRow = {
            uid: a.uid,
            learnerId: learners.ids.get(a.learnerUid) as number,
            sessionId: a.sessionUid === null ? null : (sessions.ids.get(a.sessionUid) as number),
            itemId: a.itemId,
            pattern: a.pattern,
            text: a.text,
            createdAt: a.createdAt,
            status: a.status,
            durationSeconds: a.durationSeconds,
            sampleRateHz: a.sampleRateHz,
            result: a.result as AttemptRow['result'],
            error: a.error,
            modelVersion: a.modelVersion,
            // Present exactly when it was on the exporting device (rows from before v3 have none).
            ...(a.refusal !== undefined ? { refusal: a.refusal } : {}),
          };
          const id = (await db.attempts.add(row)) as number;
          if (a.audio !== null) await db.attemptAudio.add({ attemptId: id, audio: new Blob([audio.get(a.audio) as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }) });
          return id;
        },
      );
      let skipped = learners.skipped + sessions.skipped + attempts.skipped;
      const attemptIds = attempts.ids;
      let reviewsWritten = 0;
      for (const r of data.reviews) {
        const attemptId = attemptIds.get(r.attemptUid) as number;
        const existing = await db.reviews.get(attemptId);
        if (existing && existing.updatedAt >= r.updatedAt) {
          skipped++;
          continue;
        }
        await db.reviews.put({ attemptId, overrides: r.overrides, note: r.note, updatedAt: r.updatedAt } satisfies ReviewRow);
        reviewsWritten++;
      }
      const references = await mergeByUid(
        data.teacherReferences,
        (uid) => db.teacherReferences.where('uid').equals(uid).first(),
        async (t) =>
          (await db.teacherReferences.add({
            uid: t.uid,
            itemId: t.itemId,
            text: t.text,
            createdAt: t.createdAt,
            durationSeconds: t.durationSeconds,
            sampleRateHz: t.sampleRateHz,
            audio: new Blob([audio.get(t.audio) as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }),
            samples16k: samples16k.get(t.audio) as Float32Array,
          } satisfies TeacherReferenceRow)) as number,
      );
      skipped += references.skipped;
      return { learners: learners.added, sessions: sessions.added, attempts: attempts.added, reviews: reviewsWritten, teacherReferences: references.added, skippedDuplicates: skipped };
    });
  } catch (error) {
    if (error instanceof ShareError) throw error;
    throw new ShareError('WRITE_FAILED', `The archive is valid but could not be stored on this device (nothing was changed): ${(error as Error).message}`, { cause: String(error) });
  }
}
