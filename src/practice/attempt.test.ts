import { describe, expect, it, vi } from 'vitest';
import { createLexicon } from '../assess';
import { isCodedError } from '../dsp/codedError';
import { findLessonItem } from '../lessons/packs';
import { freeTextTarget, lessonTarget, lexiconOnDemand, MAX_FREE_TEXT } from './attempt';

const LEXICON = createLexicon({ three: 'TH R IY1', the: 'DH AH0', 'the(2)': 'DH IY0' });

describe('practice targets', () => {
  it('a lesson item is its own target, one pronunciation per word', () => {
    const found = findLessonItem('th-w-three')!;
    expect(lessonTarget(found)).toMatchObject({ itemId: 'th-w-three', pattern: found.pack.pattern, text: found.item.text, pronunciations: found.item.phones.map((p) => [p]), item: found.item });
  });

  it('free text tries every dictionary pronunciation, is trimmed and capped, and counts in no lesson', async () => {
    const target = await freeTextTarget('  The three  ', async () => LEXICON);
    expect(target).toMatchObject({ itemId: 'free:The three', pattern: null, text: 'The three', item: null, pronunciations: [[['DH', 'AH'], ['DH', 'IY']], [['TH', 'R', 'IY']]] });
    const long = await freeTextTarget('the '.repeat(MAX_FREE_TEXT), async () => LEXICON);
    expect(long.text).toBe('the '.repeat(MAX_FREE_TEXT / 4).trim());
  });

  it('names the unknown word, and refuses a text without words', async () => {
    const unknown = await freeTextTarget('three zorblax', async () => LEXICON).catch((e: unknown) => e);
    expect(isCodedError(unknown, 'UNKNOWN_WORD') && unknown.details.word).toBe('zorblax');
    await expect(freeTextTarget('  ?! ', async () => LEXICON)).rejects.toMatchObject({ code: 'EMPTY_TEXT' });
  });

  it('loads the dictionary once, and again after a failed load', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(LEXICON);
    const lexicon = lexiconOnDemand(load);
    await expect(lexicon()).rejects.toMatchObject({ code: 'LEXICON_UNAVAILABLE' });
    expect(await lexicon()).toBe(LEXICON);
    expect(await lexicon()).toBe(LEXICON);
    expect(load).toHaveBeenCalledTimes(2);
    await expect(lexiconOnDemand(undefined)()).rejects.toMatchObject({ code: 'LEXICON_UNAVAILABLE' });
  });
});
