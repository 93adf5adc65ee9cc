import { describe, expect, it } from 'vitest';
import { planCorpus } from './plan';
import { loadRecipe } from './recipe';
import { FAMILIES } from './types';
import { bareAll } from './variants';

describe('corpus plan', () => {
  const recipe = loadRecipe();

  it('is the same every time (seeded) and covers every family', () => {
    const a = planCorpus(recipe, true);
    expect(planCorpus(recipe, true)).toEqual(a);
    expect(new Set(a.map((u) => u.family))).toEqual(new Set(FAMILIES));
    expect(a.every((u) => u.utterances.every((s) => s.family === u.family && s.engine === u.engine))).toBe(true);
  });

  it('plans the full recipe with unique ids, variants that differ from the word, and weighted contrasts', () => {
    const units = planCorpus(recipe, false);
    const specs = units.flatMap((u) => u.utterances);
    expect(specs.length).toBe(recipe.voices.reduce((n, v) => n + v.utterances, 0));
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    const variants = specs.filter((s) => s.variant);
    expect(variants.length / specs.length).toBeGreaterThan(0.15);
    for (const s of variants) {
      const w = s.words[s.variant!.word];
      expect(w.phoneInput).toBe(true);
      expect(bareAll(w.spoken).join(' ')).not.toBe(bareAll(w.canonical).join(' '));
    }
    const pairs = specs.filter((s) => s.set === 'pair');
    expect(pairs.every((s) => s.contrast.length === 1)).toBe(true);
  });
});
