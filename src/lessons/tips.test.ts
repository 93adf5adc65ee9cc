import { describe, expect, it } from 'vitest';
import { catalogueEntries, findTip } from './tips';

describe('tips', () => {
  it('covers every Brazilian pattern of the curriculum in both languages', () => {
    const required = ['TH>T', 'TH>F', 'TH>S', 'DH>D', 'DH>Z', 'IH>IY', 'AE>EH', 'UH>UW', 'AH>AA', 'R>HH', 'T>CH', 'D>JH'];
    const keys = new Set(catalogueEntries().map((t) => `${t.expected}>${t.heard}`));
    for (const key of required) expect(keys, key).toContain(key);
    for (const tip of catalogueEntries()) {
      expect(tip.text['pt-BR'].length).toBeGreaterThan(20);
      expect(tip.text.en.length).toBeGreaterThan(20);
      expect(tip.pattern).not.toBeNull();
    }
  });

  it('gives a minimal pair for substitutions', () => {
    expect(findTip('TH', 'T').minimalPair).toEqual(['three', 'tree']);
    expect(findTip('IH', 'IY').minimalPair).toEqual(['ship', 'sheep']);
  });

  it('has a tip for inserted final vowels', () => {
    const tip = findTip('G', 'VOWEL');
    expect(tip.pattern).toBe('FINAL_VOWEL');
    expect(tip.text['pt-BR']).toMatch(/vogal/);
  });

  it('falls back to a generic tip naming both sounds', () => {
    const tip = findTip('TH', 'K');
    expect(tip.pattern).toBeNull();
    expect(tip.text.en).toContain('"th" as in "think"');
    expect(tip.text.en).toContain('/K/');
  });
});
