/**
 * Real-speech cases through the app's own judgement, and the figures eval:real reports: native false
 * rejection and `unsure` rates per family / accent / phone class, substitution detection and heard-phone
 * accuracy per pattern, ROC points, each rate with its count and a 95% Wilson interval.
 */
import { judgeAttempt, type Assessor } from '../../src/assess';
import type { GopSample } from '../../src/assess/calibrate';
import { phoneClass } from '../../src/assess/calibrate';
import type { PhoneAssessment } from '../../src/assess/types';
import type { RealCase } from './cases';

export interface RealOutcome {
  readonly case: RealCase;
  /** Expected-phone entries per word (inserted vowels left out), or null when assessment failed. */
  readonly words: readonly (readonly PhoneAssessment[])[] | null;
  readonly insertions: number;
  readonly gops: readonly { word: number; phone: string; gop: number; contrasts?: readonly { partner: string; llr: number }[] }[];
  readonly error?: string;
}

export async function runRealCases(assessor: Assessor, cases: readonly RealCase[], progress?: (done: number) => void): Promise<RealOutcome[]> {
  const out: RealOutcome[] = [];
  for (const c of cases) {
    try {
      const request = { id: c.id, text: c.text, samples: c.samples, sampleRateHz: c.sampleRateHz };
      const { result, details } = c.partner ? await judgeAttempt(assessor, { ...request, partner: { text: c.partner } }) : await assessor.assessDetailed(request);
      out.push({
        case: c,
        words: result.words.map((w) => w.phones.filter((p) => p.verdict !== 'inserted')),
        insertions: result.words.reduce((n, w) => n + w.phones.filter((p) => p.verdict === 'inserted').length, 0),
        gops: details.measurements.map((m) => ({ word: m.word, phone: m.phone, gop: m.gop, contrasts: m.contrasts })),
      });
    } catch (error) {
      out.push({ case: c, words: null, insertions: 0, gops: [], error: (error as Error).message });
    }
    if (progress && out.length % 50 === 0) progress(out.length);
  }
  return out;
}

/** The judged entry of a substitution case's target phone. */
export function targetEntry(o: RealOutcome): PhoneAssessment | undefined {
  const t = o.case.target;
  return t && o.words ? o.words[t.word]?.[t.position] : undefined;
}

/** Calibration samples: every phone of a native case is correct; a substitution case's target is not. */
export function realGopSamples(outcomes: readonly RealOutcome[]): GopSample[] {
  const samples: GopSample[] = [];
  for (const o of outcomes) {
    if (!o.words) continue;
    if (o.case.kind === 'native') for (const g of o.gops) samples.push({ phone: g.phone, gop: g.gop, correct: true, contrasts: g.contrasts });
    else if (o.case.target) {
      const t = o.case.target;
      let k = -1;
      for (let i = 0, seen = 0; i < o.gops.length; i++) {
        if (o.gops[i].word !== t.word) continue;
        if (seen++ === t.position) k = i;
      }
      const g = o.gops[k];
      if (g) samples.push({ phone: g.phone, gop: g.gop, correct: false, said: t.said, contrasts: g.contrasts });
    }
  }
  return samples;
}

/** 95% Wilson score interval of k successes in n. */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, (c - h) / d), Math.min(1, (c + h) / d)];
}

/** "4.1% (12/290; 2.4–7.0)". */
export function rateCell(k: number, n: number): string {
  if (n === 0) return '—';
  const [lo, hi] = wilson(k, n);
  return `${((100 * k) / n).toFixed(1)}% (${k}/${n}; ${(100 * lo).toFixed(1)}–${(100 * hi).toFixed(1)})`;
}

export interface RealFigures {
  nativePhones: number;
  rejected: number;
  unsureNative: number;
  substitutions: number;
  detected: number;
  unsureSubstituted: number;
  heardRight: number;
  nativeRecordings: number;
  falseInsertions: number;
  failures: number;
}

export const emptyRealFigures = (): RealFigures => ({ nativePhones: 0, rejected: 0, unsureNative: 0, substitutions: 0, detected: 0, unsureSubstituted: 0, heardRight: 0, nativeRecordings: 0, falseInsertions: 0, failures: 0 });

/** `ok` and `unsure` are not rejections; `unsure` on a substituted phone is a miss. */
const rejects = (p: PhoneAssessment) => p.verdict === 'mispronounced' || p.verdict === 'missing';

export function tallyReal(f: RealFigures, o: RealOutcome, phoneFilter?: (phone: string) => boolean): void {
  if (!o.words) {
    f.failures++;
    return;
  }
  if (o.case.kind === 'native') {
    f.nativeRecordings++;
    if (o.insertions > 0) f.falseInsertions++;
    for (const p of o.words.flat()) {
      if (phoneFilter && !phoneFilter(p.phone)) continue;
      f.nativePhones++;
      if (rejects(p)) f.rejected++;
      else if (p.verdict === 'unsure') f.unsureNative++;
    }
    return;
  }
  const entry = targetEntry(o);
  if (!entry || (phoneFilter && !phoneFilter(entry.phone))) return;
  f.substitutions++;
  if (rejects(entry)) {
    f.detected++;
    if (entry.heard === o.case.target!.said) f.heardRight++;
  } else if (entry.verdict === 'unsure') f.unsureSubstituted++;
}

export function realFiguresBy(outcomes: readonly RealOutcome[], key: (o: RealOutcome) => string | null): Map<string, RealFigures> {
  const groups = new Map<string, RealFigures>();
  for (const o of outcomes) {
    const k = key(o);
    if (k === null) continue;
    if (!groups.has(k)) groups.set(k, emptyRealFigures());
    tallyReal(groups.get(k)!, o);
  }
  return groups;
}

/** Native false rejection per broad phone class (vowel, stop, fricative, sonorant). */
export function byPhoneClass(outcomes: readonly RealOutcome[]): Map<string, RealFigures> {
  const groups = new Map<string, RealFigures>();
  for (const cls of ['vowel', 'stop', 'fricative', 'sonorant']) {
    const f = emptyRealFigures();
    for (const o of outcomes) if (o.case.kind === 'native') tallyReal(f, o, (p) => phoneClass(p) === cls);
    groups.set(cls, f);
  }
  return groups;
}

/**
 * ROC points over the phone score (0–100; 60 at the calibrated threshold): flag a phone when its score
 * is below s. For each target native false-rejection rate, the largest s that stays within it, and the
 * share of substituted phones it flags there.
 */
export function rocPoints(outcomes: readonly RealOutcome[], targets: readonly number[]): RocPoint[] {
  const native = outcomes.filter((o) => o.case.kind === 'native' && o.words).flatMap((o) => o.words!.flat().map((p) => p.score));
  const subs = outcomes.filter((o) => o.case.kind === 'substitution').map(targetEntry).filter((p): p is PhoneAssessment => !!p).map((p) => p.score);
  return rocFromScores(native, subs, targets);
}

export interface RocPoint {
  readonly target: number;
  readonly cut: number;
  readonly falseRejection: number;
  readonly detection: number;
}

/** ROC points from the scores of correct phones (`native`) and of substituted ones (`subs`). */
export function rocFromScores(native: readonly number[], subs: readonly number[], targets: readonly number[]): RocPoint[] {
  if (native.length === 0 || subs.length === 0) return [];
  return targets.map((target) => {
    let cut = 0;
    for (let s = 0; s <= 101; s++) {
      const fr = native.filter((x) => x < s).length / native.length;
      if (fr <= target) cut = s;
      else break;
    }
    return { target, cut, falseRejection: native.filter((x) => x < cut).length / native.length, detection: subs.filter((x) => x < cut).length / subs.length };
  });
}
