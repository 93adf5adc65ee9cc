import { describe, expect, it } from 'vitest';
import { dtw, warpIndex } from './dtw';

/** A 1-D sequence as feature frames with 2 dims: [value, 1]. */
function seq(values: number[]): Float32Array {
  return Float32Array.from(values.flatMap((v) => [v, 1]));
}

describe('dtw', () => {
  it('aligns a sequence with a time-stretched copy of itself at zero cost', () => {
    const a = [0, 1, 2, 3, 4, 5];
    const b = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
    const result = dtw(seq(a), a.length, seq(b), b.length, 2);
    expect(result.cost).toBe(0);
    expect(result.path[0]).toEqual([0, 0]);
    expect(result.path[result.path.length - 1]).toEqual([5, 11]);
    const warp = warpIndex(result.path, a.length);
    for (let i = 0; i < a.length; i++) expect(Math.floor(warp[i] / 2)).toBe(i);
  });

  it('is monotonic and continuous', () => {
    const a = Array.from({ length: 30 }, (_, i) => Math.sin(i / 3));
    const b = Array.from({ length: 45 }, (_, i) => Math.sin(i / 4.5) + 0.05);
    const { path } = dtw(seq(a), a.length, seq(b), b.length, 2, { band: 0.2 });
    for (let k = 1; k < path.length; k++) {
      const di = path[k][0] - path[k - 1][0];
      const dj = path[k][1] - path[k - 1][1];
      expect(di >= 0 && dj >= 0 && di <= 1 && dj <= 1 && di + dj > 0).toBe(true);
    }
  });

  it('costs more for a different sequence, and handles cosine distance and empty input', () => {
    const a = seq([0, 1, 2, 3]);
    const same = dtw(a, 4, seq([0, 1, 2, 3]), 4, 2).cost;
    const other = dtw(a, 4, seq([3, 2, 1, 0]), 4, 2).cost;
    expect(other).toBeGreaterThan(same);
    expect(dtw(a, 4, a, 4, 2, { distance: 'cosine' }).cost).toBeCloseTo(0, 6);
    expect(dtw(a, 0, a, 4, 2).cost).toBe(Infinity);
  });
});
