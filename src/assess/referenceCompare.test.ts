import { describe, expect, it } from 'vitest';
import { PHONE_COUNT } from '../model/phones';
import { combinePairEvidence } from './pairEvidence';
import { compareWithReferences, posteriorgramDistance, type Posteriorgram } from './referenceCompare';
import { syntheticLogPosteriors } from './testPosteriors';

function gram(runs: [string, number][]): Posteriorgram {
  const { data, frames } = syntheticLogPosteriors(runs, 0.8);
  return { data: data.map(Math.exp), frames, classes: PHONE_COUNT };
}

const three = (scale = 1) => gram([['TH', 6 * scale], ['R', 4 * scale], ['IY', 10 * scale]]);
const tree = (scale = 1) => gram([['T', 5 * scale], ['R', 4 * scale], ['IY', 10 * scale]]);

describe('reference comparison', () => {
  it('finds a slower rendition of the same word closer than its minimal-pair partner', () => {
    expect(posteriorgramDistance(three(2), three())).toBeLessThan(posteriorgramDistance(three(2), tree()));
    expect(posteriorgramDistance(three(), three(2))).toBeCloseTo(0, 6);
  });

  it('says "tree" audio is the partner and "three" audio the target', () => {
    expect(compareWithReferences(tree(2), [three()], [tree()]).pTarget).toBeLessThan(0.1);
    expect(compareWithReferences(three(2), [three(), three(1)], [tree()]).pTarget).toBeGreaterThan(0.9);
  });

  it('combines the GOP verdict and the pair evidence by the worse of the two (a rejection is never cleared)', () => {
    expect(combinePairEvidence('ok', 0.9, 0.99)).toEqual({ pOk: 0.9, verdict: 'ok', pair: 'ok' });
    expect(combinePairEvidence('ok', 0.9, 0.01).verdict).toBe('mispronounced');
    expect(combinePairEvidence('ok', 0.9, 0.5).verdict).toBe('unsure');
    expect(combinePairEvidence('unsure', 0.55, 0.99).verdict).toBe('unsure');
    // espeak's "tree" for "three" used to pass when confident references outvoted a rejecting GOP.
    expect(combinePairEvidence('mispronounced', 0.2, 0.99).verdict).toBe('mispronounced');
  });
});
