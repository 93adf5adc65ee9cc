import { describe, expect, it } from 'vitest';
import type { AssessResult, Verdict } from '../assess';
import { dayStart, localDay } from './progress';
import type { AttemptRow } from './schema';
import { dueToday, nextDrill, reviewCards, type DrillItem } from './spacedReview';

const DAY0 = localDay(new Date(2026, 10, 2, 12).getTime());
const at = (day: number, hour = 12) => dayStart(DAY0 + day) + hour * 3_600_000;

let id = 0;
/** An assessed "three" (TH R IY) on `day` with TH judged `th`. */
function attempt(day: number, th: Verdict, thScore = th === 'ok' ? 90 : 20, itemId = 'th-w-three', status: AttemptRow['status'] = 'assessed'): AttemptRow {
  const result: AssessResult = {
    id: 'x',
    text: 'three',
    score: 70,
    warnings: [],
    words: [{ word: 'three', score: 70, phones: [{ phone: 'TH', start: 0, end: 0.1, score: thScore, verdict: th, heard: th === 'mispronounced' ? 'T' : null }, { phone: 'R', start: 0.1, end: 0.2, score: 90, verdict: 'ok', heard: null }] }],
  };
  return { id: ++id, uid: `u${id}`, learnerId: 1, sessionId: 1, itemId, pattern: 'TH', text: 'three', createdAt: at(day), status, durationSeconds: 1, sampleRateHz: 16_000, result: status === 'assessed' ? result : null, error: null, modelVersion: 'v1' };
}

describe('spaced review of weak sounds', () => {
  it('schedules only sounds that were ever not ok, and a lapse makes them due the next day', () => {
    const cards = reviewCards([attempt(0, 'mispronounced')]);
    expect(cards).toEqual([{ pattern: 'TH', phone: 'TH', lastDay: DAY0, dueDay: DAY0 + 1, intervalDays: 1, ease: 1.96, repetitions: 0, lapses: 1 }]);
    expect(dueToday(cards, at(0))).toEqual([]);
    expect(dueToday(cards, at(1))).toHaveLength(1);
  });

  it('grows the interval 1, 6, then × ease days with each good day, and restarts it after a lapse', () => {
    const history = [attempt(0, 'mispronounced'), attempt(1, 'ok'), attempt(2, 'ok'), attempt(8, 'ok')];
    const [card] = reviewCards(history);
    expect(card).toMatchObject({ repetitions: 3, lapses: 1, lastDay: DAY0 + 8 });
    expect(card.intervalDays).toBe(Math.round(6 * card.ease));
    const [after] = reviewCards([...history, attempt(9, 'missing')]);
    expect(after).toMatchObject({ intervalDays: 1, repetitions: 0, lapses: 2, dueDay: DAY0 + 10 });
  });

  it('takes the worst judgement of a day, so twelve takes in one sitting are one review', () => {
    const sameDay = [attempt(0, 'ok'), attempt(0, 'mispronounced'), ...Array.from({ length: 10 }, () => attempt(0, 'ok'))];
    expect(reviewCards(sameDay)).toMatchObject([{ lapses: 1, repetitions: 0, intervalDays: 1 }]);
  });

  it('treats "unsure" as practise again — due tomorrow — without counting it as wrong or changing the ease', () => {
    const [card] = reviewCards([attempt(0, 'mispronounced'), attempt(1, 'ok'), attempt(2, 'ok'), attempt(8, 'unsure')]);
    const [before] = reviewCards([attempt(0, 'mispronounced'), attempt(1, 'ok'), attempt(2, 'ok')]);
    expect(card).toMatchObject({ lapses: 1, repetitions: 0, intervalDays: 1, dueDay: DAY0 + 9, ease: before.ease });
    // A sound only ever unsure is still worth practising.
    expect(reviewCards([attempt(0, 'unsure')])).toMatchObject([{ phone: 'TH', lapses: 0, dueDay: DAY0 + 1 }]);
  });

  it('ignores refused and failed attempts', () => {
    expect(reviewCards([attempt(0, 'mispronounced', 20, 'th-w-three', 'refused'), attempt(0, 'mispronounced', 20, 'th-w-three', 'failed')])).toEqual([]);
  });

  it('picks the next drill: an item of the pattern with the sound, practised least', () => {
    const items: DrillItem[] = [
      { packId: 'th', itemId: 'th-w-three', pattern: 'TH', phones: ['TH', 'R', 'IY'] },
      { packId: 'th', itemId: 'th-w-think', pattern: 'TH', phones: ['TH', 'IH', 'NG', 'K'] },
      { packId: 'r-hh', itemId: 'r-hh-w-red', pattern: 'R_HH', phones: ['R', 'EH', 'D'] },
    ];
    const history = [attempt(0, 'mispronounced'), attempt(0, 'ok')];
    expect(nextDrill({ pattern: 'TH', phone: 'TH' }, items, history)?.itemId).toBe('th-w-think');
    expect(nextDrill({ pattern: 'TH', phone: 'R' }, items, history)?.itemId).toBe('th-w-three');
    expect(nextDrill({ pattern: 'DH', phone: 'DH' }, items, history)).toBeNull();
  });
});
