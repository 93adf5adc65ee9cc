/**
 * Spaced review of weak sounds (pure functions over attempt rows): an SM-2 schedule per (pattern,
 * phone). Each local day a sound was judged is one review; its quality is the day's worst judgement
 * — 5 for ok at a score of 85 or more, 4 for ok, 1 for to fix / missing. "Unsure" (neither ok nor
 * wrong) puts the sound back to "practise again tomorrow" without changing its ease. Only sounds that
 * were ever judged not ok are scheduled: the weak ones. Refused, failed and free-text attempts count
 * nowhere.
 *
 * SM-2 (Wozniak 1990): ease starts at 2.5 and moves by 0.1 − (5 − q)(0.08 + 0.02(5 − q)), never
 * below 1.3; a review of quality ≥ 3 gives intervals of 1, 6, then the previous interval × ease days;
 * quality < 3 restarts at 1 day.
 */
import { localDay } from './progress';
import type { AttemptRow } from './schema';

export interface ReviewCard {
  readonly pattern: string;
  readonly phone: string;
  /** Local day (`localDay`) of the last review and the day the sound is due again. */
  readonly lastDay: number;
  readonly dueDay: number;
  readonly intervalDays: number;
  readonly ease: number;
  /** Successful reviews in a row. */
  readonly repetitions: number;
  /** Days judged not ok (mispronounced or missing). */
  readonly lapses: number;
}

/** One day's judgement of a sound: SM-2 quality 0–5, or 'unsure'. */
type DayQuality = number | 'unsure';

function quality(verdict: string, score: number): DayQuality | null {
  if (verdict === 'ok') return score >= 85 ? 5 : 4;
  if (verdict === 'unsure') return 'unsure';
  if (verdict === 'mispronounced' || verdict === 'missing') return 1;
  return null;
}

/** The worse of two judgements of one day ('unsure' sits between a lapse and an ok). */
function worse(a: DayQuality, b: DayQuality): DayQuality {
  const rank = (q: DayQuality) => (q === 'unsure' ? 2.5 : q);
  return rank(a) <= rank(b) ? a : b;
}

/** The review schedule of every weak sound, soonest due first (then lowest ease). */
export function reviewCards(attempts: readonly AttemptRow[]): ReviewCard[] {
  const days = new Map<string, Map<number, DayQuality>>();
  for (const a of attempts) {
    if (a.status !== 'assessed' || !a.result || a.pattern === null) continue;
    const day = localDay(a.createdAt);
    for (const p of a.result.words.flatMap((w) => w.phones)) {
      const q = quality(p.verdict, p.score);
      if (q === null) continue;
      const key = `${a.pattern}\u0000${p.phone}`;
      const byDay = days.get(key) ?? new Map<number, DayQuality>();
      days.set(key, byDay);
      const before = byDay.get(day);
      byDay.set(day, before === undefined ? q : worse(before, q));
    }
  }
  const cards: ReviewCard[] = [];
  for (const [key, byDay] of days) {
    const [pattern, phone] = key.split('\u0000');
    let ease = 2.5;
    let interval = 0;
    let repetitions = 0;
    let lapses = 0;
    let lastDay = 0;
    for (const [day, q] of [...byDay.entries()].sort(([x], [y]) => x - y)) {
      lastDay = day;
      if (q === 'unsure') {
        repetitions = 0;
        interval = 1;
        continue;
      }
      ease = Math.max(1.3, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
      if (q < 3) {
        lapses++;
        repetitions = 0;
        interval = 1;
      } else {
        repetitions++;
        interval = repetitions === 1 ? 1 : repetitions === 2 ? 6 : Math.round(interval * ease);
      }
    }
    if (lapses === 0 && ![...byDay.values()].includes('unsure')) continue;
    cards.push({ pattern, phone, lastDay, dueDay: lastDay + interval, intervalDays: interval, ease: Math.round(ease * 100) / 100, repetitions, lapses });
  }
  return cards.sort((a, b) => a.dueDay - b.dueDay || a.ease - b.ease || a.pattern.localeCompare(b.pattern) || a.phone.localeCompare(b.phone));
}

/** The cards due on or before the local day of `now` (ms), most overdue first. */
export function dueToday(cards: readonly ReviewCard[], now: number): ReviewCard[] {
  const today = localDay(now);
  return cards.filter((c) => c.dueDay <= today);
}

/** A lesson item as the drill picker sees it. */
export interface DrillItem {
  readonly packId: string;
  readonly itemId: string;
  readonly pattern: string;
  readonly phones: readonly string[];
}

/**
 * The next-best drill for a due sound: an item of its pattern that has the sound, the one practised
 * least (then longest ago, then in course order); null when no item has it.
 */
export function nextDrill(card: Pick<ReviewCard, 'pattern' | 'phone'>, items: readonly DrillItem[], attempts: readonly AttemptRow[]): DrillItem | null {
  const candidates = items.filter((i) => i.pattern === card.pattern && i.phones.includes(card.phone));
  if (candidates.length === 0) return null;
  const stats = new Map<string, { count: number; last: number }>();
  for (const a of attempts) {
    if (a.status !== 'assessed') continue;
    const s = stats.get(a.itemId) ?? { count: 0, last: 0 };
    stats.set(a.itemId, { count: s.count + 1, last: Math.max(s.last, a.createdAt) });
  }
  const of = (i: DrillItem) => stats.get(i.itemId) ?? { count: 0, last: 0 };
  return [...candidates].sort((a, b) => of(a).count - of(b).count || of(a).last - of(b).last || candidates.indexOf(a) - candidates.indexOf(b))[0];
}
