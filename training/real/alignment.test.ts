import { describe, expect, it } from 'vitest';
import { frameLabels } from '../corpus/features';
import { PHONES } from '../../src/model/phones';
import { alignmentVerdict, sphinxPhone, toPhoneSpans, type SphinxAlignment } from './alignment';

const aligned: SphinxAlignment = {
  id: 'x',
  frames: 40,
  alignedScore: -100,
  phoneLoopScore: -60,
  phones: [
    { phone: 'SIL', word: null, variant: null, startFrame: 0, endFrame: 9 },
    { phone: 'TH', word: 0, variant: 0, startFrame: 10, endFrame: 19 },
    { phone: 'R', word: 0, variant: 0, startFrame: 20, endFrame: 24 },
    { phone: 'IY', word: 0, variant: 0, startFrame: 25, endFrame: 39 },
  ],
};

describe('Sphinx alignments', () => {
  it('maps the 39 CMU phones to themselves and silence/fillers to SIL; anything else is an error', () => {
    for (const p of PHONES.filter((p) => p !== 'SIL')) expect(sphinxPhone(p)).toBe(p);
    expect(sphinxPhone('SIL')).toBe('SIL');
    expect(sphinxPhone('+NSN+')).toBe('SIL');
    expect(sphinxPhone('+SPN+')).toBe('SIL');
    expect(() => sphinxPhone('AX')).toThrow(/no class/);
  });
  it('labels our log-mel frames with the phone Sphinx gave the same frame', () => {
    const labels = frameLabels(toPhoneSpans(aligned as Extract<SphinxAlignment, { frames: number }>), 40);
    const named = [...labels].map((i) => PHONES[i]);
    expect(named.slice(0, 10).every((p) => p === 'SIL')).toBe(true);
    expect(named.slice(10, 20).every((p) => p === 'TH')).toBe(true);
    expect(named.slice(20, 25).every((p) => p === 'R')).toBe(true);
    expect(named.slice(25, 40).every((p) => p === 'IY')).toBe(true);
  });
  it('keeps a plausible alignment and names why it rejects the others', () => {
    expect(alignmentVerdict(aligned, 1)).toEqual({ ok: true, scorePerFrame: -1 });
    expect(alignmentVerdict(aligned, 2)).toMatchObject({ ok: false, reason: '1 of 2 words not aligned' });
    expect(alignmentVerdict({ id: 'x', error: 'no final state' }, 1)).toMatchObject({ ok: false });
    const stuck = { ...aligned, phones: [...aligned.phones.slice(0, 3), { phone: 'IY', word: 0, variant: 0, startFrame: 25, endFrame: 125 }], frames: 126 };
    expect(alignmentVerdict(stuck, 1)).toMatchObject({ ok: false, reason: 'IY lasts 1.01 s' });
    expect(alignmentVerdict({ ...aligned, alignedScore: -2000 }, 1)).toMatchObject({ ok: false });
  });
});
