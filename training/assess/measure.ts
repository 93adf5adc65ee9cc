/**
 * Runs assessment cases through the app's own pipeline (src/assess over the shipped model in tfjs)
 * and turns the outcomes into calibration samples and evaluation figures.
 */
import type { GopSample } from '../../src/assess/calibrate';
import type { Assessor } from '../../src/assess';
import type { PhoneAssessment } from '../../src/assess/types';
import type { AssessCase } from './cases';

export interface CaseOutcome {
  readonly case: AssessCase;
  /** The assessed word's entries (expected phones plus inserted vowels), or null when assessment failed. */
  readonly phones: readonly PhoneAssessment[] | null;
  /** GOP of each expected phone of the chosen pronunciation (−Infinity where skipped). */
  readonly gops: readonly { phone: string; gop: number; contrasts?: readonly { partner: string; llr: number }[] }[];
  readonly error?: string;
}

/** Assesses every case (sequentially: one model, one thread). */
export async function runCases(assessor: Assessor, cases: readonly AssessCase[], progress?: (done: number) => void): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) {
    try {
      const { result, details } = await assessor.assessDetailed({ id: c.id, text: c.text, samples: c.samples, sampleRateHz: c.sampleRateHz, pronunciations: [c.pronunciations] });
      outcomes.push({ case: c, phones: result.words[0].phones, gops: details.measurements.map((m) => ({ phone: m.phone, gop: m.gop, contrasts: m.contrasts })) });
    } catch (error) {
      outcomes.push({ case: c, phones: null, gops: [], error: (error as Error).message });
    }
    if (progress && outcomes.length % 100 === 0) progress(outcomes.length);
  }
  return outcomes;
}

/** Calibration samples: every phone of a native case is correct; a substitution case's target is not. */
export function gopSamples(outcomes: readonly CaseOutcome[]): GopSample[] {
  const samples: GopSample[] = [];
  for (const o of outcomes) {
    if (o.gops.length === 0) continue;
    if (o.case.kind === 'native') for (const g of o.gops) samples.push({ phone: g.phone, gop: g.gop, correct: true, contrasts: g.contrasts });
    if (o.case.kind === 'substitution' && o.case.target) {
      const g = o.gops[o.case.target.position];
      if (g) samples.push({ phone: g.phone, gop: g.gop, correct: false, said: o.case.target.said, contrasts: g.contrasts });
    }
  }
  return samples;
}

/** Expected-phone entries of an outcome (inserted vowels left out), in pronunciation order. */
function expectedEntries(phones: readonly PhoneAssessment[]): PhoneAssessment[] {
  return phones.filter((p) => p.verdict !== 'inserted');
}

export interface Figures {
  /** Phones of native cases judged not ok / all phones of native cases. */
  falseRejections: number;
  correctPhones: number;
  /** Substituted phones judged not ok / substitution cases. */
  detected: number;
  substitutions: number;
  /** Detected substitutions whose heard phone is the one said. */
  diagnosed: number;
  /** Epenthesis cases with an inserted entry after the consonant. */
  insertionsFound: number;
  epentheses: number;
  /** Native cases with an inserted entry (false insertions). */
  falseInsertions: number;
  nativeCases: number;
  failures: number;
}

const emptyFigures = (): Figures => ({ falseRejections: 0, correctPhones: 0, detected: 0, substitutions: 0, diagnosed: 0, insertionsFound: 0, epentheses: 0, falseInsertions: 0, nativeCases: 0, failures: 0 });

/** Adds one outcome to a tally. */
export function tally(figures: Figures, o: CaseOutcome): void {
  if (!o.phones) {
    figures.failures++;
    return;
  }
  const expected = expectedEntries(o.phones);
  const inserted = o.phones.some((p) => p.verdict === 'inserted');
  if (o.case.kind === 'native') {
    figures.nativeCases++;
    figures.correctPhones += expected.length;
    figures.falseRejections += expected.filter((p) => p.verdict !== 'ok').length;
    if (inserted) figures.falseInsertions++;
  } else if (o.case.kind === 'substitution' && o.case.target) {
    figures.substitutions++;
    const entry = expected[o.case.target.position];
    if (entry && entry.verdict !== 'ok') {
      figures.detected++;
      if (entry.heard === o.case.target.said) figures.diagnosed++;
    }
  } else if (o.case.kind === 'epenthesis') {
    figures.epentheses++;
    if (inserted) figures.insertionsFound++;
  }
}

/** Figures grouped by a key (family, contrast…), plus 'all'. */
export function figuresBy(outcomes: readonly CaseOutcome[], key: (o: CaseOutcome) => string | null): Map<string, Figures> {
  const groups = new Map<string, Figures>([['all', emptyFigures()]]);
  for (const o of outcomes) {
    tally(groups.get('all')!, o);
    const k = key(o);
    if (k === null) continue;
    if (!groups.has(k)) groups.set(k, emptyFigures());
    tally(groups.get(k)!, o);
  }
  return groups;
}

export const rate = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
