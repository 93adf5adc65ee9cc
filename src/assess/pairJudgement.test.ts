import { describe, expect, it } from 'vitest';
import type { AssessResult } from './types';
import { applyPairJudgement, pairFocus } from './pairJudgement';

const three: AssessResult = {
  id: 'a',
  text: 'three',
  score: 90,
  warnings: [],
  words: [
    {
      word: 'three',
      score: 90,
      phones: [
        { phone: 'TH', start: 0.1, end: 0.2, score: 85, verdict: 'ok', heard: null },
        { phone: 'R', start: 0.2, end: 0.3, score: 90, verdict: 'ok', heard: null },
        { phone: 'IY', start: 0.3, end: 0.5, score: 95, verdict: 'ok', heard: null },
      ],
    },
  ],
};

describe('pair focus', () => {
  it('finds the first differing phone', () => {
    expect(pairFocus([['TH', 'R', 'IY']], [['T', 'R', 'IY']])).toEqual({ word: 0, index: 0, phone: 'TH', partnerPhone: 'T' });
    expect(pairFocus([['B', 'IH', 'G']], [['B', 'IH', 'G', 'IY']])).toBeNull();
  });
});

describe('pair judgement', () => {
  it('a rejected focus phone becomes mispronounced, heard as the partner phone, and scores follow', () => {
    const out = applyPairJudgement(three, { word: 0, index: 0, phone: 'TH', partnerPhone: 'T' }, { pOk: 0.2, verdict: 'mispronounced' });
    expect(out.words[0].phones[0]).toMatchObject({ verdict: 'mispronounced', heard: 'T', score: 20 });
    expect(out.words[0].score).toBe(68);
    expect(out.score).toBe(68);
  });
  it('an accepted focus phone becomes ok with at least the threshold score', () => {
    const borderline = { ...three, words: [{ ...three.words[0], phones: [{ ...three.words[0].phones[0], verdict: 'unsure' as const, heard: 'T' as const, score: 55 }, ...three.words[0].phones.slice(1)] }] };
    const out = applyPairJudgement(borderline, { word: 0, index: 0, phone: 'TH', partnerPhone: 'T' }, { pOk: 0.7, verdict: 'ok' });
    expect(out.words[0].phones[0]).toMatchObject({ verdict: 'ok', heard: null, score: 60 });
  });
  it('a not-sure pair leaves the focus phone unsure, heard as the partner, below the pass score', () => {
    const out = applyPairJudgement(three, { word: 0, index: 0, phone: 'TH', partnerPhone: 'T' }, { pOk: 0.48, verdict: 'unsure' });
    expect(out.words[0].phones[0]).toMatchObject({ verdict: 'unsure', heard: 'T', score: 48 });
  });
});
