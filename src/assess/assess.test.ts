import { dictionary } from 'cmu-pronouncing-dictionary';
import { describe, expect, it } from 'vitest';
import { PHONE_COUNT, phoneIndex } from '../model/phones';
import { createAssessor, type PhoneClassifier } from './assess';
import { AssessError } from './errors';
import { createLexicon } from './lexicon';
import type { Calibration } from './types';

const CALIBRATION: Calibration = { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: { note: 'test' } };

/** A classifier that hears the given phones one after another, in equal shares of the frames. */
function hears(...phones: string[]): PhoneClassifier {
  return {
    async posteriors(logMel) {
      const data = new Float32Array(logMel.frames * PHONE_COUNT).fill(0.1 / (PHONE_COUNT - 1));
      for (let t = 0; t < logMel.frames; t++) {
        const phone = phones[Math.min(phones.length - 1, Math.floor((t * phones.length) / logMel.frames))];
        data[t * PHONE_COUNT + phoneIndex(phone)] = 0.9;
      }
      return { data, frames: logMel.frames };
    },
  };
}

function burst(seconds: number, rate: number, from: number, to: number, amplitude = 0.3): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  let s = 3;
  for (let i = Math.round(from * rate); i < Math.round(to * rate); i++) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    out[i] = amplitude * (s / 2 ** 30 - 1);
  }
  return out;
}

const lexicon = createLexicon(dictionary);

async function failure(promise: Promise<unknown>): Promise<AssessError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AssessError) return error;
    throw error;
  }
  throw new Error('expected an AssessError');
}

describe('createAssessor', () => {
  it('assesses a clip at any rate, timing phones from the start of the file', async () => {
    const assessor = createAssessor({ classifier: hears('SIL', 'TH', 'R', 'IY', 'IY', 'SIL'), lexicon, calibration: CALIBRATION });
    const result = await assessor.assess({ id: 'a', text: 'Three!', samples: burst(2, 44_100, 0.8, 1.4), sampleRateHz: 44_100 });
    expect(result.id).toBe('a');
    expect(result.words).toHaveLength(1);
    expect(result.words[0].phones.map((p) => `${p.phone}:${p.verdict}`)).toEqual(['TH:ok', 'R:ok', 'IY:ok']);
    expect(result.words[0].phones[0].start).toBeGreaterThan(0.6);
    expect(result.words[0].phones[2].end).toBeLessThan(1.6);
    expect(result.warnings).toEqual([]);
  });

  it('uses a lesson item\'s own phones instead of the dictionary', async () => {
    const assessor = createAssessor({ classifier: hears('SIL', 'T', 'R', 'IY', 'SIL'), calibration: CALIBRATION });
    const result = await assessor.assess({ id: 'b', text: 'three', samples: burst(1, 16_000, 0.2, 0.8), sampleRateHz: 16_000, pronunciations: [[['TH', 'R', 'IY']]] });
    expect(result.words[0].phones[0]).toMatchObject({ phone: 'TH', verdict: 'mispronounced', heard: 'T' });
  });

  it('refuses silence, over-long clips, unknown words and empty text with typed errors', async () => {
    const assessor = createAssessor({ classifier: hears('SIL'), lexicon, calibration: CALIBRATION });
    const silent = await failure(assessor.assess({ id: 's', text: 'three', samples: new Float32Array(16_000), sampleRateHz: 16_000 }));
    expect(silent.code).toBe('CLIP_SILENT');
    const long = await failure(assessor.assess({ id: 'l', text: 'three', samples: burst(31, 8_000, 0, 31), sampleRateHz: 8_000 }));
    expect(long.code).toBe('CLIP_TOO_LONG');
    expect(long.message).toMatch(/31\.0 s/);
    const unknown = await failure(assessor.assess({ id: 'u', text: 'three zzyzxq', samples: burst(1, 16_000, 0.2, 0.8), sampleRateHz: 16_000 }));
    expect(unknown.code).toBe('UNKNOWN_WORD');
    expect(unknown.message).toContain('zzyzxq');
    const empty = await failure(assessor.assess({ id: 'e', text: ' ?! ', samples: burst(1, 16_000, 0.2, 0.8), sampleRateHz: 16_000 }));
    expect(empty.code).toBe('EMPTY_TEXT');
  });

  it('warns about clipping and quiet recordings', async () => {
    const assessor = createAssessor({ classifier: hears('SIL', 'TH', 'R', 'IY', 'SIL'), lexicon, calibration: CALIBRATION });
    const loud = burst(1, 16_000, 0.2, 0.8, 1.5).map((v) => Math.max(-1, Math.min(1, v)));
    expect((await assessor.assess({ id: 'c', text: 'three', samples: loud, sampleRateHz: 16_000 })).warnings).toContain('clipped');
    const quiet = burst(1, 16_000, 0.2, 0.8, 0.01);
    expect((await assessor.assess({ id: 'q', text: 'three', samples: quiet, sampleRateHz: 16_000 })).warnings).toContain('quiet');
  });
});
