import { describe, expect, it } from 'vitest';
import { t } from '../lessons/i18n';
import { findingsFor, tipsFor, verdictText } from './PracticeScreen';

describe('practice result text', () => {
  it('names the verdict and what was heard, in the learner’s language', () => {
    expect(verdictText({ verdict: 'mispronounced', heard: 'T' }, t('en'), 'en')).toBe('to fix, heard as “t” as in “tea”');
    expect(verdictText({ verdict: 'ok', heard: null }, t('pt-BR'), 'pt-BR')).toBe('bom');
    expect(verdictText({ verdict: 'unsure', heard: 'T' }, t('pt-BR'), 'pt-BR')).toBe('não temos certeza');
  });

  it('says what went wrong in learner words, with example words, not codes', () => {
    const lines = findingsFor(
      [
        { phone: 'TH', start: 0, end: 0.1, score: 20, verdict: 'mispronounced', heard: 'T' },
        { phone: 'R', start: 0.1, end: 0.2, score: 90, verdict: 'missing', heard: null },
        { phone: 'G', start: 0.2, end: 0.3, score: 90, verdict: 'ok', heard: null },
        { phone: 'IY', start: 0.3, end: 0.4, score: 50, verdict: 'inserted', heard: null },
      ],
      t('en'),
      'en',
    );
    expect(lines).toEqual(['“th” as in “think” sounded like “t” as in “tea”.', '“r” as in “red” was not heard.', 'An extra vowel was heard after “g” as in “go”.']);
  });

  it('gives one tip per distinct problem, and the final-vowel tip for an inserted vowel', () => {
    const tips = tipsFor([
      { phone: 'TH', start: 0, end: 0.1, score: 20, verdict: 'mispronounced', heard: 'T' },
      { phone: 'R', start: 0.1, end: 0.2, score: 90, verdict: 'ok', heard: null },
      { phone: 'G', start: 0.2, end: 0.3, score: 90, verdict: 'ok', heard: null },
      { phone: 'IY', start: 0.3, end: 0.4, score: 50, verdict: 'inserted', heard: null },
    ]);
    expect(tips.map((tip) => [tip.expected, tip.heard])).toEqual([
      ['TH', 'T'],
      ['G', 'VOWEL'],
    ]);
    expect(tips[0].minimalPair).toEqual(['three', 'tree']);
    expect(tips[1].pattern).toBe('FINAL_VOWEL');
  });
});
