/**
 * The real recordings the project may use (CONTRACTS.md, "Voice families and splits"), all from
 * Debian packages: the Asterisk prompts (`asterisk-core-sounds-en-g722` audio, transcripts from
 * `asterisk-core-sounds-en`; one US female voice; CC-BY-SA-3.0) and Tux Paint's stamp descriptions
 * and letter/digit names (`tuxpaint-stamps-default`; other speakers, evaluation only; GPL-2), whose
 * transcripts are fixed in `tuxpaint.tsv` beside this file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeWav } from '../../src/audio/wav';
import { resampleTo16k } from '../../src/dsp/index';
import { normaliseTranscript } from './normalise';
import { splitOf, type RealFamily, type RealSplit } from './split';

export const ASTERISK_SOUNDS = '/usr/share/asterisk/sounds/en';
export const ASTERISK_TRANSCRIPTS = '/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz';
export const TUXPAINT_STAMPS = '/usr/share/tuxpaint/stamps';
export const TUXPAINT_TRANSCRIPTS = join(import.meta.dirname, 'tuxpaint.tsv');

/** Debian packages per family (installed by `corpus:real` when missing and running as root). */
export const PACKAGES: Readonly<Record<RealFamily, readonly string[]>> = {
  'real-asterisk': ['asterisk-core-sounds-en-g722', 'asterisk-core-sounds-en'],
  'real-tuxpaint': ['tuxpaint-stamps-default'],
};

/** One real recording with the words spoken in it. */
export interface RealSource {
  /** `asterisk/<prompt>` or `tuxpaint/<clip>`: stable across builds. */
  readonly id: string;
  readonly family: RealFamily;
  readonly split: RealSplit;
  readonly path: string;
  /** The package's own text, before normalisation. */
  readonly rawText: string;
  /** The words as spoken, lower case (null: no speech). */
  readonly text: string | null;
  /** `us` or `gb`: the accent of the speaker, reported apart. */
  readonly accent: 'us' | 'gb';
}

/** `name: text` lines of the Asterisk transcripts, keyed by prompt name (path without extension). */
export function readAsteriskTranscripts(path = ASTERISK_TRANSCRIPTS): Map<string, string> {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const map = new Map<string, string>();
  for (const line of lines) {
    if (!line.trim() || line.startsWith(';')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    map.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return map;
}

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, ext));
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

/** Every Asterisk prompt that has both audio and a transcript line. */
export function asteriskSources(): RealSource[] {
  const transcripts = readAsteriskTranscripts();
  return walk(ASTERISK_SOUNDS, '.g722').flatMap((path) => {
    const name = relative(ASTERISK_SOUNDS, path).replace(/\.g722$/, '');
    const rawText = transcripts.get(name);
    if (rawText === undefined) return [];
    return [{ id: `asterisk/${name}`, family: 'real-asterisk' as const, split: splitOf('real-asterisk', name), path, rawText, text: normaliseTranscript(rawText), accent: 'us' as const }];
  });
}

/** The Tux Paint clips of the committed transcript file (`file<TAB>text<TAB>accent<TAB>package text`). */
export function tuxpaintSources(path = TUXPAINT_TRANSCRIPTS): RealSource[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((line) => {
      const [file, text, accent, rawText] = line.split('\t');
      const name = file.replace(/\.ogg$/, '');
      return { id: `tuxpaint/${name}`, family: 'real-tuxpaint' as const, split: splitOf('real-tuxpaint', name), path: join(TUXPAINT_STAMPS, file), rawText: rawText ?? text, text, accent: accent === 'gb' ? ('gb' as const) : ('us' as const) };
    });
}

export function missingPackages(family: RealFamily): string[] {
  const probe = family === 'real-asterisk' ? [ASTERISK_SOUNDS, ASTERISK_TRANSCRIPTS] : [TUXPAINT_STAMPS];
  return probe.every((p) => existsSync(p)) ? [] : [...PACKAGES[family]];
}

/**
 * A recording as 16 kHz mono samples: ffmpeg decodes the package's codec (G.722, Ogg Vorbis) to PCM
 * at the file's own rate, channels averaged; the resampling to 16 kHz is `src/dsp`'s.
 */
export function decodeSource(source: Pick<RealSource, 'path'>): Float32Array {
  const input = source.path.endsWith('.g722') ? ['-f', 'g722', '-i', source.path] : ['-i', source.path];
  const dir = mkdtempSync(join(tmpdir(), 'sotaque-real-'));
  try {
    const wav = join(dir, 'decoded.wav');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...input, '-ac', '1', '-c:a', 'pcm_s16le', wav]);
    const decoded = decodeWav(readFileSync(wav));
    return resampleTo16k(decoded.samples, decoded.sampleRateHz);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
