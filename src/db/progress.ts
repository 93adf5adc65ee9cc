/** Progress per pattern from the attempts: mean score, count, last score, weakest first. */
import type { AttemptRow } from './schema';

export interface PatternProgress {
  readonly pattern: string;
  readonly attempts: number;
  /** Mean utterance score of the assessed attempts (0–100). */
  readonly meanScore: number;
  /** Scores in time order (for a small chart). */
  readonly scores: readonly number[];
}

/** Assessed attempts grouped by pattern, the weakest (lowest mean) first; free text is left out. */
export function patternProgress(attempts: readonly AttemptRow[]): PatternProgress[] {
  const byPattern = new Map<string, number[]>();
  for (const a of [...attempts].sort((x, y) => x.createdAt - y.createdAt)) {
    if (a.status !== 'assessed' || !a.result || a.pattern === null) continue;
    byPattern.set(a.pattern, [...(byPattern.get(a.pattern) ?? []), a.result.score]);
  }
  return [...byPattern.entries()]
    .map(([pattern, scores]) => ({ pattern, attempts: scores.length, meanScore: Math.round(scores.reduce((s, x) => s + x, 0) / scores.length), scores }))
    .sort((a, b) => a.meanScore - b.meanScore || a.pattern.localeCompare(b.pattern));
}
