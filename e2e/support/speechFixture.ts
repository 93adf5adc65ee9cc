/**
 * The fake microphone's WAV, made at run time: espeak-ng speaks a phrase, sox resamples it to 44.1 kHz
 * 16-bit mono (the rate Chromium's fake capture delivers) and pads it with silence — the lead covers
 * the moment between getUserMedia opening the device (when playback starts) and the worklet running.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../../src/audio/wav';

export interface SpeechFixture {
  /** The WAV file fed to the fake microphone. */
  readonly path: string;
  readonly text: string;
  /** Its samples (mono) and rate. */
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  /** Silence before and after the speech, and espeak's output length, in seconds. */
  readonly leadSeconds: number;
  readonly tailSeconds: number;
  readonly speechSeconds: number;
  /** Whole file length in seconds. */
  readonly durationSeconds: number;
}

export function makeSpeechFixture(dir: string, text = 'three trees', leadSeconds = 0.8, tailSeconds = 1.0): SpeechFixture {
  const raw = join(dir, 'espeak.wav');
  const path = join(dir, 'speech-44k.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '140', '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '44100', '-c', '1', '-b', '16', path, 'pad', String(leadSeconds), String(tailSeconds)]);
  const spoken = decodeWav(readFileSync(raw));
  const file = decodeWav(readFileSync(path));
  return {
    path,
    text,
    samples: file.samples,
    sampleRateHz: file.sampleRateHz,
    leadSeconds,
    tailSeconds,
    speechSeconds: spoken.samples.length / spoken.sampleRateHz,
    durationSeconds: file.samples.length / file.sampleRateHz,
  };
}
