/**
 * Teacher review: a learner's sessions with their attempts (filtered by pattern, flagged only, date
 * range), the teacher's overrides of phone verdicts and a note (`reviews`, one row per attempt, kept
 * beside the machine's `attempts.result`, which is never modified), the verdicts in effect, and
 * progress per pattern that counts the teacher's verdict where there is one.
 */
import { CodedError } from '../dsp/codedError';
import type { AssessResult, PhoneAssessment, Verdict } from '../assess';
import { VERDICTS } from '../assess/types';
import { isPhone, type Phone } from '../model/phones';
import type { AttemptRow, PhoneOverride, ReviewRow, SessionRow, SotaqueDb } from './schema';

/** Longest teacher note, in characters. */
export const MAX_NOTE_LENGTH = 2000;

export type ReviewErrorCode = 'ATTEMPT_NOT_FOUND' | 'NOT_ASSESSED' | 'OVERRIDE_INVALID' | 'NOTE_TOO_LONG';

/** A review the teacher cannot save as given: what was expected and what was found. */
export class ReviewError extends CodedError<ReviewErrorCode> {
  override readonly name = 'ReviewError';
}

/** One phone as shown to the teacher and the learner: the machine's verdict, the teacher's, and the one in effect. */
export interface EffectivePhone extends PhoneAssessment {
  /** What the machine said (`verdict` is the one in effect). */
  readonly machineVerdict: Verdict;
  readonly machineHeard: PhoneAssessment['heard'];
  /** The teacher's verdict, when the teacher overrode this phone. */
  readonly teacherVerdict: Verdict | null;
  /** The sound the teacher heard instead, when they named one. */
  readonly teacherHeard: Phone | null;
}

export interface EffectiveWord {
  readonly word: string;
  readonly phones: readonly EffectivePhone[];
}

/** The verdicts in effect: the teacher's override where there is one, else the machine's. Pure. */
export function effectiveVerdicts(result: AssessResult, review: Pick<ReviewRow, 'overrides'> | null | undefined): EffectiveWord[] {
  const overrides = new Map((review?.overrides ?? []).map((o) => [`${o.word}:${o.phone}`, o]));
  return result.words.map((word, w) => ({
    word: word.word,
    phones: word.phones.map((p, i) => {
      const override = overrides.get(`${w}:${i}`) ?? null;
      const teacher = override?.verdict ?? null;
      const verdict = teacher ?? p.verdict;
      const heard = verdict === 'mispronounced' ? (override?.heard ?? p.heard) : null;
      return { ...p, verdict, heard, machineVerdict: p.verdict, machineHeard: p.heard, teacherVerdict: teacher, teacherHeard: override?.heard ?? null };
    }),
  }));
}

/** Whether any phone is not `ok`, in the machine's verdicts or the teacher's. */
export function isFlagged(result: AssessResult | null, review: Pick<ReviewRow, 'overrides'> | null | undefined): boolean {
  if (!result) return false;
  return result.words.some((w) => w.phones.some((p) => p.verdict !== 'ok')) || (review?.overrides ?? []).some((o) => o.verdict !== 'ok');
}

export interface ReviewFilter {
  /** Only this pattern (TH, DH…); null: all, free text included. */
  readonly pattern?: string | null;
  readonly flaggedOnly?: boolean;
  /** Milliseconds since the epoch, inclusive. */
  readonly from?: number | null;
  readonly to?: number | null;
}

export type ReviewedAttempt = AttemptRow & { readonly id: number; readonly review: ReviewRow | null };

export interface SessionWithAttempts {
  readonly session: SessionRow & { readonly id: number };
  /** Oldest first. */
  readonly attempts: readonly ReviewedAttempt[];
}

/** The learner's attempts (oldest first), each with its review. */
export async function reviewedAttemptsOf(db: SotaqueDb, learnerId: number): Promise<ReviewedAttempt[]> {
  const attempts = (await db.attempts.where('[learnerId+createdAt]').between([learnerId, -Infinity], [learnerId, Infinity]).toArray()) as (AttemptRow & { id: number })[];
  const reviews = await db.reviews.bulkGet(attempts.map((a) => a.id));
  return attempts.map((a, i) => ({ ...a, review: reviews[i] ?? null }));
}

/** Keeps the attempts that pass the filter. Pure. */
export function filterAttempts(attempts: readonly ReviewedAttempt[], filter: ReviewFilter): ReviewedAttempt[] {
  return attempts.filter(
    (a) =>
      (filter.pattern == null || a.pattern === filter.pattern) &&
      (!filter.flaggedOnly || isFlagged(a.result, a.review)) &&
      (filter.from == null || a.createdAt >= filter.from) &&
      (filter.to == null || a.createdAt <= filter.to),
  );
}

/** The learner's sessions, newest first, each with its attempts that pass the filter; sessions left empty are dropped. */
export async function learnerSessions(db: SotaqueDb, learnerId: number, filter: ReviewFilter = {}): Promise<SessionWithAttempts[]> {
  const attempts = filterAttempts(await reviewedAttemptsOf(db, learnerId), filter);
  const sessions = (await db.sessions.where('learnerId').equals(learnerId).toArray()) as (SessionRow & { id: number })[];
  const bySession = new Map<number | null, ReviewedAttempt[]>();
  for (const a of attempts) bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), a]);
  const out: SessionWithAttempts[] = sessions.filter((s) => bySession.has(s.id)).map((session) => ({ session, attempts: bySession.get(session.id)! }));
  // Attempts without a known session (should not happen after the v2 upgrade) still show, as a session of their own.
  const orphans = attempts.filter((a) => a.sessionId === null || !sessions.some((s) => s.id === a.sessionId));
  if (orphans.length) out.push({ session: { id: -1, uid: '', learnerId, startedAt: orphans[0].createdAt, lastAt: orphans[orphans.length - 1].createdAt }, attempts: orphans });
  return out.sort((a, b) => b.session.startedAt - a.session.startedAt);
}

/** A teacher may give any verdict (the one list, src/assess/types.ts). */
const TEACHER_VERDICTS: readonly Verdict[] = VERDICTS;

/**
 * Saves the teacher's overrides and note for an attempt (replacing any earlier review). Overrides
 * equal to the machine's verdict are dropped (nothing to override); a later override of the same
 * phone wins. With no override and an empty note the review is removed. `attempts.result` is never
 * written. Returns the stored review, or null when there is none.
 */
export async function saveReview(db: SotaqueDb, attemptId: number, overrides: readonly PhoneOverride[], note: string, now = Date.now()): Promise<ReviewRow | null> {
  return db.transaction('rw', db.attempts, db.reviews, async () => {
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) throw new ReviewError('ATTEMPT_NOT_FOUND', `No attempt with id ${attemptId} on this device.`);
    const result = attempt.result;
    if (!result) throw new ReviewError('NOT_ASSESSED', `Attempt ${attemptId} was not assessed (${attempt.status}), so it has no verdicts to override.`);
    const clean = new Map<string, PhoneOverride>();
    for (const o of overrides) {
      const phone = result.words[o.word]?.phones[o.phone];
      if (!phone || !Number.isInteger(o.word) || !Number.isInteger(o.phone)) throw new ReviewError('OVERRIDE_INVALID', `Attempt ${attemptId} has no phone ${o.phone} in word ${o.word}.`);
      if (!TEACHER_VERDICTS.includes(o.verdict)) throw new ReviewError('OVERRIDE_INVALID', `“${String(o.verdict)}” is not a verdict: expected ${TEACHER_VERDICTS.join(', ')}.`);
      const heard = o.verdict === 'mispronounced' && o.heard ? o.heard : null;
      if (heard !== null && (!isPhone(heard) || heard === 'SIL' || heard === phone.phone)) throw new ReviewError('OVERRIDE_INVALID', `“${String(heard)}” is not a sound ${phone.phone} can be heard as.`);
      const key = `${o.word}:${o.phone}`;
      clean.delete(key);
      const same = o.verdict === phone.verdict && (heard === null || heard === phone.heard);
      if (!same) clean.set(key, heard ? { word: o.word, phone: o.phone, verdict: o.verdict, heard } : { word: o.word, phone: o.phone, verdict: o.verdict });
    }
    const text = note.trim();
    if (text.length > MAX_NOTE_LENGTH) throw new ReviewError('NOTE_TOO_LONG', `A note has at most ${MAX_NOTE_LENGTH} characters; this one has ${text.length}.`);
    if (clean.size === 0 && !text) {
      await db.reviews.delete(attemptId);
      return null;
    }
    const row: ReviewRow = {
      attemptId,
      overrides: [...clean.values()].sort((a, b) => a.word - b.word || a.phone - b.phone),
      note: text,
      updatedAt: now,
    };
    await db.reviews.put(row);
    return row;
  });
}

export interface ReviewProgress {
  readonly pattern: string;
  /** Assessed attempts of this pattern. */
  readonly attempts: number;
  /** How many of them the teacher reviewed. */
  readonly reviewed: number;
  /** Phones judged ok or not (inserted vowels count as judgements too; `unsure` ones do not). */
  readonly phones: number;
  /** Percent of phones `ok` in the verdicts in effect (the teacher's where there is one). */
  readonly okPercent: number;
  /** The same by the machine alone, for comparison. */
  readonly machineOkPercent: number;
}

/** Per pattern (free text left out), weakest first: share of phones ok, counting the teacher's verdicts where they exist. Pure. */
export function reviewProgress(attempts: readonly ReviewedAttempt[]): ReviewProgress[] {
  const by = new Map<string, { attempts: number; reviewed: number; phones: number; ok: number; machinePhones: number; machineOk: number }>();
  for (const a of attempts) {
    if (a.status !== 'assessed' || !a.result || a.pattern === null) continue;
    const row = by.get(a.pattern) ?? { attempts: 0, reviewed: 0, phones: 0, ok: 0, machinePhones: 0, machineOk: 0 };
    row.attempts++;
    if (a.review) row.reviewed++;
    for (const word of effectiveVerdicts(a.result, a.review)) {
      // "Unsure" is neither ok nor wrong: it counts in neither share (the learner practises it again).
      for (const p of word.phones) {
        if (p.verdict !== 'unsure') {
          row.phones++;
          if (p.verdict === 'ok') row.ok++;
        }
        if (p.machineVerdict !== 'unsure') {
          row.machinePhones++;
          if (p.machineVerdict === 'ok') row.machineOk++;
        }
      }
    }
    by.set(a.pattern, row);
  }
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((100 * n) / d));
  return [...by.entries()]
    .map(([pattern, r]) => ({ pattern, attempts: r.attempts, reviewed: r.reviewed, phones: r.phones, okPercent: pct(r.ok, r.phones), machineOkPercent: pct(r.machineOk, r.machinePhones) }))
    .sort((a, b) => a.okPercent - b.okPercent || a.pattern.localeCompare(b.pattern));
}
