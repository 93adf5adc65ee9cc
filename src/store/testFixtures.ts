/**
 * Fixtures shared by the store's unit tests: a synthetic voiced clip, a fake recorder the test ends
 * when it likes, a one-item reference index for "three" and its native reference.
 */
import { vi } from 'vitest';
import type { Recorder, Recording } from '../audio';
import { logMelSpectrogram } from '../dsp';
import type { ReferenceIndex } from '../lessons/references';
import type { NativeReference } from '../practice';

export const RATE = 16_000;

/** `seconds` of a 200 Hz buzz (plus a 1.3 kHz overtone unless `overtone` is false) between 0.3 s of silence at each end. */
export function buzz(seconds: number, overtone = true): Float32Array {
  const out = new Float32Array(seconds * RATE);
  for (let i = 0.3 * RATE; i < out.length - 0.3 * RATE; i++) {
    out[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / RATE) + (overtone ? 0.05 * Math.sin((2 * Math.PI * 1300 * i) / RATE) : 0);
  }
  return out;
}

/** A recorder that is recording until the test calls `end` with what it "recorded". */
export function fakeRecorder(): { recorder: Recorder; end: (r: Recording) => void } {
  let end!: (r: Recording) => void;
  const finished = new Promise<Recording>((resolve) => (end = resolve));
  const recorder: Recorder = { state: 'recording', start: vi.fn(async () => undefined), stop: vi.fn(() => finished), finished, dispose: vi.fn() };
  return { recorder, end };
}

/** A reference index with the item th-w-three and one slt rendition of "three". */
export const THREE_INDEX: ReferenceIndex = {
  schemaVersion: 1,
  bitrateKbps: 24,
  voices: [{ id: 'slt', festivalVoice: 'x', sex: 'female' }],
  clips: { three: { text: 'three', phones: [['TH', 'R', 'IY']], renditions: [{ voice: 'slt', file: 'slt/three.opus', durationSeconds: 1, matchesLesson: true, phones: [] }] } },
  items: { 'th-w-three': { clip: 'three', partnerClip: null } },
};

/** The native reference of THREE_INDEX's rendition (a buzz standing in for the voice). */
export function nativeThree(): NativeReference {
  const samples16k = buzz(1);
  return { voice: 'slt', url: '/references/slt/three.opus', samples16k, logMel: logMelSpectrogram(samples16k.subarray(4800, 11200)), offsetSeconds: 0.3, phones: [] };
}
