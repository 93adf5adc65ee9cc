import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../audio';
import { activeHead, activeModel, fineTunedHead, saveFineTunedHead, setActiveModel } from './models';
import { SotaqueDb } from './schema';
import { allTeacherReferences, countTeacherReferences, deleteTeacherReference, importTeacherWav, saveTeacherReference, teacherReferencesOf } from './teacherRefs';

const dbs: SotaqueDb[] = [];
function openDb(): SotaqueDb {
  const db = new SotaqueDb(`teacher-${dbs.length}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** 0.5 s of silence, `toneSeconds` of a 300 Hz tone, 0.5 s of silence. */
function clip(rate: number, toneSeconds = 0.6): Float32Array {
  const out = new Float32Array(Math.round(rate * (1 + toneSeconds)));
  const from = Math.round(rate * 0.5);
  for (let i = 0; i < Math.round(rate * toneSeconds); i++) out[from + i] = 0.3 * Math.sin((2 * Math.PI * 300 * i) / rate);
  return out;
}

describe('teacher references', () => {
  it('stores the WAV and the trimmed 16 kHz samples, lists by item in time order, deletes', async () => {
    const db = openDb();
    const a = await saveTeacherReference(db, { itemId: 'th-w-three', text: 'three', samples: clip(48_000), sampleRateHz: 48_000, createdAt: 2 });
    const b = await saveTeacherReference(db, { itemId: 'th-w-three', text: 'three', samples: clip(44_100, 0.4), sampleRateHz: 44_100, createdAt: 1 });
    await saveTeacherReference(db, { itemId: 'dh-w-this', text: 'this', samples: clip(16_000), sampleRateHz: 16_000, createdAt: 3 });
    const three = await teacherReferencesOf(db, 'th-w-three');
    expect(three.map((r) => r.id)).toEqual([b, a]);
    const row = three[1];
    expect(row.durationSeconds).toBeCloseTo(1.6, 3);
    expect(row.sampleRateHz).toBe(48_000);
    expect(row.uid).toMatch(/^[0-9a-f-]{36}$/);
    // Trimmed: about the tone's 0.6 s (the trimmer keeps a little margin), far less than the 1.6 s file.
    expect(row.samples16k.length / 16_000).toBeGreaterThan(0.55);
    expect(row.samples16k.length / 16_000).toBeLessThan(1.0);
    expect(row.audio.size).toBe(44 + 2 * 48_000 * 1.6);
    expect(await countTeacherReferences(db)).toBe(3);
    expect((await allTeacherReferences(db)).map((r) => r.itemId)).toEqual(['th-w-three', 'th-w-three', 'dh-w-this']);
    await deleteTeacherReference(db, a);
    expect((await teacherReferencesOf(db, 'th-w-three')).map((r) => r.id)).toEqual([b]);
  });

  it('imports a WAV file keeping its bytes', async () => {
    const db = openDb();
    const bytes = encodeWav(clip(22_050), 22_050);
    const id = await importTeacherWav(db, { itemId: 'x', text: 'x' }, new Blob([bytes]));
    const row = (await db.teacherReferences.get(id))!;
    expect(new Uint8Array(await row.audio.arrayBuffer())).toEqual(bytes);
    expect(row.sampleRateHz).toBe(22_050);
  });

  it('refuses silence, over-long clips and unreadable files with a code, storing nothing', async () => {
    const db = openDb();
    await expect(saveTeacherReference(db, { itemId: 'x', text: 'x', samples: new Float32Array(16_000), sampleRateHz: 16_000 })).rejects.toMatchObject({ code: 'TEACHER_CLIP_SILENT' });
    await expect(saveTeacherReference(db, { itemId: 'x', text: 'x', samples: new Float32Array(16_000 * 31), sampleRateHz: 16_000 })).rejects.toMatchObject({ code: 'TEACHER_CLIP_TOO_LONG' });
    await expect(importTeacherWav(db, { itemId: 'x', text: 'x' }, new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])]))).rejects.toMatchObject({ code: 'TEACHER_BAD_WAV' });
    expect(await countTeacherReferences(db)).toBe(0);
  });
});

describe('active model', () => {
  const row = { baseVersion: 'v1', createdAt: 1, weights: [{ name: 'dense2/bias', shape: [2], data: new Float32Array([1, 2]) }], evaluation: { adopt: true } };

  it('is the base until a head is adopted; a head of another base version is not used', async () => {
    const db = openDb();
    expect(await activeModel(db)).toBe('base');
    await saveFineTunedHead(db, row, false);
    expect(await activeModel(db)).toBe('base');
    expect(await activeHead(db, 'v1')).toBeNull();
    await saveFineTunedHead(db, row, true);
    expect(await activeModel(db)).toBe('finetuned');
    expect((await activeHead(db, 'v1'))?.weights[0].data).toEqual(new Float32Array([1, 2]));
    expect(await activeHead(db, 'v2')).toBeNull();
    await setActiveModel(db, 'base');
    expect(await activeHead(db, 'v1')).toBeNull();
    expect(await fineTunedHead(db)).not.toBeNull();
  });
});
