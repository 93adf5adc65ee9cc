import { describe, expect, it } from 'vitest';
import { PHONES, phoneIndex } from '../../src/model/phones';
import { CONTRAST_PAIRS, EvalAccumulator, meanPosterior, meanSd, segmentsFromLabels } from './metrics';

/** Posteriors where each frame puts `p` on `hot[f]` and spreads the rest evenly. */
function posteriorsFor(hot: number[], p = 0.7): Float32Array {
  const data = new Float32Array(hot.length * 40).fill((1 - p) / 39);
  hot.forEach((c, f) => (data[f * 40 + c] = p));
  return data;
}

describe('evaluation metrics', () => {
  it('splits labels into runs', () => {
    expect(segmentsFromLabels([0, 0, 5, 5, 5, 0, 7])).toEqual([
      { phone: 0, start: 0, end: 2 }, { phone: 5, start: 2, end: 5 }, { phone: 0, start: 5, end: 6 }, { phone: 7, start: 6, end: 7 },
    ]);
  });

  it('averages posteriors over a segment', () => {
    const m = meanPosterior(posteriorsFor([1, 2]), 40, 0, 2);
    expect(m[1]).toBeCloseTo(0.35 + 0.3 / 78, 6);
  });

  it('counts frames, non-silence segments by mean posterior, and contrast choices', () => {
    const TH = phoneIndex('TH');
    const T = phoneIndex('T');
    const IY = phoneIndex('IY');
    const labels = [0, TH, TH, TH, IY, IY, 0];
    // TH's frames: two say T, one says TH strongly — the mean still favours T.
    const hot = [0, T, T, TH, IY, IY, 0];
    const acc = new EvalAccumulator(PHONES, 'mean');
    acc.add(posteriorsFor(hot), 40, labels, segmentsFromLabels(labels));
    const s = acc.summary();
    expect(s.frames).toBe(7);
    expect(s.frameAccuracy).toBeCloseTo(5 / 7);
    expect(s.segments).toBe(2);
    expect(s.segmentAccuracy).toBe(0.5);
    expect(s.pairs['TH/T']).toEqual({ balanced: 0, first: 0, second: null, n: [1, 0] });
    expect(s.pairs['TH/F']).toEqual({ balanced: 1, first: 1, second: null, n: [1, 0] });
    expect(s.pairs['IH/IY'].second).toBe(1);
    expect(s.confusion['TH T F S'].TH).toEqual({ TH: 0, T: 1, F: 0, S: 0 });
    expect(CONTRAST_PAIRS).toContainEqual(['D', 'JH']);
  });

  it('scores segments by mean log posterior by default (the GOP view): one confident wrong frame costs more', () => {
    const TH = phoneIndex('TH');
    const T = phoneIndex('T');
    const labels = [TH, TH, TH];
    const data = posteriorsFor([TH, TH, T], 0.5);
    // The third frame gives TH almost nothing: the mean posterior still picks TH, the mean log posterior does not.
    data[2 * 40 + TH] = 1e-6;
    const byMean = new EvalAccumulator(PHONES, 'mean');
    const byLog = new EvalAccumulator(PHONES);
    byMean.add(data, 40, labels, segmentsFromLabels(labels));
    byLog.add(data, 40, labels, segmentsFromLabels(labels));
    expect(byMean.summary().segmentAccuracy).toBe(1);
    expect(byLog.summary().segmentAccuracy).toBe(0);
  });

  it('summarises seeds', () => {
    expect(meanSd([0.5, 0.7, null])).toEqual({ mean: 0.6, sd: expect.closeTo(0.1414, 3), n: 2 });
    expect(meanSd([])).toEqual({ mean: null, sd: null, n: 0 });
  });
});
