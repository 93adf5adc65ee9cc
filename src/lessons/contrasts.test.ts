import { describe, expect, it } from 'vitest';
import { PHONES } from '../model/phones';
import { BRAZILIAN_CONTRASTS, contrastGroups, contrastPartners } from './contrasts';

describe('Brazilian contrasts', () => {
  it('give the contrast check its partners, both-way confusions in both directions', () => {
    expect(contrastPartners()).toEqual({
      TH: ['T', 'F', 'S'],
      DH: ['D', 'Z'],
      IH: ['IY'],
      IY: ['IH'],
      EH: ['AE'],
      AE: ['EH'],
      UH: ['UW'],
      UW: ['UH'],
      AH: ['AA'],
      AA: ['AH'],
      R: ['HH'],
      HH: ['R'],
      T: ['CH'],
      D: ['JH'],
    });
  });

  it('give the training code its groups, target first, over the 40 phones', () => {
    const groups = contrastGroups();
    expect(groups).toHaveLength(BRAZILIAN_CONTRASTS.length);
    expect(groups[0]).toEqual(['TH', 'T', 'F', 'S']);
    for (const phone of groups.flat()) expect(PHONES).toContain(phone);
  });
});
