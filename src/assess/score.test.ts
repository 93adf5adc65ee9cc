import { describe, expect, it } from 'vitest';
import { PHONE_COUNT, phoneIndex } from '../model/phones';
import { buildAlignGraph, viterbiAlign, type ExpectedWord } from './forcedAlign';
import { boundarySeconds, gopScore, scoreAlignment, utteranceScore } from './score';
import { syntheticLogPosteriors } from './testPosteriors';
import type { Calibration } from './types';

const CALIBRATION: Calibration = { version: 1, thresholds: { TH: 0.5 }, defaultThreshold: 0, slope: 1, fittedOn: { note: 'test' } };
const word = (w: string, pron: string): ExpectedWord => ({ word: w, pronunciations: [pron.split(' ')] });

function assess(words: ExpectedWord[], runs: [string, number][], offsetSeconds = 0) {
  const graph = buildAlignGraph(words);
  const { data, frames } = syntheticLogPosteriors(runs);
  const alignment = viterbiAlign(graph, data, frames, PHONE_COUNT)!;
  return scoreAlignment({ words, graph, alignment, logPosteriors: data, classes: PHONE_COUNT, calibration: CALIBRATION, offsetSeconds }).words;
}

describe('scoring', () => {
  it('passes a phone said as expected', () => {
    const [three] = assess([word('three', 'TH R IY')], [['SIL', 10], ['TH', 8], ['R', 5], ['IY', 12], ['SIL', 6]]);
    expect(three.phones.map((p) => p.verdict)).toEqual(['ok', 'ok', 'ok']);
    expect(three.phones.every((p) => p.heard === null && p.score > 90)).toBe(true);
    expect(three.score).toBeGreaterThan(90);
  });

  it('says "tree" for "three" is TH mispronounced, heard T', () => {
    const [three] = assess([word('three', 'TH R IY')], [['SIL', 10], ['T', 8], ['R', 5], ['IY', 12], ['SIL', 6]]);
    expect(three.phones[0]).toMatchObject({ phone: 'TH', verdict: 'mispronounced', heard: 'T' });
    expect(three.phones[0].score).toBeLessThan(10);
    expect(three.phones.slice(1).map((p) => p.verdict)).toEqual(['ok', 'ok']);
    expect(three.score).toBeLessThan(80);
  });

  it('reports an inserted vowel as an entry after the consonant', () => {
    const [big] = assess([word('big', 'B IH G')], [['SIL', 5], ['B', 5], ['IH', 10], ['G', 6], ['IY', 10], ['SIL', 5]]);
    expect(big.phones.map((p) => `${p.phone}:${p.verdict}`)).toEqual(['B:ok', 'IH:ok', 'G:ok', 'IY:inserted']);
    const inserted = big.phones[3];
    expect(inserted.heard).toBeNull();
    expect(inserted.start).toBeCloseTo(big.phones[2].end, 6);
  });

  it('marks a phone that was not said as missing, with start = end', () => {
    const [big] = assess([word('big', 'B IH G')], [['SIL', 5], ['B', 5], ['IH', 12], ['SIL', 12]]);
    expect(big.phones[2]).toMatchObject({ phone: 'G', verdict: 'missing', score: 0, heard: null });
    expect(big.phones[2].start).toBe(big.phones[2].end);
    expect(big.phones[2].start).toBeCloseTo(big.phones[1].end, 6);
  });

  it('times phones in seconds from the start of the file', () => {
    const [three] = assess([word('three', 'TH R IY')], [['SIL', 10], ['TH', 8], ['R', 5], ['IY', 12], ['SIL', 6]], 0.5);
    expect(three.phones[0].start).toBeCloseTo(0.5 + boundarySeconds(10), 3);
    expect(three.phones[0].end).toBeCloseTo(0.5 + boundarySeconds(18), 3);
    expect(boundarySeconds(0)).toBeCloseTo(0.0075, 10);
  });

  it('maps GOP to 0–100 with 60 at the threshold', () => {
    expect(gopScore(1, 1, 2)).toBe(60);
    expect(gopScore(10, 1, 2)).toBe(100);
    expect(gopScore(-10, 1, 2)).toBe(0);
    expect(utteranceScore([])).toBe(0);
  });

  it('checks a passing phone against its contrast partner with the calibrated margin', () => {
    const words = [word('three', 'TH R IY')];
    const graph = buildAlignGraph(words);
    const { data, frames } = syntheticLogPosteriors([['SIL', 5], ['TH', 8], ['R', 5], ['IY', 12], ['SIL', 5]]);
    // The TH frames: TH 0.5, T 0.4 (a "tree" the 40-way GOP lets through).
    for (let t = 5; t < 13; t++) {
      data[t * PHONE_COUNT + phoneIndex('TH')] = Math.log(0.5);
      data[t * PHONE_COUNT + phoneIndex('T')] = Math.log(0.4);
    }
    const alignment = viterbiAlign(graph, data, frames, PHONE_COUNT)!;
    const run = (contrastMargins?: Record<string, number>) =>
      scoreAlignment({ words, graph, alignment, logPosteriors: data, classes: PHONE_COUNT, calibration: { ...CALIBRATION, thresholds: { TH: -10 }, contrastMargins }, offsetSeconds: 0 });
    expect(run().words[0].phones[0]).toMatchObject({ verdict: 'ok', heard: null });
    // llr(T vs TH) = log 0.4 − log 0.5 ≈ −0.22: above a −0.5 margin → mispronounced, heard T; below a 0 margin → ok.
    const strict = run({ 'TH>T': -0.5 });
    expect(strict.words[0].phones[0]).toMatchObject({ verdict: 'mispronounced', heard: 'T' });
    expect(strict.words[0].phones[0].score).toBeLessThan(60);
    expect(run({ 'TH>T': 0 }).words[0].phones[0]).toMatchObject({ verdict: 'ok', heard: null });
    const llr = strict.measurements[0].contrasts.find((c) => c.partner === 'T')?.llr;
    expect(llr).toBeCloseTo(Math.log(0.4 / 0.5), 5);
  });
});

describe('the not-sure band', () => {
  it('passes at or above the pass point, is unsure inside the band, rejects below it', async () => {
    const { phoneVerdict, unsureBandFor } = await import('./score');
    expect(phoneVerdict(0, 1)).toBe('ok');
    expect(phoneVerdict(-0.5, 1)).toBe('unsure');
    expect(phoneVerdict(-1, 1)).toBe('unsure');
    expect(phoneVerdict(-1.01, 1)).toBe('mispronounced');
    expect(phoneVerdict(-0.01, 0)).toBe('mispronounced');
    const calibration = { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {}, unsureBands: { TH: 0.7 }, defaultUnsureBand: 0.2 };
    expect(unsureBandFor(calibration, 'TH')).toBe(0.7);
    expect(unsureBandFor(calibration, 'S')).toBe(0.2);
    expect(unsureBandFor({ ...calibration, unsureBands: undefined, defaultUnsureBand: undefined }, 'S')).toBe(0);
  });
});
