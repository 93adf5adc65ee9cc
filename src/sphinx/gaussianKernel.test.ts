// The WebAssembly SIMD kernel against the plain JavaScript loop it replaces.
import { beforeAll, describe, expect, it } from 'vitest';
import { sphinxFeatures } from '../dsp/sphinxFe';
import { gaussianKernel } from './gaussianKernel';
import { loadSphinxModelFromDir } from './node';
import { scoreFrames } from './scorer';
import type { SphinxModel } from './types';

describe('the Gaussian SIMD kernel', () => {
  let model: SphinxModel;
  let features: { frames: number; data: Float32Array };
  beforeAll(async () => {
    model = await loadSphinxModelFromDir();
    // A chirp with noise: every codebook gets a workout.
    const x = new Float32Array(16_000).map((_, n) => 0.3 * Math.sin(2 * Math.PI * (200 + n / 8) * (n / 16_000)) + 0.01 * Math.sin(n * 12.9898) * 43758.5453 % 1);
    features = sphinxFeatures(x);
  });

  it('is available in Node', () => {
    expect(gaussianKernel(model)).not.toBeNull();
  });

  it('gives the senone scores of the JavaScript loop (≥ 99.9% identical, the rest within one unit)', () => {
    const simd = scoreFrames(model, features.data, features.frames);
    const js = scoreFrames(model, features.data, features.frames, { simd: false });
    let same = 0;
    let total = 0;
    for (let t = 0; t < features.frames; t++) {
      for (let s = 0; s < model.senones; s += 7) {
        const a = simd.senscr(t, s);
        const b = js.senscr(t, s);
        total++;
        if (a === b) same++;
        else expect(Math.abs(a - b)).toBeLessThanOrEqual(2);
      }
    }
    expect(same / total).toBeGreaterThanOrEqual(0.999);
  });
});
