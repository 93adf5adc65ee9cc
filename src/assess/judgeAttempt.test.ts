import { dictionary } from 'cmu-pronouncing-dictionary';
import { describe, expect, it } from 'vitest';
import { PHONE_COUNT, phoneIndex } from '../model/phones';
import { createAssessor, type PhoneClassifier } from './assess';
import { judgeAttempt } from './judgeAttempt';
import { createLexicon } from './lexicon';
import { combinePairEvidence } from './pairEvidence';
import type { Posteriorgram } from './referenceCompare';
import { syntheticLogPosteriors } from './testPosteriors';
import type { Calibration } from './types';

const CALIBRATION: Calibration = { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: { note: 'test' } };
const lexicon = createLexicon(dictionary);

/** A classifier that hears the given phones one after another, in equal shares of the frames (`share` of the mass on each). */
function hears(phones: string[], share = 0.9, also?: { phone: string; share: number; during: string }): PhoneClassifier {
  return {
    async posteriors(logMel) {
      const data = new Float32Array(logMel.frames * PHONE_COUNT).fill((1 - share) / (PHONE_COUNT - 1));
      for (let t = 0; t < logMel.frames; t++) {
        const phone = phones[Math.min(phones.length - 1, Math.floor((t * phones.length) / logMel.frames))];
        data[t * PHONE_COUNT + phoneIndex(phone)] = share;
        if (also && phone === also.during) data[t * PHONE_COUNT + phoneIndex(also.phone)] = also.share;
      }
      return { data, frames: logMel.frames };
    },
  };
}

/** A second of noise between 0.3 s of silence at each end, 16 kHz. */
function clip(): Float32Array {
  const out = new Float32Array(16_000 * 1.6);
  let s = 7;
  for (let i = 4800; i < out.length - 4800; i++) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    out[i] = 0.3 * (s / 2 ** 30 - 1);
  }
  return out;
}

const request = { id: 'a', text: 'three', samples: clip(), sampleRateHz: 16_000 };

function gram(runs: [string, number][]): Posteriorgram {
  const { data, frames } = syntheticLogPosteriors(runs, 0.8);
  return { data: data.map(Math.exp), frames, classes: PHONE_COUNT };
}

describe('judgeAttempt', () => {
  it('without a partner gives the assessor’s verdicts', async () => {
    const assessor = createAssessor({ classifier: hears(['SIL', 'TH', 'R', 'IY', 'SIL']), lexicon, calibration: CALIBRATION });
    const judged = await judgeAttempt(assessor, request);
    expect(judged.pair).toBeNull();
    expect(judged.result).toEqual(await assessor.assess(request));
  });

  it('on acoustic evidence: "tree" said for "three" is mispronounced, heard as T; "three" said stays ok', async () => {
    const saidTree = createAssessor({ classifier: hears(['SIL', 'T', 'R', 'IY', 'SIL'], 0.6, { phone: 'TH', share: 0.3, during: 'T' }), lexicon, calibration: CALIBRATION });
    const wrong = await judgeAttempt(saidTree, { ...request, partner: { text: 'tree' } });
    expect(wrong.pair).toMatchObject({ focusPhone: 'TH', partnerPhone: 'T', partner: 'tree', evidence: 'acoustic' });
    expect(wrong.pair!.pTarget).toBeLessThan(0.5);
    expect(wrong.result.words[0].phones[0]).toMatchObject({ phone: 'TH', verdict: 'mispronounced', heard: 'T' });

    const saidThree = createAssessor({ classifier: hears(['SIL', 'TH', 'R', 'IY', 'SIL']), lexicon, calibration: CALIBRATION });
    const right = await judgeAttempt(saidThree, { ...request, partner: { text: 'tree' } });
    expect(right.pair!.pTarget).toBeGreaterThan(0.9);
    expect(right.pair!.logScoreRatio).toBeGreaterThan(0);
    expect(right.result.words[0].phones[0]).toMatchObject({ phone: 'TH', verdict: 'ok', heard: null });
  });

  it('with native references decides by the reference comparison, combined by the one rule', async () => {
    const assessor = createAssessor({ classifier: hears(['SIL', 'TH', 'R', 'IY', 'SIL']), lexicon, calibration: CALIBRATION });
    // References that say the learner sounded like the partner: the combination weighs them against a good GOP.
    const references = async () => ({ target: [gram([['T', 5], ['R', 4], ['IY', 10]])], partner: [gram([['TH', 6], ['R', 4], ['IY', 10]])] });
    const judged = await judgeAttempt(assessor, { ...request, partner: { text: 'tree', pronunciations: [[['T', 'R', 'IY']]], references } });
    const pair = judged.pair!;
    expect(pair.evidence).toBe('references');
    expect(pair.targetDistance).toBeGreaterThan(pair.partnerDistance!);
    const combined = combinePairEvidence('ok', pair.pGop, pair.pTarget);
    expect(pair.pOk).toBeCloseTo(combined.pOk, 12);
    expect(judged.result.words[0].phones[0].verdict).toBe(combined.verdict);
  });

  it('keeps the GOP verdicts when the words do not line up phone by phone', async () => {
    const assessor = createAssessor({ classifier: hears(['SIL', 'TH', 'R', 'IY', 'SIL']), lexicon, calibration: CALIBRATION });
    const judged = await judgeAttempt(assessor, { ...request, partner: { text: 'thirty' } });
    expect(judged.pair).toBeNull();
    expect(judged.result).toEqual(await assessor.assess(request));
  });
});
