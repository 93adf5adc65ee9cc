import { describe, expect, it } from 'vitest';
import { trimSilence } from './trim';

function noise(n: number, amplitude: number, seed = 1): Float32Array {
  let s = seed;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    out[i] = amplitude * (s / 2 ** 30 - 1);
  }
  return out;
}

describe('trimSilence', () => {
  it('finds a burst of speech-like energy between quiet stretches', () => {
    const clip = noise(48_000, 0.001);
    const burst = noise(8_000, 0.3, 7);
    clip.set(burst, 16_000); // 1.0 s … 1.5 s
    const result = trimSilence(clip);
    expect(result.silent).toBe(false);
    expect(result.start).toBeGreaterThan(16_000 - 0.2 * 16_000);
    expect(result.start).toBeLessThanOrEqual(16_000);
    expect(result.end).toBeGreaterThanOrEqual(24_000);
    expect(result.end).toBeLessThan(24_000 + 0.25 * 16_000);
  });

  it('calls digital silence and faint hiss silent', () => {
    expect(trimSilence(new Float32Array(16_000)).silent).toBe(true);
    expect(trimSilence(noise(16_000, 0.0005)).silent).toBe(true);
    expect(trimSilence(new Float32Array(0)).silent).toBe(true);
  });

  it('keeps a clip that is speech from end to end', () => {
    const clip = noise(16_000, 0.2);
    const result = trimSilence(clip);
    expect(result).toMatchObject({ start: 0, end: 16_000, silent: false });
  });
});
