import { describe, expect, it } from 'vitest';
import { boundarySeconds } from '../assess';
import { phoneIndex } from '../model/phones';
import { phonesFromLabels } from './teacherNative';

const labels = (...runs: [string, number][]) => Int32Array.from(runs.flatMap(([p, n]) => Array.from({ length: n }, () => phoneIndex(p))));

describe('phonesFromLabels', () => {
  it('turns label runs into timed phones, giving non-silence runs to the words in order', () => {
    const phones = phonesFromLabels(labels(['SIL', 5], ['TH', 4], ['R', 3], ['IY', 10], ['SIL', 6], ['T', 3], ['R', 2], ['IY', 8], ['Z', 5], ['SIL', 2]), [3, 4]);
    expect(phones.map((p) => p.phone)).toEqual(['SIL', 'TH', 'R', 'IY', 'SIL', 'T', 'R', 'IY', 'Z', 'SIL']);
    expect(phones.map((p) => p.word)).toEqual([null, 0, 0, 0, null, 1, 1, 1, 1, null]);
    expect(phones[1].start).toBeCloseTo(boundarySeconds(5), 9);
    expect(phones[1].end).toBeCloseTo(boundarySeconds(9), 9);
    expect(phones.at(-1)!.end).toBeCloseTo(boundarySeconds(48), 9);
  });
});
