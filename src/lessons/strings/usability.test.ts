import { describe, expect, it } from 'vitest';
import { refusalStrings, type RefusalCode } from './usability';

describe('refusal strings', () => {
  it('explain every refusal reason in both languages, asking for just the item where the take was too long', () => {
    const codes: RefusalCode[] = ['silent', 'clipped', 'too-long', 'word-count'];
    for (const language of ['en', 'pt-BR'] as const) {
      const s = refusalStrings(language);
      expect(Object.keys(s.reasons).sort()).toEqual([...codes].sort());
      for (const text of [s.title, s.kept, s.refused, ...Object.values(s.reasons)]) expect(text.trim().length).toBeGreaterThan(0);
    }
    expect(refusalStrings('en').reasons['too-long']).toContain('Record just the item');
    expect(refusalStrings('pt-BR').reasons['too-long']).toContain('Grave só o item');
    expect(refusalStrings('pt-BR').reasons.silent).toContain('Não ouvimos nada');
  });
});
