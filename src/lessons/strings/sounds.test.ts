import { describe, expect, it } from 'vitest';
import { heardSentence, NAMED_PHONES, soundLabel, soundName, soundWithExample } from './sounds';

describe('sound names in learner words', () => {
  it('name every phone of the model with a label and an example word', () => {
    expect(NAMED_PHONES).toHaveLength(39);
    for (const phone of NAMED_PHONES) {
      const { label, example } = soundName(phone);
      expect(label).toMatch(/^[a-z]{1,3}$/);
      expect(example).toMatch(/^[a-z]+$/);
    }
  });

  it('say "th → t" with examples, not codes', () => {
    expect(soundLabel('TH')).toBe('th');
    expect(soundLabel('IY')).toBe('ee');
    expect(soundWithExample('TH', 'en')).toBe('“th” as in “think”');
    expect(heardSentence('TH', 'T', 'en')).toBe('“th” as in “think” sounded like “t” as in “tea”.');
    expect(heardSentence('IH', 'IY', 'pt-BR')).toBe('“i” de “sit” soou como “ee” de “see”.');
  });

  it('tell apart the sounds that share a spelling by their example', () => {
    expect(soundWithExample('TH', 'en')).not.toBe(soundWithExample('DH', 'en'));
    expect(soundWithExample('UH', 'en')).not.toBe(soundWithExample('UW', 'en'));
  });
});
