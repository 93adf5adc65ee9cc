import { describe, expect, it } from 'vitest';
import { createStreamingResampler, resample, resampleTo16k } from './resample';

function sine(freqHz: number, seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * Math.sin((2 * Math.PI * freqHz * i) / rate);
  return out;
}

/** RMS of the middle half of a signal (away from the edges' filter transients). */
function middleRms(x: Float32Array): number {
  const start = Math.floor(x.length / 4);
  const end = Math.floor((3 * x.length) / 4);
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (end - start));
}

const db = (ratio: number) => 20 * Math.log10(ratio);

describe('resampleTo16k', () => {
  for (const rate of [44_100, 48_000, 22_050, 32_000, 8_000]) {
    it(`keeps a 1 kHz sine from ${rate} Hz within 0.1 dB`, () => {
      const input = sine(1000, 1, rate);
      const output = resampleTo16k(input, rate);
      expect(output.length).toBe(Math.ceil((input.length * 16_000) / rate));
      expect(Math.abs(db(middleRms(output) / middleRms(input)))).toBeLessThan(0.1);
      // And it is still a 1 kHz sine, in phase with the input's timing (no delay).
      const reference = sine(1000, output.length / 16_000, 16_000);
      let dot = 0;
      for (let i = 4000; i < 12_000; i++) dot += output[i] * reference[i];
      expect(dot / 8000 / 0.125).toBeGreaterThan(0.99);
    });
  }

  for (const rate of [44_100, 48_000]) {
    for (const freq of [8_000, 8_500, 10_000, 12_000, 16_000, 20_000]) {
      it(`attenuates ${freq} Hz from ${rate} Hz by at least 60 dB`, () => {
        const input = sine(freq, 1, rate);
        const output = resampleTo16k(input, rate);
        expect(db(middleRms(output) / middleRms(input))).toBeLessThan(-60);
      });
    }
  }

  it('passes 7 kHz nearly untouched', () => {
    const input = sine(7_000, 1, 48_000);
    expect(Math.abs(db(middleRms(resampleTo16k(input, 48_000)) / middleRms(input)))).toBeLessThan(0.1);
  });

  it('returns a copy at the same rate and rejects bad rates', () => {
    const input = sine(440, 0.1, 16_000);
    const out = resampleTo16k(input, 16_000);
    expect(out).not.toBe(input);
    expect(Array.from(out)).toEqual(Array.from(input));
    expect(() => resample(input, 0, 16_000)).toThrow(RangeError);
    expect(() => resample(input, 44_100.5, 16_000)).toThrow(RangeError);
  });

  it('handles empty and very short input', () => {
    expect(resampleTo16k(new Float32Array(0), 48_000).length).toBe(0);
    expect(resampleTo16k(new Float32Array(3), 48_000).length).toBe(1);
  });
});

describe('createStreamingResampler', () => {
  it('gives exactly what resample gives, whatever the block sizes', () => {
    const input = new Float32Array(44_100 * 1.3);
    let seed = 7;
    for (let i = 0; i < input.length; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      input[i] = 0.6 * Math.sin(i * 0.013) + 0.3 * (seed / 2 ** 31 - 0.5);
    }
    for (const [from, to] of [
      [44_100, 16_000],
      [48_000, 16_000],
      [16_000, 16_000],
    ] as const) {
      const expected = resample(input, from, to);
      for (const block of [1, 128, 1024, 5000, input.length]) {
        const stream = createStreamingResampler(from, to);
        for (let i = 0; i < input.length; i += block) stream.push(input.subarray(i, Math.min(input.length, i + block)));
        expect(stream.pushed).toBe(input.length);
        const got = stream.finish();
        expect(got.length).toBe(expected.length);
        expect(got).toEqual(expected);
      }
    }
  });

  it('handles an empty input and refuses to be used after finishing', () => {
    const stream = createStreamingResampler(44_100, 16_000);
    expect(stream.finish()).toEqual(new Float32Array(0));
    expect(() => stream.push(new Float32Array(4))).toThrow(/finished/);
  });
});
