/**
 * Native references for every lesson item (and each minimal pair's partner word), in two clearly
 * different voices, with phone timings: `npm run references`.
 *
 * Each distinct text is spoken by festival (the corpus engine, reused as is) from the lesson's own
 * phones (CMUdict stress) in a female HTS voice
 * and a male diphone voice, one batch per voice; festival's Segment relation gives every phone's
 * end time and word. Phones are mapped to the 40 classes with the corpus's tested table. The audio is
 * encoded to Ogg Opus (opusenc, mono, fixed serial number so reruns give identical bytes) under
 * `public/references/<voice>/<slug>.opus`, and `public/references/index.json` lists, per clip, each
 * rendition's file, duration and phones, and per lesson item its clip and its partner's clip.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { encodeWav } from '../../src/audio/wav';
import { lessonPacks } from '../../src/lessons/packs';
import { isVowel, type Phone } from '../../src/model/phones';
import { synthesizeFestivalBatch, type FestivalItem } from '../corpus/engines/festival';
import { mapSegments } from '../corpus/phoneMap';
import type { PlannedWord } from '../corpus/types';
import { REFERENCE_VOICES, referenceSlug, referenceWords, type ReferenceClip, type ReferenceIndex, type ReferenceRendition } from '../../src/lessons/references';

const OUT_DIR = join(process.cwd(), 'public', 'references');
/** Opus bitrate: speech stays clear at 24 kbps, and the whole pack stays well under 3 MB. */
const BITRATE_KBPS = 24;
const SIZE_LIMIT_BYTES = 3 * 1024 * 1024;

interface ClipSpec {
  readonly slug: string;
  readonly text: string;
  /** The lesson's phones per word (what the clip is meant to say). */
  readonly phones: readonly (readonly string[])[];
}

/** Every distinct text the lessons need, keyed by slug, and each item's clips. */
function planClips(): { clips: Map<string, ClipSpec>; items: ReferenceIndex['items'] } {
  const clips = new Map<string, ClipSpec>();
  const items: Record<string, { clip: string; partnerClip: string | null }> = {};
  const add = (text: string, phones: readonly (readonly string[])[]): string => {
    const slug = referenceSlug(text);
    if (!clips.has(slug)) clips.set(slug, { slug, text, phones });
    return slug;
  };
  for (const pack of lessonPacks()) {
    for (const item of pack.items) {
      const clip = add(item.text, item.phones);
      const partnerClip = item.partner && item.partnerPhones ? add(item.partner, item.partnerPhones) : null;
      items[item.id] = { clip, partnerClip };
    }
  }
  return { clips, items };
}

/**
 * The clip's words spoken from the lesson's own phones (festival's lexicon disagrees on a few, e.g.
 * "live" as L AY V in a lesson about IH), with CMUdict's stress where an entry has those phones, else
 * stress on the first vowel.
 */
function plannedWords(text: string, phones: readonly (readonly string[])[]): PlannedWord[] {
  return referenceWords(text).map((w, i) => {
    const spoken = stressed(w, phones[i]);
    return { text: w, canonical: spoken, spoken, phoneInput: true, punct: '' };
  });
}

function stressed(word: string, phones: readonly string[]): string[] {
  const entries = Object.keys(dictionary)
    .filter((k) => k === word || k.startsWith(`${word}(`))
    .map((k) => dictionary[k].split(' '));
  const match = entries.find((e) => e.length === phones.length && e.every((p, i) => p.replace(/\d/g, '') === phones[i]));
  if (match) return match;
  let first = true;
  return phones.map((p) => {
    if (!isVowel(p as Phone)) return p;
    const digit = first ? '1' : '0';
    first = false;
    return p + digit;
  });
}

function encodeOpus(samples: Float32Array, sampleRateHz: number, path: string, tmp: string): void {
  const wav = join(tmp, 'clip.wav');
  writeFileSync(wav, encodeWav(samples, sampleRateHz));
  const run = spawnSync('opusenc', ['--quiet', '--bitrate', String(BITRATE_KBPS), '--comp', '10', '--serial', '1', '--downmix-mono', wav, path], { encoding: 'utf8' });
  if (run.error) throw new Error(`opusenc is needed (Debian package opus-tools): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`opusenc failed on ${path}: ${run.stderr}`);
}

function main(): void {
  const { clips, items } = planClips();
  const specs = [...clips.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  rmSync(OUT_DIR, { recursive: true, force: true });
  const tmp = mkdtempSync(join(tmpdir(), 'sotaque-references-'));
  const index: ReferenceIndex = { schemaVersion: 1, bitrateKbps: BITRATE_KBPS, voices: REFERENCE_VOICES, clips: {}, items };
  const mismatches: string[] = [];
  try {
    const renditions = new Map<string, ReferenceRendition[]>();
    for (const voice of REFERENCE_VOICES) {
      mkdirSync(join(OUT_DIR, voice.id), { recursive: true });
      const batch: FestivalItem[] = specs.map((s) => ({ words: plannedWords(s.text, s.phones), settings: {} }));
      const results = synthesizeFestivalBatch(voice.festivalVoice, batch);
      results.forEach((result, i) => {
        const spec = specs[i];
        if (result instanceof Error) throw new Error(`reference "${spec.text}" (${voice.id}): ${result.message}`);
        const spans = mapSegments('festival', result.segments, spec.phones);
        const file = `${voice.id}/${spec.slug}.opus`;
        encodeOpus(result.samples, result.sampleRateHz, join(OUT_DIR, file), tmp);
        const phones = spans.map((s) => ({ phone: s.phone, start: round(s.start), end: round(s.end), word: s.word }));
        const said = phones.filter((p) => p.phone !== 'SIL').map((p) => p.phone).join(' ');
        const meant = spec.phones.flat().join(' ');
        if (said !== meant) mismatches.push(`${voice.id} ${spec.slug}: said "${said}", lesson "${meant}"`);
        const rendition: ReferenceRendition = {
          voice: voice.id,
          file,
          durationSeconds: round(result.samples.length / result.sampleRateHz),
          matchesLesson: said === meant,
          phones,
        };
        renditions.set(spec.slug, [...(renditions.get(spec.slug) ?? []), rendition]);
      });
    }
    for (const spec of specs) {
      const clip: ReferenceClip = { text: spec.text, phones: spec.phones.map((w) => [...w]), renditions: renditions.get(spec.slug) ?? [] };
      index.clips[spec.slug] = clip;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(join(OUT_DIR, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
  const bytes = totalBytes(OUT_DIR);
  process.stderr.write(`references: ${specs.length} clips × ${REFERENCE_VOICES.length} voices, ${(bytes / 1024).toFixed(0)} KiB in ${OUT_DIR}\n`);
  if (mismatches.length > 0) process.stderr.write(`${mismatches.length} renditions whose phones differ from the lesson's (kept; the overlay uses what was said):\n  ${mismatches.join('\n  ')}\n`);
  if (bytes > SIZE_LIMIT_BYTES) throw new Error(`references take ${bytes} bytes, over the ${SIZE_LIMIT_BYTES}-byte budget: lower BITRATE_KBPS`);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function totalBytes(dir: string): number {
  let sum = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    sum += st.isDirectory() ? totalBytes(path) : st.size;
  }
  return sum;
}

main();
