import { describe, expect, it } from 'vitest';
import { findLessonItem, lessonPacks } from './packs';
import { validateLessonPack } from './schema';

describe('lesson packs', () => {
  it('has one valid pack of 10+ items per Brazilian pattern', () => {
    const packs = lessonPacks();
    expect(packs.map((p) => p.pattern)).toEqual(['TH', 'DH', 'IH_IY', 'AE_EH', 'UH_UW', 'AH_AA', 'R_HH', 'T_D_PALATAL', 'FINAL_VOWEL']);
    for (const pack of packs) expect(pack.items.length).toBeGreaterThanOrEqual(10);
  });

  it('makes minimal pairs differ in the pack\'s focus', () => {
    for (const pack of lessonPacks()) {
      for (const item of pack.items.filter((i) => i.kind === 'pair')) {
        const a = item.phones.flat();
        const b = item.partnerPhones!.flat();
        const differing = a.filter((p, i) => p !== b[i]);
        expect(differing.length, item.id).toBeGreaterThan(0);
        expect(differing.some((p) => pack.focus.includes(p)), item.id).toBe(true);
      }
    }
  });

  it('finds items by id and refuses a broken pack with the reason', () => {
    expect(findLessonItem('th-p-three-tree')?.item.partner).toBe('tree');
    const broken = structuredClone(lessonPacks()[0]) as { items: { phones: string[][] }[] };
    broken.items[0].phones = [['XX']];
    expect(() => validateLessonPack(broken)).toThrow(/items\.0\.phones\.0\.0: not one of the 40 phone classes/);
  });
});
