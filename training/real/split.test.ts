import { describe, expect, it } from 'vitest';
import { asteriskSplit, promptFraction, splitOf } from './split';

describe('real-speech splits', () => {
  it('is deterministic, in [0, 1), and pinned for known prompts', () => {
    expect(promptFraction('digits/3')).toBe(promptFraction('digits/3'));
    const names = Array.from({ length: 2000 }, (_, i) => `prompt-${i}`);
    const counts = { train: 0, calibration: 0, dev: 0 };
    for (const n of names) counts[asteriskSplit(n)]++;
    expect(counts.train / names.length).toBeGreaterThan(0.66);
    expect(counts.train / names.length).toBeLessThan(0.74);
    expect(counts.calibration / names.length).toBeGreaterThan(0.12);
    expect(counts.dev / names.length).toBeGreaterThan(0.12);
  });
  it('keeps every Tux Paint clip for evaluation', () => {
    expect(splitOf('real-tuxpaint', 'animals/dog')).toBe('eval');
    expect(['train', 'calibration', 'dev']).toContain(splitOf('real-asterisk', 'digits/3'));
  });
});
