import { describe, expect, it } from 'vitest';
import { countList, countPhrase, fillShare, SHARE_STRINGS, shareStrings, type ShareStringKey } from './share';

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
    expect(shareStrings('pt-BR').navShare.replace('\u00AD', '')).toBe('Compartilhar');
    expect(shareStrings('en').navShare).toBe('Share');
  });

  it('counts with the right plural in each language, listing the non-zero ones', () => {
    expect(countPhrase('en', 'attempts', 1)).toBe('1 attempt');
    expect(countPhrase('pt-BR', 'sessions', 2)).toBe('2 sessões');
    expect(countPhrase('pt-BR', 'learners', 0)).toBe('0 alunos');
    expect(countList('en', { learners: 2, sessions: 0, attempts: 3, reviews: 1 })).toBe('2 learners, 3 attempts, and 1 review');
    expect(countList('pt-BR', { learners: 1, attempts: 2 })).toBe('1 aluno e 2 tentativas');
    expect(countList('en', { learners: 0, attempts: 0 })).toBe('0 learners and 0 attempts');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillShare('Added {attempts} of {total}', { attempts: 3 })).toBe('Added 3 of {total}');
  });
});
