/**
 * Progress from the attempts (pure functions over attempt rows): per pattern (mean score, weakest
 * first), per phone over time (daily mean scores), streaks of practice days, and what to practise
 * next. Only assessed attempts count; days are the learner's local calendar days.
 */
import type { AttemptRow } from './schema';

export interface PatternProgress {
  readonly pattern: string;
  readonly attempts: number;
  /** Mean utterance score of the assessed attempts (0–100). */
  readonly meanScore: number;
  /** Scores in time order (for a small chart). */
  readonly scores: readonly number[];
}

function assessed(attempts: readonly AttemptRow[]): AttemptRow[] {
  return attempts.filter((a) => a.status === 'assessed' && a.result !== null).sort((x, y) => x.createdAt - y.createdAt);
}

const mean = (xs: readonly number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);

/** Assessed attempts grouped by pattern, the weakest (lowest mean) first; free text is left out. */
export function patternProgress(attempts: readonly AttemptRow[]): PatternProgress[] {
  const byPattern = new Map<string, number[]>();
  for (const a of assessed(attempts)) {
    if (a.pattern === null) continue;
    byPattern.set(a.pattern, [...(byPattern.get(a.pattern) ?? []), a.result!.score]);
  }
  return [...byPattern.entries()]
    .map(([pattern, scores]) => ({ pattern, attempts: scores.length, meanScore: mean(scores), scores }))
    .sort((a, b) => a.meanScore - b.meanScore || a.pattern.localeCompare(b.pattern));
}

/**
 * A local calendar day as a whole number of days since 1970-01-01 (so consecutive days differ by 1
 * across month ends and daylight-saving changes).
 */
export function localDay(ms: number): number {
  const d = new Date(ms);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

/** The start (local midnight, ms) of a day from `localDay`. */
export function dayStart(day: number): number {
  const utc = new Date(day * 86_400_000);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate()).getTime();
}

export interface PhonePoint {
  /** `localDay` of the attempts. */
  readonly day: number;
  /** Mean score of this phone over that day's attempts (0–100). */
  readonly score: number;
  /** How many times the phone was judged that day. */
  readonly count: number;
}

export interface PhoneProgress {
  readonly phone: string;
  /** One point per day with the phone, oldest first. */
  readonly points: readonly PhonePoint[];
  /** Mean over every judgement of the phone. */
  readonly meanScore: number;
  readonly count: number;
}

/**
 * Each expected phone's score over time: one point per day (the day's mean), from the phone entries of
 * assessed attempts (inserted vowels are not expected phones and are left out). Weakest phone first.
 */
export function phoneProgress(attempts: readonly AttemptRow[]): PhoneProgress[] {
  const byPhone = new Map<string, Map<number, number[]>>();
  for (const a of assessed(attempts)) {
    const day = localDay(a.createdAt);
    for (const p of a.result!.words.flatMap((w) => w.phones)) {
      if (p.verdict === 'inserted') continue;
      const days = byPhone.get(p.phone) ?? new Map<number, number[]>();
      byPhone.set(p.phone, days);
      days.set(day, [...(days.get(day) ?? []), p.score]);
    }
  }
  return [...byPhone.entries()]
    .map(([phone, days]) => {
      const all = [...days.values()].flat();
      const points = [...days.entries()].sort(([x], [y]) => x - y).map(([day, scores]) => ({ day, score: mean(scores), count: scores.length }));
      return { phone, points, meanScore: mean(all), count: all.length };
    })
    .sort((a, b) => a.meanScore - b.meanScore || a.phone.localeCompare(b.phone));
}

export interface Streaks {
  /** Consecutive days up to today with at least one assessed attempt (a streak lives on until a whole day is missed: yesterday still counts when today has none yet). */
  readonly current: number;
  /** The longest such run ever. */
  readonly best: number;
  /** Whether today already has an assessed attempt. */
  readonly today: boolean;
}

/** Streaks of practice days at time `now` (ms). */
export function streaks(attempts: readonly AttemptRow[], now: number): Streaks {
  const days = [...new Set(assessed(attempts).map((a) => localDay(a.createdAt)))].sort((x, y) => x - y);
  let best = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i] === days[i - 1] + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  const today = localDay(now);
  const last = days[days.length - 1];
  const current = last !== undefined && (last === today || last === today - 1) ? run : 0;
  return { current, best, today: last === today };
}

/** Why a pattern is suggested: it is weak, never practised yet, or good already (keep it fresh). */
export type SuggestionReason = 'weak' | 'new' | 'review';

export interface Suggestion {
  readonly pattern: string;
  readonly reason: SuggestionReason;
  /** Mean of the recent attempts' scores; null when never practised. */
  readonly recentScore: number | null;
}

export interface SuggestOptions {
  /** Attempts per pattern the recent score is taken over (default 5). */
  readonly recent?: number;
  /** A recent score below this is weak (default 80). */
  readonly weakBelow?: number;
}

/**
 * What to practise next, in order: weak patterns (recent score below `weakBelow`, weakest first), then
 * patterns never practised (in the order given), then the rest (lowest recent score first). `patterns`
 * are the lessons' patterns in course order; attempts of other patterns are ignored.
 */
export function practiseNext(attempts: readonly AttemptRow[], patterns: readonly string[], options: SuggestOptions = {}): Suggestion[] {
  const recent = options.recent ?? 5;
  const weakBelow = options.weakBelow ?? 80;
  const byPattern = new Map<string, number[]>();
  for (const a of assessed(attempts)) if (a.pattern !== null) byPattern.set(a.pattern, [...(byPattern.get(a.pattern) ?? []), a.result!.score]);
  const practised = patterns
    .filter((p) => byPattern.has(p))
    .map((pattern) => ({ pattern, recentScore: mean(byPattern.get(pattern)!.slice(-recent)) }))
    .sort((a, b) => a.recentScore - b.recentScore || patterns.indexOf(a.pattern) - patterns.indexOf(b.pattern));
  return [
    ...practised.filter((p) => p.recentScore < weakBelow).map((p) => ({ ...p, reason: 'weak' as const })),
    ...patterns.filter((p) => !byPattern.has(p)).map((pattern) => ({ pattern, reason: 'new' as const, recentScore: null })),
    ...practised.filter((p) => p.recentScore >= weakBelow).map((p) => ({ ...p, reason: 'review' as const })),
  ];
}
