import { describe, expect, it } from 'vitest';
import { trimSilence } from '../dsp';
import type { RefusalCode } from '../lessons/strings/usability';
import { judgeUsability, maxSpeechSeconds, speechBursts, type RefusalReason } from './usability';

const RATE = 16_000;

/** A take: segments of [seconds, amplitude] — amplitude 0 is room noise only, >0 a 180 Hz tone (clamped to ±1, so > 1 clips). */
function take(segments: readonly [number, number][]): Float32Array {
  const total = segments.reduce((s, [sec]) => s + sec, 0);
  const out = new Float32Array(Math.round(total * RATE));
  let i = 0;
  let seed = 7;
  for (const [seconds, amplitude] of segments) {
    const n = Math.round(seconds * RATE);
    for (let k = 0; k < n; k++, i++) {
      seed = (seed * 16807) % 2147483647;
      const noise = ((seed / 2147483647) * 2 - 1) * 0.001;
      out[i] = Math.max(-1, Math.min(1, amplitude * Math.sin((2 * Math.PI * 180 * i) / RATE) + noise));
    }
  }
  return out;
}

const judge = (samples: Float32Array, words = 1, phones = 3) => judgeUsability({ samples16k: samples, trim: trimSilence(samples), expected: { words, phones } });

describe('usability of a take', () => {
  it('accepts one word-long burst of speech', () => {
    const verdict = judge(take([[0.5, 0], [0.6, 0.3], [0.8, 0]]));
    expect(verdict).toMatchObject({ usable: true, bursts: 1 });
    expect(verdict.speechSeconds).toBeGreaterThan(0.6);
    expect(verdict.speechSeconds).toBeLessThan(1.0);
  });

  it('refuses silence (room noise only)', () => {
    expect(judge(take([[3, 0]]))).toMatchObject({ usable: false, reason: 'silent' });
  });

  it('refuses speech far longer than the item: 15 s of continuous speech for "three"', () => {
    const verdict = judge(take([[0.5, 0], [15, 0.3], [0.5, 0]]));
    expect(verdict).toMatchObject({ usable: false, reason: 'too-long' });
    if (!verdict.usable) expect(verdict.allowedSeconds).toBe(maxSpeechSeconds({ words: 1, phones: 3 }));
  });

  it('gives a sentence a longer allowance than a word, and never less than 4 s', () => {
    expect(maxSpeechSeconds({ words: 1, phones: 3 })).toBe(4);
    expect(maxSpeechSeconds({ words: 8, phones: 30 })).toBeCloseTo(2.5 * (0.35 + 3.6) + 1.5, 5);
    // A slow 6 s rendition of a 30-phone sentence is fine.
    expect(judge(take([[0.3, 0], [6, 0.3], [0.3, 0]]), 8, 30)).toMatchObject({ usable: true });
  });

  it('refuses clearly more separate words than the item has, but allows a hesitation or a restart', () => {
    const bursts = (n: number) => take([[0.4, 0], ...Array.from({ length: n }, () => [[0.25, 0.3], [0.45, 0]] as [number, number][]).flat()]);
    expect(speechBursts(bursts(5), trimSilence(bursts(5)))).toBe(5);
    expect(judge(bursts(3))).toMatchObject({ usable: true, bursts: 3 });
    expect(judge(bursts(5))).toMatchObject({ usable: false, reason: 'word-count', bursts: 5 });
    // Three words said as three bursts is what is expected.
    expect(judge(bursts(5), 3, 9)).toMatchObject({ usable: true });
  });

  it('does not count a click as a word', () => {
    const clicks = take([[0.4, 0], [0.5, 0.3], [0.5, 0], [0.03, 0.5], [0.5, 0], [0.03, 0.5], [0.5, 0], [0.03, 0.5], [0.4, 0]]);
    expect(judge(clicks)).toMatchObject({ usable: true, bursts: 1 });
  });

  it('refuses speech cut off at full scale, but not a few clipped peaks', () => {
    expect(judge(take([[0.5, 0], [0.6, 4], [0.5, 0]]))).toMatchObject({ usable: false, reason: 'clipped' });
    const peaks = take([[0.5, 0], [0.6, 0.3], [0.5, 0]]);
    for (let i = 0; i < 20; i++) peaks[9_000 + i * 300] = 1;
    expect(judge(peaks)).toMatchObject({ usable: true });
  });
});

// The learner's messages are keyed by the same reasons (a type error here if the two lists drift).
const _sameReasons: [RefusalReason, RefusalCode] extends [RefusalCode, RefusalReason] ? true : never = true;
void _sameReasons;
