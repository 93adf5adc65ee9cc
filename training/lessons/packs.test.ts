import { dictionary } from 'cmu-pronouncing-dictionary';
import { describe, expect, it } from 'vitest';
import { createLexicon, splitWords } from '../../src/assess/lexicon';
import { lessonPacks } from '../../src/lessons/packs';

const lexicon = createLexicon(dictionary);

describe('lesson packs against CMUdict', () => {
  it('gives every word one of its CMUdict pronunciations', () => {
    for (const pack of lessonPacks()) {
      for (const item of pack.items) {
        const check = (text: string, phones: string[][]) =>
          splitWords(text).forEach((word, i) => {
            const options = lexicon.pronunciations(word).map((p) => p.join(' '));
            expect(options, `${item.id} ${word}`).toContain(phones[i].join(' '));
          });
        check(item.text, item.phones);
        if (item.partner && item.partnerPhones) check(item.partner, item.partnerPhones);
      }
    }
  });
});
