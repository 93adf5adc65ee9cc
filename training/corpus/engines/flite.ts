/**
 * flite (Debian), one process per utterance (it starts in a few milliseconds). `-psdur` prints each
 * phone as `name:end_seconds`; `-p` speaks a phone string instead of text, which is how deliberate
 * variants are made. flite reports no words: the worker ties phones to words afterwards.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../../../src/audio/wav';
import { bare } from '../variants';
import type { EngineSegment } from '../phoneMap';
import type { PlannedWord, VoiceSettings } from '../types';
import type { SynthResult } from './types';

/** flite voices with a family (awb_time is a limited-domain clock voice and is left out). */
export const FLITE_VOICES = ['kal', 'kal16', 'awb', 'rms', 'slt'] as const;

/** The phone string flite's `-p` reads for these words: pauses at the ends and at punctuation. */
export function flitePhoneString(words: readonly PlannedWord[]): string {
  const parts = ['pau'];
  for (const w of words) {
    for (const p of w.spoken) parts.push(bare(p) === 'AH' && p.endsWith('0') ? 'ax' : bare(p).toLowerCase());
    if (w.punct) parts.push('pau');
  }
  if (parts[parts.length - 1] !== 'pau') parts.push('pau');
  return parts.join(' ');
}

/** Parses `-psdur` output (`pau:0.197 th:0.297 …`) into segments (word unknown). */
export function parsePsdur(stdout: string, durationSeconds: number): EngineSegment[] {
  const segments: EngineSegment[] = [];
  let start = 0;
  for (const token of stdout.trim().split(/\s+/)) {
    const colon = token.lastIndexOf(':');
    if (colon <= 0) continue;
    const name = token.slice(0, colon);
    const end = Math.min(Number(token.slice(colon + 1)), durationSeconds);
    if (!Number.isFinite(end)) continue;
    if (end > start) segments.push({ name, start, end, word: null });
    start = Math.max(start, end);
  }
  return segments;
}

let counter = 0;

/** Synthesises one utterance; phone-input utterances are spoken entirely from their phones. */
export function synthesizeFlite(voice: string, words: readonly PlannedWord[], settings: VoiceSettings, phoneInput: boolean): SynthResult {
  const wav = join(tmpdir(), `sotaque-flite-${process.pid}-${counter++}.wav`);
  const args = ['-voice', voice, '-psdur', '-o', wav];
  if (settings.durationStretch !== undefined) args.push('--setf', `duration_stretch=${settings.durationStretch.toFixed(3)}`);
  if (phoneInput) args.push('-p', flitePhoneString(words));
  else args.push('-t', words.map((w) => w.text + w.punct).join(' '));
  try {
    const run = spawnSync('flite', args, { encoding: 'utf8' });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`flite ${voice} failed (${run.status}): ${run.stderr.slice(-300)}`);
    const decoded = decodeWav(readFileSync(wav));
    const duration = decoded.samples.length / decoded.sampleRateHz;
    return { samples: decoded.samples, sampleRateHz: decoded.sampleRateHz, segments: parsePsdur(run.stdout, duration), wordsReported: false };
  } finally {
    rmSync(wav, { force: true });
  }
}
