import { describe, expect, it } from 'vitest';
import type { AssessResult, PhoneAssessment } from '../assess';
import { dayStart, localDay, patternProgress, phoneProgress, practiseNext, streaks } from './progress';
import type { AttemptRow } from './schema';

/** Noon (local) of 2026-11-`date`, plus `hours`. */
const at = (date: number, hours = 0) => new Date(2026, 10, date, 12 + hours).getTime();

const phone = (name: string, score: number, verdict: PhoneAssessment['verdict'] = 'ok'): PhoneAssessment => ({ phone: name, start: 0, end: 0.1, score, verdict, heard: null });

let nextId = 1;
function attempt(createdAt: number, pattern: string | null, score: number, phones: PhoneAssessment[] = [], status: AttemptRow['status'] = 'assessed'): AttemptRow {
  const result: AssessResult = { id: 'x', text: 'x', score, warnings: [], words: [{ word: 'x', score, phones }] };
  return { id: nextId++, uid: `u${nextId}`, learnerId: 1, sessionId: null, itemId: 'i', pattern, text: 'x', createdAt, status, durationSeconds: 1, sampleRateHz: 16_000, result: status === 'assessed' ? result : null, error: null, modelVersion: null };
}

describe('localDay', () => {
  it('numbers consecutive calendar days consecutively, across a month end, and maps back to local midnight', () => {
    expect(localDay(new Date(2026, 10, 30, 23, 59).getTime()) + 1).toBe(localDay(new Date(2026, 11, 1, 0, 1).getTime()));
    expect(localDay(new Date(2026, 10, 24, 0, 0).getTime())).toBe(localDay(new Date(2026, 10, 24, 23, 59).getTime()));
    const day = localDay(at(24));
    expect(dayStart(day)).toBe(new Date(2026, 10, 24).getTime());
  });
});

describe('patternProgress', () => {
  it('groups assessed attempts by pattern, weakest first, scores in time order, free text and failures left out', () => {
    const rows = [attempt(at(2), 'TH', 40), attempt(at(1), 'TH', 60), attempt(at(1), 'R_HH', 90), attempt(at(1), null, 10), attempt(at(3), 'TH', 0, [], 'failed')];
    expect(patternProgress(rows)).toEqual([
      { pattern: 'TH', attempts: 2, meanScore: 50, scores: [60, 40] },
      { pattern: 'R_HH', attempts: 1, meanScore: 90, scores: [90] },
    ]);
  });
});

describe('phoneProgress', () => {
  it('gives one point per day per phone (the day’s mean), weakest phone first, inserted vowels left out', () => {
    const rows = [
      attempt(at(1), 'TH', 50, [phone('TH', 20, 'mispronounced'), phone('R', 90), phone('AH', 0, 'inserted')]),
      attempt(at(1, 2), 'TH', 60, [phone('TH', 40, 'mispronounced'), phone('R', 100)]),
      attempt(at(3), 'TH', 80, [phone('TH', 75)]),
      attempt(at(2), 'TH', 0, [phone('TH', 0)], 'failed'),
    ];
    const progress = phoneProgress(rows);
    expect(progress.map((p) => p.phone)).toEqual(['TH', 'R']);
    expect(progress[0].points).toEqual([
      { day: localDay(at(1)), score: 30, count: 2 },
      { day: localDay(at(3)), score: 75, count: 1 },
    ]);
    expect(progress[0].meanScore).toBe(45);
    expect(progress[0].count).toBe(3);
    expect(progress[1]).toMatchObject({ meanScore: 95, count: 2, points: [{ day: localDay(at(1)), score: 95, count: 2 }] });
  });

  it('is empty without assessed attempts', () => {
    expect(phoneProgress([attempt(at(1), 'TH', 0, [phone('TH', 0)], 'failed')])).toEqual([]);
  });
});

describe('streaks', () => {
  it('counts consecutive practice days up to today, and the best run', () => {
    const rows = [1, 2, 3, 4, 7, 8, 8, 9].map((d) => attempt(at(d), 'TH', 50));
    expect(streaks(rows, at(9, 3))).toEqual({ current: 3, best: 4, today: true });
  });

  it('keeps the streak alive through today until a whole day is missed', () => {
    const rows = [7, 8].map((d) => attempt(at(d), 'TH', 50));
    expect(streaks(rows, at(9))).toEqual({ current: 2, best: 2, today: false });
    expect(streaks(rows, at(10))).toEqual({ current: 0, best: 2, today: false });
  });

  it('counts only assessed attempts, and days across a month end', () => {
    const rows = [attempt(new Date(2026, 10, 30, 22).getTime(), 'TH', 50), attempt(new Date(2026, 11, 1, 8).getTime(), 'TH', 50), attempt(new Date(2026, 11, 2, 8).getTime(), 'TH', 0, [], 'failed')];
    expect(streaks(rows, new Date(2026, 11, 2, 9).getTime())).toEqual({ current: 2, best: 2, today: false });
    expect(streaks([], at(1))).toEqual({ current: 0, best: 0, today: false });
  });
});

describe('practiseNext', () => {
  const course = ['TH', 'DH', 'IH_IY', 'R_HH'];

  it('puts weak patterns first (weakest first), then new ones in course order, then good ones', () => {
    const rows = [attempt(at(1), 'R_HH', 95), attempt(at(1), 'TH', 70), attempt(at(1), 'IH_IY', 40), attempt(at(1), 'OTHER', 10)];
    expect(practiseNext(rows, course)).toEqual([
      { pattern: 'IH_IY', reason: 'weak', recentScore: 40 },
      { pattern: 'TH', reason: 'weak', recentScore: 70 },
      { pattern: 'DH', reason: 'new', recentScore: null },
      { pattern: 'R_HH', reason: 'review', recentScore: 95 },
    ]);
  });

  it('judges a pattern by its recent attempts, so improvement moves it down', () => {
    const rows = [10, 20, 90, 95, 100].map((score, i) => attempt(at(1, i), 'TH', score));
    expect(practiseNext(rows, ['TH'], { recent: 3 })).toEqual([{ pattern: 'TH', reason: 'review', recentScore: 95 }]);
    expect(practiseNext(rows, ['TH'], { recent: 5 })).toEqual([{ pattern: 'TH', reason: 'weak', recentScore: 63 }]);
  });
});
