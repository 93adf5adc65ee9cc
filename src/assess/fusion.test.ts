import { describe, expect, it } from 'vitest';
import { fuseEvidence } from './fusion';

const rowSumsToOne = (lp: Float32Array, classes: number, t: number) => {
  let s = 0;
  for (let c = 0; c < classes; c++) s += Math.exp(lp[t * classes + c]);
  return s;
};

describe('fuseEvidence', () => {
  const cnn = new Float32Array([Math.log(0.7), Math.log(0.2), Math.log(0.1), Math.log(0.1), Math.log(0.1), Math.log(0.8)]);
  // The second model prefers class 1 in frame 0 and class 0 in frame 1, by 20 nats.
  const second = { frames: 2, logLik: new Float32Array([-100, -80, -100, -80, -100, -100]) };
  it('is the CNN alone at weight 0 and the second model alone at weight 1', () => {
    expect(fuseEvidence(cnn, 2, 3, second, { weight: 0, scale: 1 })).toBe(cnn);
    const only = fuseEvidence(cnn, 2, 3, second, { weight: 1, scale: 0.1 });
    // softmax(0.1 · [−100, −80, −100]) = [e^-2, 1, e^-2] / (1 + 2e^-2)
    expect(Math.exp(only[1])).toBeCloseTo(1 / (1 + 2 * Math.exp(-2)), 5);
  });
  it('gives normalised rows that move towards the second model as its weight grows', () => {
    const half = fuseEvidence(cnn, 2, 3, second, { weight: 0.5, scale: 0.1 });
    for (let t = 0; t < 2; t++) expect(rowSumsToOne(half, 3, t)).toBeCloseTo(1, 5);
    expect(half[1]).toBeGreaterThan(cnn[1]);
    expect(half[3]).toBeGreaterThan(cnn[3]);
  });
  it('lines frames up by index and repeats the second model\'s last frame when it has fewer', () => {
    const short = { frames: 1, logLik: new Float32Array([-100, -80, -100]) };
    const fused = fuseEvidence(cnn, 2, 3, short, { weight: 1, scale: 0.1 });
    expect(fused[4]).toBeCloseTo(fused[1], 6);
  });
});
