import { describe, expect, it } from 'vitest';
import { createRealFft } from './fft';

function naivePower(x: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      im -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    out[k] = re * re + im * im;
  }
  return out;
}

describe('createRealFft', () => {
  it('agrees with a direct DFT on random input', () => {
    for (const size of [8, 64, 512]) {
      const plan = createRealFft(size);
      const x = Float64Array.from({ length: size }, (_, i) => Math.sin(i * 1.7) + ((i * 7919) % 13) / 13 - 0.5);
      const out = new Float64Array(size / 2 + 1);
      plan.powerSpectrum(x, out);
      const ref = naivePower(x);
      for (let k = 0; k <= size / 2; k++) expect(out[k]).toBeCloseTo(ref[k], 6);
    }
  });

  it('puts a pure tone in its bin', () => {
    const plan = createRealFft(512);
    const x = Float64Array.from({ length: 512 }, (_, i) => Math.cos((2 * Math.PI * 32 * i) / 512));
    const out = new Float64Array(257);
    plan.powerSpectrum(x, out);
    expect(out[32]).toBeCloseTo(256 * 256, 3);
    expect(out[31]).toBeLessThan(1e-12);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => createRealFft(400)).toThrow(/power of two/);
  });
});
