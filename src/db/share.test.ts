import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssessResult } from '../assess';
import { decodeWav, encodeWav } from '../audio/wav';
import { completeAttempt, ensureLearner, saveAttempt } from './attempts';
import { newUid, SotaqueDb } from './schema';
import { archiveFileName, exportArchive, importArchive, sha256Hex, SHARE_FORMAT, ShareError, teacherSamples16k, type ShareLimits, type ShareManifest } from './share';
import { readZipDirectory } from './shareZip';
import { testDatabases } from './testDb';

const openDb = testDatabases('share');
afterEach(() => {
  vi.restoreAllMocks();
});

/** A WAV file of a sine (distinct per seed, so every attempt's audio differs). */
function wav(seconds: number, rateHz: number, seed: number): Uint8Array<ArrayBuffer> {
  const samples = new Float32Array(Math.round(seconds * rateHz));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * (200 + 37 * seed) * i) / rateHz) * (i > rateHz * 0.2 && i < samples.length - rateHz * 0.2 ? 1 : 0.001);
  return encodeWav(samples, rateHz);
}
const wavBlob = (seconds: number, rateHz: number, seed: number) => new Blob([wav(seconds, rateHz, seed)], { type: 'audio/wav' });

const result = (score: number): AssessResult => ({
  id: 'a',
  text: 'three',
  score,
  warnings: ['quiet'],
  words: [{ word: 'three', score, phones: [{ phone: 'TH', start: 0.4, end: 0.5, score: 18, verdict: 'mispronounced', heard: 'T' }] }],
});

/** A device with one learner per name, `perLearner` attempts each (the first assessed and reviewed), and a teacher reference. */
async function seedDevice(db: SotaqueDb, names: string[], perLearner = 3, seconds = 0.5, t0 = 1_700_000_000_000): Promise<void> {
  let seed = Math.floor(Math.random() * 1000);
  for (const [n, name] of names.entries()) {
    const learnerId = (await db.learners.add({ uid: newUid(), name, language: n % 2 ? 'en' : 'pt-BR', createdAt: t0 + n })) as number;
    for (let i = 0; i < perLearner; i++) {
      const id = await saveAttempt(db, { learnerId, itemId: `th-w-${i}`, pattern: i % 2 ? null : 'TH', text: 'three', durationSeconds: seconds, sampleRateHz: 16_000, audio: wavBlob(seconds, 16_000, seed++), createdAt: t0 + n * 1e7 + i * 60_000 * (i === 2 ? 40 : 1) });
      if (i === 0) {
        await completeAttempt(db, id, result(40 + n), 'v7');
        await db.reviews.put({ attemptId: id, overrides: [{ word: 0, phone: 0, verdict: n % 2 ? 'ok' : 'mispronounced', ...(n % 2 ? {} : { heard: 'F' as const }) }], note: `Bom, ${name}!`, updatedAt: t0 + 5 });
      }
      if (i === 1 && n % 2) await db.attempts.update(id, { status: 'failed', error: { code: 'MODEL_UNAVAILABLE', message: 'no model' } });
      // A refused take travels with its reason.
      if (i === 1 && !(n % 2)) await db.attempts.update(id, { status: 'refused', refusal: { reason: 'too-long', speechSeconds: 9.5 } });
    }
  }
  const decoded = decodeWav(wav(1, 22_050, seed++));
  await db.teacherReferences.add({ uid: newUid(), itemId: 'th-w-three', text: 'three', createdAt: t0, durationSeconds: 1, sampleRateHz: 22_050, audio: wavBlob(1, 22_050, seed - 1), samples16k: teacherSamples16k(decoded) });
}

/** Everything sharing carries, with local ids replaced by uids and audio as bytes (comparable across devices). */
async function dump(db: SotaqueDb) {
  const learners = await db.learners.toArray();
  const sessions = await db.sessions.toArray();
  const attempts = await db.attempts.toArray();
  const lUid = new Map(learners.map((l) => [l.id, l.uid]));
  const sUid = new Map(sessions.map((s) => [s.id, s.uid]));
  const aUid = new Map(attempts.map((a) => [a.id, a.uid]));
  const byUid = <T extends { uid: string }>(rows: T[]) => rows.sort((a, b) => a.uid.localeCompare(b.uid));
  const bytes = async (blob: Blob | undefined) => (blob ? new Uint8Array(await blob.arrayBuffer()) : null);
  return {
    learners: byUid(learners.map(({ id: _id, ...l }) => l)),
    sessions: byUid(sessions.map(({ id: _id, learnerId, ...s }) => ({ ...s, learner: lUid.get(learnerId) }))),
    attempts: byUid(
      await Promise.all(
        attempts.map(async ({ id, learnerId, sessionId, ...a }) => ({ ...a, learner: lUid.get(learnerId), session: sessionId === null ? null : sUid.get(sessionId), audio: await bytes((await db.attemptAudio.get(id as number))?.audio) })),
      ),
    ),
    reviews: (await db.reviews.toArray()).map(({ attemptId, ...r }) => ({ ...r, attempt: aUid.get(attemptId) })).sort((a, b) => String(a.attempt).localeCompare(String(b.attempt))),
    teacherReferences: byUid(await Promise.all((await db.teacherReferences.toArray()).map(async ({ id: _id, audio, ...t }) => ({ ...t, audio: await bytes(audio) })))),
  };
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Unpacks an archive, lets `change` edit its files, and zips it again with the manifest's sizes and hashes recomputed. */
async function rebuild(archive: Blob, change: (files: Record<string, Uint8Array>, manifest: ShareManifest, data: Record<string, unknown[]>) => void, options: { rehash?: boolean } = {}): Promise<Uint8Array> {
  const files = unzipSync(await bytesOf(archive));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ShareManifest;
  const data = JSON.parse(new TextDecoder().decode(files['data.json'])) as Record<string, unknown[]>;
  files['data.json'] = strToU8(JSON.stringify(data));
  change(files, manifest, data);
  files['data.json'] ??= strToU8(JSON.stringify(data));
  if (options.rehash !== false) {
    for (const entry of manifest.entries) {
      const file = files[entry.path];
      if (!file) continue;
      const copy = new Uint8Array(file);
      entry.bytes = copy.length;
      entry.sha256 = await sha256Hex(copy);
    }
  }
  files['manifest.json'] = strToU8(JSON.stringify(manifest));
  const zippable: Zippable = {};
  for (const [name, file] of Object.entries(files)) zippable[name] = [file, { level: name.endsWith('.wav') ? 0 : 6 }];
  return zipSync(zippable);
}
const setData = (files: Record<string, Uint8Array>, data: unknown) => (files['data.json'] = strToU8(JSON.stringify(data)));

/** Expects `importArchive` to refuse with `code` and the database to be exactly as before. */
async function expectRefused(db: SotaqueDb, file: Blob | Uint8Array, code: string, limits?: Partial<ShareLimits>): Promise<ShareError> {
  const before = await dump(db);
  const error = await importArchive(db, file, { limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareError);
  expect((error as ShareError).code).toBe(code);
  expect((error as ShareError).message.length).toBeGreaterThan(20);
  expect(await dump(db)).toEqual(before);
  return error as ShareError;
}

describe('share: export and import', () => {
  it('round-trips everything into an empty device: equal rows, byte-identical audio; importing again changes nothing', async () => {
    const a = openDb();
    await seedDevice(a, ['Ana', 'Bia']);
    const archive = await exportArchive(a, 'all', { now: 1_700_000_123_000 });
    expect(archive.type).toBe('application/zip');

    const b = openDb();
    const summary = await importArchive(b, archive);
    expect(summary).toEqual({ learners: 2, sessions: 4, attempts: 6, reviews: 2, teacherReferences: 1, skippedDuplicates: 0 });
    const original = await dump(a);
    expect(await dump(b)).toEqual(original);
    expect(original.attempts.every((x) => x.audio && x.audio.length > 1000)).toBe(true);

    expect(await importArchive(b, archive)).toEqual({ learners: 0, sessions: 0, attempts: 0, reviews: 0, teacherReferences: 0, skippedDuplicates: 15 });
    expect(await dump(b)).toEqual(original);
    // Importing a device's own export into itself is a no-op too.
    expect((await importArchive(a, archive)).attempts).toBe(0);
    expect(await dump(a)).toEqual(original);
  });

  it('writes the manifest (format, version, counts, sizes and SHA-256 of each file) and stores the WAV files uncompressed', async () => {
    const db = openDb();
    await seedDevice(db, ['Ana']);
    const archive = await bytesOf(await exportArchive(db, 'all', { now: 1_700_000_123_000 }));
    const files = unzipSync(archive);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ShareManifest;
    expect(manifest).toMatchObject({ format: SHARE_FORMAT, formatVersion: 1, app: { name: 'sotaque' }, schemaVersion: 2, createdAt: 1_700_000_123_000, scope: 'all' });
    expect(manifest.counts).toEqual({ learners: 1, sessions: 2, attempts: 3, reviews: 1, teacherReferences: 1, audio: 4 });
    const attempts = await db.attempts.toArray();
    for (const attempt of attempts) {
      const entry = manifest.entries.find((e) => e.path === `audio/${attempt.uid}.wav`);
      const stored = await bytesOf((await db.attemptAudio.get(attempt.id as number))!.audio);
      expect(entry).toEqual({ path: `audio/${attempt.uid}.wav`, bytes: stored.length, sha256: await sha256Hex(stored) });
      expect(files[entry!.path]).toEqual(stored);
    }
    const directory = readZipDirectory(archive, { maxEntries: 100, maxTotalBytes: 1e9 });
    for (const [name, entry] of directory) expect(entry.method).toBe(name.endsWith('.wav') ? 0 : 8);
    // Rows are keyed by uid; no local numeric ids travel.
    const data = JSON.parse(new TextDecoder().decode(files['data.json'])) as { attempts: Record<string, unknown>[] };
    expect(Object.keys(data.attempts[0])).not.toContain('learnerId');
    expect(Object.keys(data.attempts[0])).not.toContain('id');
    expect(data.attempts[0].learnerUid).toBe((await db.learners.toArray())[0].uid);
  });

  it('exports one learner with their sessions, attempts and reviews only (no teacher references)', async () => {
    const db = openDb();
    await seedDevice(db, ['Ana', 'Bia']);
    const bia = (await db.learners.toArray()).find((l) => l.name === 'Bia')!;
    const other = openDb();
    expect(await importArchive(other, await exportArchive(db, { learnerIds: [bia.id!] }))).toEqual({ learners: 1, sessions: 2, attempts: 3, reviews: 1, teacherReferences: 0, skippedDuplicates: 0 });
    const full = await dump(db);
    const got = await dump(other);
    expect(got.learners).toEqual([full.learners.find((l) => l.name === 'Bia')]);
    expect(got.attempts).toEqual(full.attempts.filter((a) => a.learner === bia.uid));
    expect(got.teacherReferences).toEqual([]);
    await expect(exportArchive(db, { learnerIds: [999] })).rejects.toMatchObject({ code: 'INVALID_DATA' });
    // Naming a learner twice exports them once.
    expect((await importArchive(openDb(), await exportArchive(db, { learnerIds: [bia.id!, bia.id!] }))).learners).toBe(1);
  });

  it('refuses to build a file that an import would refuse as too large', async () => {
    const db = openDb();
    await seedDevice(db, ['Ana']);
    const now = 1_700_000_999_000;
    const size = (await exportArchive(db, 'all', { now })).size;
    await expect(exportArchive(db, 'all', { now, limits: { maxArchiveBytes: size - 1 } })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(exportArchive(db, 'all', { now, limits: { maxEntries: 5 } })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(exportArchive(db, 'all', { now, limits: { maxArchiveBytes: size - 6000 } })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect((await exportArchive(db, 'all', { now, limits: { maxArchiveBytes: size } })).size).toBe(size);
  });

  it('refuses to export rows that the importer would refuse, naming the field', async () => {
    const db = openDb();
    await seedDevice(db, ['Ana']);
    await db.learners.toCollection().modify({ name: 'x'.repeat(300) });
    await expect(exportArchive(db, 'all')).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringContaining('learners.0.name') });
  });

  it('merging two devices’ exports gives the union; a review’s newer edit wins, an older one is skipped', async () => {
    const phone1 = openDb();
    const phone2 = openDb();
    await seedDevice(phone1, ['Ana']);
    await seedDevice(phone2, ['Bia', 'Caio']);
    const from1 = await exportArchive(phone1, 'all');
    const from2 = await exportArchive(phone2, 'all');
    const teacher = openDb();
    await importArchive(teacher, from1);
    await importArchive(teacher, from2);
    const [d1, d2, dt] = [await dump(phone1), await dump(phone2), await dump(teacher)];
    for (const key of ['learners', 'sessions', 'attempts', 'teacherReferences'] as const) {
      expect(dt[key]).toEqual([...d1[key], ...d2[key]].sort((x, y) => x.uid.localeCompare(y.uid)));
    }
    expect(dt.reviews).toHaveLength(d1.reviews.length + d2.reviews.length);

    // The teacher edits Ana's review; phone 1 imports it (newer wins), then phone 1's older file again (skipped).
    const anaAttempt = (await teacher.attempts.toArray()).find((a) => a.uid === d1.reviews[0].attempt)!;
    await teacher.reviews.put({ attemptId: anaAttempt.id!, overrides: [], note: 'Revisto', updatedAt: Date.now() });
    const summary = await importArchive(phone1, await exportArchive(teacher, 'all'));
    expect(summary).toMatchObject({ learners: 2, attempts: 6, reviews: 1 + 2 });
    expect((await phone1.reviews.toArray()).find((r) => r.note === 'Revisto')).toBeTruthy();
    expect((await importArchive(phone1, from1)).reviews).toBe(0);
    expect((await phone1.reviews.toArray()).some((r) => r.note === 'Revisto')).toBe(true);
    expect(await dump(phone1)).toEqual(await dump(teacher));
  });

  it('names the file sotaque-<name>-<date>.zip', () => {
    expect(archiveFileName('João Conceição', new Date(2026, 10, 24))).toBe('sotaque-joao-conceicao-2026-11-24.zip');
    expect(archiveFileName('???', new Date(2026, 0, 2))).toBe('sotaque-learner-2026-01-02.zip');
  });
});

describe('share: refusals leave the database unchanged', () => {
  async function setup() {
    const source = openDb();
    await seedDevice(source, ['Ana']);
    const archive = await exportArchive(source, 'all');
    const target = openDb();
    await seedDevice(target, ['Zé'], 2);
    return { archive, target, bytes: await bytesOf(archive) };
  }

  it('refuses files that are not zip archives (a PNG, an empty file, text)', async () => {
    const { target } = await setup();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect((await expectRefused(target, new Blob([png], { type: 'image/png' }), 'NOT_AN_ARCHIVE')).message).toContain('PNG');
    await expectRefused(target, new Uint8Array(0), 'NOT_AN_ARCHIVE');
    await expectRefused(target, strToU8('hello, this is not a zip'), 'NOT_AN_ARCHIVE');
  });

  it('refuses a truncated archive', async () => {
    const { target, bytes } = await setup();
    await expectRefused(target, bytes.slice(0, Math.floor(bytes.length / 2)), 'TRUNCATED');
    await expectRefused(target, bytes.slice(0, bytes.length - 1), 'TRUNCATED');
  });

  it('refuses a foreign zip (no manifest, or another format) and a newer format version with "update the app"', async () => {
    const { target, archive } = await setup();
    await expectRefused(target, zipSync({ 'notes.txt': strToU8('hello'), 'photo.jpg': new Uint8Array([0xff, 0xd8]) }), 'FOREIGN_ARCHIVE');
    await expectRefused(target, zipSync({ 'manifest.json': strToU8('{"format":"other-app","formatVersion":1}') }), 'FOREIGN_ARCHIVE');
    const newer = await rebuild(archive, (_files, manifest) => {
      (manifest as { formatVersion: number }).formatVersion = 2;
    });
    const error = await expectRefused(target, newer, 'NEWER_VERSION');
    expect(error.message).toMatch(/Update the app/);
    expect(error.details).toEqual({ found: 2, supported: 1 });
  });

  it('refuses data that breaks the schema, the text limits or the references between rows', async () => {
    const { target, archive } = await setup();
    const cases: ((files: Record<string, Uint8Array>, manifest: ShareManifest, data: Record<string, unknown[]>) => void)[] = [
      (_f, manifest) => delete (manifest as Partial<ShareManifest>).counts,
      (files, _m, data) => setData(files, { ...data, learners: [{ ...(data.learners[0] as object), name: 'x'.repeat(101) }] }),
      (files, _m, data) => setData(files, { ...data, attempts: data.attempts.map((a) => ({ ...(a as object), learnerUid: 'nobody' })) }),
      (files, _m, data) => setData(files, { ...data, reviews: [{ ...(data.reviews[0] as object), attemptUid: 'gone' }] }),
      (files, _m, data) => setData(files, { ...data, attempts: data.attempts.map((a) => ({ ...(a as object), uid: '../../evil' })) }),
      (files) => (files['data.json'] = strToU8('{"learners": [')),
      (files) => (files['extra.bin'] = new Uint8Array(4)),
      (_f, manifest) => (manifest.counts.attempts += 1),
    ];
    for (const change of cases) await expectRefused(target, await rebuild(archive, change), 'INVALID_DATA');
  });

  it('refuses missing, damaged or unreadable audio', async () => {
    const { target, archive, bytes } = await setup();
    const firstAudio = (files: Record<string, Uint8Array>) => Object.keys(files).find((n) => n.startsWith('audio/'))!;
    // An audio file the manifest lists is missing.
    await expectRefused(target, await rebuild(archive, (files) => delete files[firstAudio(files)]), 'CORRUPT_ENTRY');
    // Same size, one sample changed: the zip's CRC is right (rezipped) but the manifest's SHA-256 is not.
    await expectRefused(
      target,
      await rebuild(archive, (files) => (files[firstAudio(files)][100] ^= 1), { rehash: false }),
      'CORRUPT_ENTRY',
    );
    // A flipped byte inside the stored WAV: the zip's CRC-32 catches it.
    const flipped = bytes.slice();
    const entry = [...readZipDirectory(bytes, { maxEntries: 100, maxTotalBytes: 1e9 }).values()].find((e) => e.name.startsWith('audio/'))!;
    flipped[entry.dataOffset + 200] ^= 0xff;
    await expectRefused(target, flipped, 'CORRUPT_ENTRY');
    // Not a WAV at all (hashes made to match).
    await expectRefused(target, await rebuild(archive, (files) => (files[firstAudio(files)] = strToU8('ID3 not a wav file at all'))), 'AUDIO_UNREADABLE');
  });

  it('refuses archives over the limits, checking declared sizes before inflating (zip bombs)', async () => {
    const { target, archive, bytes } = await setup();
    await expectRefused(target, bytes, 'TOO_LARGE', { maxArchiveBytes: bytes.length - 1 });
    await expectRefused(target, bytes, 'TOO_LARGE', { maxEntries: 3 });
    await expectRefused(target, bytes, 'TOO_LARGE', { maxTotalBytes: 10_000 });
    await expectRefused(target, bytes, 'TOO_LARGE', { maxAudioBytes: 1000 });
    // An 8 MB data.json of blanks compresses to ~8 KB; its declared size is refused before inflating.
    const bomb = await rebuild(archive, (files, _m, data) => (files['data.json'] = strToU8(JSON.stringify(data) + ' '.repeat(8 * 1024 * 1024))));
    expect(bomb.length).toBeLessThan(bytes.length + 64 * 1024);
    expect((await expectRefused(target, bomb, 'TOO_LARGE', { maxJsonBytes: 1024 * 1024 })).details).toMatchObject({ name: 'data.json', limit: 1024 * 1024 });
    // The same bomb lying about its size (central directory and manifest say 1000 bytes): inflating stops at the lie.
    const liar = await rebuild(archive, (files, manifest, data) => {
      files['data.json'] = strToU8(JSON.stringify(data) + ' '.repeat(4 * 1024 * 1024));
      manifest.entries.find((e) => e.path === 'data.json')!.bytes = 1000;
    }, { rehash: false });
    const dataEntry = readZipDirectory(liar, { maxEntries: 100, maxTotalBytes: 1e9 }).get('data.json')!;
    const at = centralRecordOffset(liar, 'data.json');
    new DataView(liar.buffer, liar.byteOffset).setUint32(at + 24, 1000, true);
    expect(dataEntry.bytes).toBeGreaterThan(4_000_000);
    const error = await expectRefused(target, liar, 'CORRUPT_ENTRY');
    expect(error.message).toContain('more than its declared 1000 bytes');
  });

  it('writes nothing when storing fails half-way (one transaction)', async () => {
    const { target, archive } = await setup();
    vi.spyOn(target.teacherReferences, 'add').mockImplementation(() => Promise.reject(new Error('QuotaExceededError')) as never);
    const error = await expectRefused(target, archive, 'WRITE_FAILED');
    expect(error.message).toContain('nothing was changed');
  });
});

/** Offset of `name`'s record in the zip's central directory. */
function centralRecordOffset(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const target = strToU8(name);
  for (let o = 0; o + 46 < zip.length; o++) {
    if (view.getUint32(o, true) !== 0x02014b50) continue;
    const length = view.getUint16(o + 28, true);
    if (length === target.length && target.every((b, i) => zip[o + 46 + i] === b)) return o;
  }
  throw new Error(`no central record for ${name}`);
}

describe('share: size and speed (indicative, printed)', () => {
  it('exports and imports ~50 attempts of 3 s', async () => {
    const db = openDb();
    const learnerId = await ensureLearner(db, 'pt-BR');
    for (let i = 0; i < 50; i++) {
      const id = await saveAttempt(db, { learnerId, itemId: `th-w-${i}`, pattern: 'TH', text: 'three', durationSeconds: 3, sampleRateHz: 48_000, audio: wavBlob(3, 48_000, i), createdAt: 1_700_000_000_000 + i * 1000 });
      await completeAttempt(db, id, result(50), 'v7');
    }
    let t = performance.now();
    const archive = await exportArchive(db, 'all');
    const exportMs = performance.now() - t;
    const other = openDb();
    t = performance.now();
    const summary = await importArchive(other, archive);
    const importMs = performance.now() - t;
    expect(summary.attempts).toBe(50);
    const wavBytes = wav(3, 48_000, 0).length;
    console.log(
      `share: 50 attempts × 3 s @48 kHz: archive ${archive.size} B (${Math.round(archive.size / 50)} B per attempt; WAV ${wavBytes} B), export ${exportMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`,
    );
  });
});
