/** The shipped references (`npm run references` output) cover every lesson item in two voices, with sane timings, under 3 MB. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonPacks } from '../../src/lessons/packs';
import { referenceSlug, referenceWords, type ReferenceIndex } from '../../src/lessons/references';

const DIR = join(process.cwd(), 'public', 'references');
const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as ReferenceIndex;

describe('native references', () => {
  it('slugs are words joined by hyphens, punctuation dropped', () => {
    expect(referenceWords("Don't think, Tom!")).toEqual(["don't", 'think', 'tom']);
    expect(referenceSlug("Don't think, Tom!")).toBe('dont-think-tom');
  });

  it('every lesson item (and pair partner) has a clip in both voices, as Ogg Opus files that exist', () => {
    let bytes = statSync(join(DIR, 'index.json')).size;
    for (const pack of lessonPacks()) {
      for (const item of pack.items) {
        const entry = index.items[item.id];
        expect(entry, item.id).toBeDefined();
        expect(entry.partnerClip !== null).toBe(item.kind === 'pair');
        for (const slug of [entry.clip, entry.partnerClip].filter((s): s is string => s !== null)) {
          const clip = index.clips[slug];
          expect(clip.renditions.map((r) => r.voice).sort()).toEqual(['kal', 'slt']);
        }
      }
    }
    for (const clip of Object.values(index.clips)) {
      for (const r of clip.renditions) {
        const path = join(DIR, r.file);
        expect(existsSync(path), r.file).toBe(true);
        const head = readFileSync(path).subarray(0, 36).toString('latin1');
        expect(head.startsWith('OggS') && head.includes('OpusHead')).toBe(true);
        bytes += statSync(path).size;
      }
    }
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('phone timings are ordered, inside the file, and say the lesson phones', () => {
    let matching = 0;
    let total = 0;
    for (const clip of Object.values(index.clips)) {
      for (const r of clip.renditions) {
        let t = 0;
        for (const p of r.phones) {
          expect(p.start).toBeGreaterThanOrEqual(t - 1e-6);
          expect(p.end).toBeGreaterThan(p.start);
          t = p.end;
        }
        expect(t).toBeLessThanOrEqual(r.durationSeconds + 0.01);
        total++;
        if (r.phones.filter((p) => p.phone !== 'SIL').map((p) => p.phone).join(' ') === clip.phones.flat().join(' ')) matching++;
        expect(r.matchesLesson).toBe(r.phones.filter((p) => p.phone !== 'SIL').map((p) => p.phone).join(' ') === clip.phones.flat().join(' '));
      }
    }
    // Spoken from the lesson's phones: all but a reduced vowel or two match exactly.
    expect(matching / total).toBeGreaterThan(0.99);
  });
});
