/**
 * Teacher renditions made with flite (Debian): a voice says a text; the WAV comes back as bytes and
 * samples, with flite's own phone timings (`-psdur`) mapped to the app's phones (pau → SIL, ax → AH).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../../src/audio/wav';
import { isPhone, type Phone } from '../../src/model/phones';

/** A phone of the rendition and where it ends, seconds from the start of the file. */
export interface TimedPhone {
  readonly phone: Phone;
  readonly end: number;
}

export interface Rendition {
  readonly wav: Buffer;
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  readonly phones: readonly TimedPhone[];
}

let counter = 0;

function mapFlitePhone(name: string): Phone {
  if (name === 'pau' || name === 'h#') return 'SIL';
  if (name === 'ax') return 'AH';
  const upper = name.toUpperCase();
  if (isPhone(upper)) return upper;
  throw new Error(`flite phone "${name}" has no match in the phone set`);
}

/** flite `voice` saying `text`, with an optional duration stretch (1 = normal); throws when flite fails. */
export function fliteRendition(voice: string, text: string, durationStretch = 1): Rendition {
  const path = join(tmpdir(), `sotaque-teacher-${process.pid}-${counter++}.wav`);
  try {
    const run = spawnSync('flite', ['-voice', voice, '-psdur', '--setf', `duration_stretch=${durationStretch.toFixed(3)}`, '-t', text, '-o', path], { encoding: 'utf8' });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`flite ${voice} failed (${run.status}): ${run.stderr.slice(-300)}`);
    const wav = readFileSync(path);
    const decoded = decodeWav(wav);
    const phones = run.stdout
      .trim()
      .split(/\s+/)
      .map((token) => token.split(':'))
      .filter((parts) => parts.length === 2 && Number.isFinite(Number(parts[1])))
      .map(([name, end]) => ({ phone: mapFlitePhone(name), end: Number(end) }));
    return { wav, samples: decoded.samples, sampleRateHz: decoded.sampleRateHz, phones };
  } finally {
    rmSync(path, { force: true });
  }
}

/** Frame labels (phone index per 10 ms frame) of the span starting `offsetSeconds` into the file. */
export function timedFrameLabels(phones: readonly TimedPhone[], frames: number, offsetSeconds: number, phoneIndex: (p: Phone) => number): Int32Array {
  const labels = new Int32Array(frames);
  let k = 0;
  for (let f = 0; f < frames; f++) {
    const t = offsetSeconds + (160 * f + 200) / 16_000;
    while (k < phones.length - 1 && phones[k].end < t) k++;
    labels[f] = phoneIndex(phones[k]?.phone ?? 'SIL');
  }
  return labels;
}
