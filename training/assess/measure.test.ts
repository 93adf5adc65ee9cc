import { describe, expect, it } from 'vitest';
import type { PhoneAssessment } from '../../src/assess/types';
import type { AssessCase } from './cases';
import { figuresBy, gopSamples, type CaseOutcome } from './measure';

const phone = (p: string, verdict: PhoneAssessment['verdict'], heard: PhoneAssessment['heard'] = null): PhoneAssessment => ({ phone: p, start: 0, end: 0.1, score: 50, verdict, heard });
const base = { family: 'rms', voice: 'rms', samples: new Float32Array(0), sampleRateHz: 16_000 };
const native: AssessCase = { ...base, id: 'n', kind: 'native', contrast: 'TH/T', text: 'three', pronunciations: [['TH', 'R', 'IY']] };
const sub: AssessCase = { ...base, id: 's', kind: 'substitution', contrast: 'TH/T', text: 'three', pronunciations: [['TH', 'R', 'IY']], target: { position: 0, expected: 'TH', said: 'T' } };
const epen: AssessCase = { ...base, id: 'e', kind: 'epenthesis', contrast: 'final-vowel', text: 'big', pronunciations: [['B', 'IH', 'G']], after: 'G' };

describe('assessment figures', () => {
  it('counts false rejections, detections, diagnoses and insertions', () => {
    const outcomes: CaseOutcome[] = [
      { case: native, phones: [phone('TH', 'ok'), phone('R', 'mispronounced', 'L'), phone('IY', 'ok')], gops: [{ phone: 'TH', gop: 2 }, { phone: 'R', gop: -1 }, { phone: 'IY', gop: 3 }] },
      { case: sub, phones: [phone('TH', 'mispronounced', 'T'), phone('R', 'ok'), phone('IY', 'ok')], gops: [{ phone: 'TH', gop: -4 }, { phone: 'R', gop: 1 }, { phone: 'IY', gop: 1 }] },
      { case: sub, phones: [phone('TH', 'mispronounced', 'S'), phone('R', 'ok'), phone('IY', 'ok')], gops: [{ phone: 'TH', gop: -2 }] },
      { case: epen, phones: [phone('B', 'ok'), phone('IH', 'ok'), phone('G', 'ok'), phone('IY', 'inserted')], gops: [] },
      { case: native, phones: null, gops: [], error: 'silent' },
    ];
    const all = figuresBy(outcomes, (o) => o.case.family).get('all')!;
    expect(all).toMatchObject({ correctPhones: 3, falseRejections: 1, substitutions: 2, detected: 2, diagnosed: 1, epentheses: 1, insertionsFound: 1, failures: 1 });
    const samples = gopSamples(outcomes);
    expect(samples.filter((s) => s.correct)).toHaveLength(3);
    expect(samples.filter((s) => !s.correct).map((s) => s.gop)).toEqual([-4, -2]);
  });
});
