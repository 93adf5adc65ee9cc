import { describe, expect, it } from 'vitest';
import { fillShare, SHARE_STRINGS, shareStrings, type ShareStringKey } from './share';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('sharing strings', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const keys = Object.keys(SHARE_STRINGS.en).sort() as ShareStringKey[];
    expect(Object.keys(SHARE_STRINGS['pt-BR']).sort()).toEqual(keys);
    for (const key of keys) {
      const [en, pt] = [SHARE_STRINGS.en[key], SHARE_STRINGS['pt-BR'][key]];
      expect(en.trim().length, key).toBeGreaterThan(0);
      expect(pt.trim().length, key).toBeGreaterThan(0);
      expect(placeholders(pt), key).toEqual(placeholders(en));
    }
    expect(shareStrings('pt-BR').navShare).toBe('Compartilhar');
    expect(shareStrings('en').navShare).toBe('Share');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillShare('Added {attempts} of {total}', { attempts: 3 })).toBe('Added 3 of {total}');
  });
});
