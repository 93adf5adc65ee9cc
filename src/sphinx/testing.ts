/**
 * Test support (Node only): reference runs of Debian's CMU Sphinx binaries for the parity tests, and
 * the speech they run on, made at test time (never committed): an Asterisk prompt decoded with
 * ffmpeg when the Debian prompts are installed, otherwise espeak-ng speech resampled by sox.
 *
 * The parity tests skip, saying why, only when the binaries are missing on a developer's machine;
 * with CI set they fail instead (CI installs pocketsphinx, pocketsphinx-en-us, sphinxbase-utils and
 * python3-pocketsphinx).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { SPHINX_FE_CONFIG } from '../dsp/sphinxFe';

/** Where Debian installs the en-us model. */
export const DEBIAN_SPHINX_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';
const REFERENCE_PY = fileURLToPath(new URL('../../training/sphinx/reference.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const APT = 'apt-get install -y pocketsphinx pocketsphinx-en-us sphinxbase-utils python3-pocketsphinx';

let missingCache: string[] | undefined;

/** What is missing for the parity tests (empty when everything is there). */
export function missingSphinxTools(): string[] {
  if (missingCache) return missingCache;
  const missing: string[] = [];
  if (!existsSync('/usr/bin/sphinx_fe')) missing.push('sphinx_fe (sphinxbase-utils)');
  if (!existsSync(join(DEBIAN_SPHINX_MODEL, 'mdef'))) missing.push(`${DEBIAN_SPHINX_MODEL} (pocketsphinx-en-us)`);
  const py = existsSync(PYTHON) ? spawnSync(PYTHON, ['-c', 'from pocketsphinx.pocketsphinx import Decoder'], { stdio: 'ignore' }).status : 1;
  if (py !== 0) missing.push('the pocketsphinx module of /usr/bin/python3 (python3-pocketsphinx)');
  missingCache = missing;
  return missing;
}

/**
 * A describe block that needs the Debian Sphinx binaries: skipped with a message when they are
 * missing locally, failing when they are missing on CI.
 */
export function describeWithSphinx(name: string, body: () => void): void {
  const missing = missingSphinxTools();
  if (missing.length === 0) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has the CMU Sphinx binaries', () => {
        throw new Error(`CI must install CMU Sphinx for the parity tests; missing: ${missing.join(', ')}. Run: ${APT}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": CMU Sphinx is not installed (missing ${missing.join(', ')}). Install it with: ${APT}`);
    describe.skip(name, body);
  }
}

/** A speech clip for the parity tests: 16 kHz int16, as a WAV and as raw little-endian samples. */
export interface SpeechClip {
  readonly dir: string;
  readonly wav: string;
  readonly raw: string;
  readonly samples: Float32Array;
  /** Where it came from, for messages. */
  readonly source: string;
}

const ASTERISK = '/usr/share/asterisk/sounds/en';

/** Real speech when an Asterisk prompt is installed (with ffmpeg), else espeak-ng speech. */
export function makeSpeechClip(options: { prompt?: string; text?: string } = {}): SpeechClip {
  const dir = mkdtempSync(join(tmpdir(), 'sotaque-sphinx-'));
  const wav = join(dir, 'clip.wav');
  const raw = join(dir, 'clip.raw');
  const prompt = join(ASTERISK, `${options.prompt ?? 'agent-alreadyon'}.g722`);
  let source: string;
  if (!options.text && existsSync(prompt) && spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0) {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'g722', '-i', prompt, '-ar', '16000', '-ac', '1', '-f', 's16le', raw]);
    source = prompt;
  } else {
    const text = options.text ?? 'please call stella and ask her to bring these things with her from the store';
    const synth = join(dir, 'espeak.wav');
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', synth, text]);
    execFileSync('sox', [synth, '-r', '16000', '-b', '16', '-c', '1', '-e', 'signed-integer', '-t', 'raw', raw]);
    source = `espeak-ng "${text}"`;
  }
  execFileSync('sox', ['-t', 'raw', '-r', '16000', '-b', '16', '-c', '1', '-e', 'signed-integer', raw, wav]);
  const bytes = readFileSync(raw);
  const samples = new Float32Array(bytes.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i) / 32768;
  return { dir, wav, raw, samples, source };
}

/** `sphinx_fe`'s cepstra of a raw clip with the model's parameters passed explicitly (its defaults differ). */
export function sphinxFeReference(clip: SpeechClip): { frames: number; data: Float32Array } {
  const fe = SPHINX_FE_CONFIG;
  const out = join(clip.dir, 'clip.mfc');
  execFileSync('sphinx_fe', [
    '-i', clip.raw, '-o', out, '-raw', 'yes', '-input_endian', 'little',
    '-samprate', String(fe.sampleRateHz), '-frate', String(fe.sampleRateHz / fe.frameShiftSamples),
    '-wlen', String(fe.frameLengthSamples / fe.sampleRateHz), '-nfft', String(fe.fftSize), '-alpha', String(fe.preEmphasis),
    '-lowerf', String(fe.lowerFilterHz), '-upperf', String(fe.upperFilterHz), '-nfilt', String(fe.melFilters),
    '-transform', fe.transform, '-lifter', String(fe.lifter), '-ncep', String(fe.cepstra),
    '-dither', 'no', '-remove_dc', 'no', '-remove_noise', 'no', '-remove_silence', 'no',
  ], { stdio: 'ignore' });
  const bytes = readFileSync(out);
  const count = bytes.readInt32LE(0);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(4 + 4 * i);
  return { frames: count / fe.cepstra, data };
}

/** pocketsphinx's own senone scores of every frame (-compallsen yes, -senlogdir): int16, best = 0. */
export function pocketsphinxSenones(clip: SpeechClip, senones: number): Int16Array[] {
  const dir = join(clip.dir, 'sen');
  execFileSync(PYTHON, [REFERENCE_PY, 'senones', clip.raw, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const bytes = readFileSync(join(dir, '000000000.sen'));
  let p = bytes.indexOf('endhdr\n') + 7 + 4; // text header, then the byte-order magic
  const frames: Int16Array[] = [];
  while (p < bytes.length) {
    const n = bytes.readInt16LE(p);
    p += 2;
    if (n !== senones) throw new Error(`senone log: ${n} scores in a frame, expected all ${senones}`);
    const row = new Int16Array(n);
    for (let i = 0; i < n; i++) row[i] = bytes.readInt16LE(p + 2 * i);
    p += 2 * n;
    frames.push(row);
  }
  return frames;
}

/** pocketsphinx's forced alignment of a phone sequence, one phone per word (end frames inclusive). */
export function pocketsphinxAlign(clip: SpeechClip, phones: readonly string[]): { word: string; start: number; end: number }[] {
  const out = execFileSync(PYTHON, [REFERENCE_PY, 'align', clip.raw, ...phones], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return (JSON.parse(out) as { segments: { word: string; start: number; end: number }[] }).segments;
}
