import { describe, expect, it } from 'vitest';
import { augment, colouredNoise, drawAugmentation, mixAtSnr, runSox, scaleSpans, soxEffects, timeScale } from './augment';
import type { PhoneSpan } from './phoneMap';
import { Rng } from './rng';

const RATE = 16_000;
function tone(seconds: number): Float32Array {
  return new Float32Array(Math.round(seconds * RATE)).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE));
}

describe('augmentation', () => {
  it('draws the same augmentation from the same seed, with at least two parts', () => {
    for (let seed = 1; seed < 200; seed++) {
      const a = drawAugmentation(seed);
      expect(drawAugmentation(seed)).toEqual(a);
      expect(a.kind.split('+').length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(Array.from({ length: 50 }, (_, s) => drawAugmentation(s).kind)).size).toBeGreaterThan(10);
  });

  it('stretches labels by the tempo and speed that sox applies', () => {
    const input = tone(2);
    for (const params of [{ tempo: 1.25, gainDb: 0 }, { speed: 0.9, gainDb: 0 }, { tempo: 0.8, pitchCents: 300, gainDb: 0 }]) {
      const out = runSox(input, RATE, soxEffects(params, RATE));
      expect(out.length / input.length).toBeCloseTo(timeScale(params), 2);
    }
  });

  it('keeps band edges below the Nyquist frequency of an 8 kHz voice', () => {
    const params = { band: { kind: 'lowpass' as const, lowHz: 0, highHz: 5000 }, gainDb: 0 };
    expect(soxEffects(params, 8000)).toEqual(['sinc', '-3600', 'channels', '1']);
    expect(runSox(tone(0.5).subarray(0, 4000), 8000, soxEffects(params, 8000)).length).toBe(4000);
  });

  it('mixes noise at the asked signal-to-noise ratio', () => {
    const signal = tone(1);
    const power = signal.reduce((s, x) => s + x * x, 0) / signal.length;
    const noise = colouredNoise('pink', signal.length, new Rng(1));
    const mixed = mixAtSnr(signal, noise, 10, power, new Rng(2));
    const residual = mixed.map((x, i) => x - signal[i]);
    const noisePower = residual.reduce((s, x) => s + x * x, 0) / residual.length;
    expect(10 * Math.log10(power / noisePower)).toBeCloseTo(10, 0);
  });

  it('clips labels to the new duration and keeps them ordered', () => {
    const phones: PhoneSpan[] = [
      { phone: 'SIL', start: 0, end: 0.5, word: null },
      { phone: 'S', start: 0.5, end: 1.5, word: 0 },
      { phone: 'SIL', start: 1.5, end: 2, word: null },
    ];
    const made = augment(tone(2), RATE, phones, { kind: 'tempo+gain', seed: 5, params: { tempo: 1.25, gainDb: -6 } }, []);
    expect(made.phones.map((p) => p.phone)).toEqual(['SIL', 'S', 'SIL']);
    expect(made.phones[1].start).toBeCloseTo(0.4, 6);
    expect(made.phones[2].end).toBeLessThanOrEqual(made.samples.length / RATE + 1e-9);
    expect(scaleSpans(phones, 2, 1).map((p) => p.phone)).toEqual(['SIL']);
  });
});
