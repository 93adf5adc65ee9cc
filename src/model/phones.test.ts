import { describe, expect, it } from 'vitest';
import { isPhone, isVowel, PHONE_COUNT, phoneIndex, PHONES } from './phones';

describe('phones', () => {
  it('holds the 40 classes of the contract in order, SIL first', () => {
    expect(PHONE_COUNT).toBe(40);
    expect(PHONES.join(' ')).toBe(
      'SIL AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH',
    );
    expect(new Set(PHONES).size).toBe(40);
  });

  it('indexes phones and refuses unknown names', () => {
    expect(phoneIndex('SIL')).toBe(0);
    expect(phoneIndex('ZH')).toBe(39);
    expect(phoneIndex('TH')).toBe(32);
    expect(() => phoneIndex('th')).toThrow(/not one of the 40/);
    expect(isPhone('DX')).toBe(false);
  });

  it('knows the vowels', () => {
    expect(PHONES.filter(isVowel)).toHaveLength(15);
    expect(isVowel('ER')).toBe(true);
    expect(isVowel('R')).toBe(false);
  });
});
