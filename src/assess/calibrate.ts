/**
 * Fitting the per-phone GOP thresholds of `calibration.json` from measurements on voice families held
 * out from training and from the test.
 *
 * Two kinds of measurement per expected phone: GOPs where the phone was said correctly (native
 * renditions) and GOPs where another phone was said in its place (the partner word of a minimal pair,
 * assessed against the target text). A threshold t rejects a correct phone when GOP < t (false
 * rejection) and detects a substitution when GOP < t. For each phone we pick the t that maximises
 * detection recall subject to false rejection ≤ `maxFalseRejection`; where a phone has too few
 * measurements the thresholds pool over its phone class (vowels, stops, fricatives…), then over all.
 */
import { isVowel } from '../model/phones';
import type { Calibration } from './types';

export interface GopSample {
  readonly phone: string;
  readonly gop: number;
  /** True when the phone was said as expected; false when another phone was said in its place. */
  readonly correct: boolean;
  /** The phone said in its place (substitutions). */
  readonly said?: string;
  /** Log-likelihood ratios of the phone's contrast partners against it (src/assess/score.ts). */
  readonly contrasts?: readonly { readonly partner: string; readonly llr: number }[];
}

export interface CalibrationOptions {
  /** Highest false-rejection rate allowed on correct phones. */
  readonly maxFalseRejection: number;
  /** Fewest correct samples for a phone to get a threshold of its own (else its class's). */
  readonly minCorrect: number;
  /** Slope of the 0–100 score curve. */
  readonly slope: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = { maxFalseRejection: 0.08, minCorrect: 30, slope: 1.5 };

const STOPS = new Set(['P', 'B', 'T', 'D', 'K', 'G']);
const FRICATIVES = new Set(['F', 'V', 'TH', 'DH', 'S', 'Z', 'SH', 'ZH', 'HH', 'CH', 'JH']);

/** Broad class of a phone, for pooling thin data. */
export function phoneClass(phone: string): string {
  if (isVowel(phone)) return 'vowel';
  if (STOPS.has(phone)) return 'stop';
  if (FRICATIVES.has(phone)) return 'fricative';
  return 'sonorant';
}

export interface ThresholdFit {
  readonly threshold: number;
  readonly falseRejection: number;
  readonly recall: number | null;
  readonly correct: number;
  readonly substituted: number;
}

/** The threshold with the best recall whose false rejection stays within the limit. */
export function fitThreshold(correct: readonly number[], substituted: readonly number[], maxFalseRejection: number): ThresholdFit {
  const sortedCorrect = [...correct].filter(Number.isFinite).sort((a, b) => a - b);
  if (sortedCorrect.length === 0) throw new RangeError('fitThreshold needs at least one correct sample');
  // Highest threshold whose false rejection ≤ limit: just above the k-th lowest correct GOP, k = ⌊limit·n⌋.
  const allowed = Math.floor(maxFalseRejection * sortedCorrect.length);
  const threshold = allowed > 0 ? (sortedCorrect[allowed - 1] + sortedCorrect[allowed]) / 2 : sortedCorrect[0] - 1e-3;
  const falseRejection = sortedCorrect.filter((g) => g < threshold).length / sortedCorrect.length;
  const recall = substituted.length ? substituted.filter((g) => g < threshold).length / substituted.length : null;
  return { threshold, falseRejection, recall, correct: sortedCorrect.length, substituted: substituted.length };
}

/** Fits a calibration; `fittedOn` records where the samples came from. */
export function fitCalibration(samples: readonly GopSample[], fittedOn: Record<string, unknown>, options: CalibrationOptions = DEFAULT_CALIBRATION_OPTIONS): Calibration & { fits: Record<string, ThresholdFit> } {
  const groups = new Map<string, { correct: number[]; substituted: number[] }>();
  const push = (key: string, sample: GopSample) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { correct: [], substituted: [] }));
    (sample.correct ? group.correct : group.substituted).push(sample.gop);
  };
  for (const sample of samples) {
    push(`phone:${sample.phone}`, sample);
    push(`class:${phoneClass(sample.phone)}`, sample);
    push('all', sample);
  }
  const all = groups.get('all');
  if (!all || all.correct.length === 0) throw new RangeError('No correct samples to calibrate on.');
  const fits: Record<string, ThresholdFit> = {};
  const fitOf = (key: string) => {
    const group = groups.get(key);
    if (!group || group.correct.filter(Number.isFinite).length < options.minCorrect) return undefined;
    return (fits[key] ??= fitThreshold(group.correct, group.substituted, options.maxFalseRejection));
  };
  const overall = fitOf('all') ?? fitThreshold(all.correct, all.substituted, options.maxFalseRejection);
  const thresholds: Record<string, number> = {};
  for (const key of groups.keys()) {
    if (!key.startsWith('phone:')) continue;
    const phone = key.slice('phone:'.length);
    const fit = fitOf(key) ?? fitOf(`class:${phoneClass(phone)}`) ?? overall;
    thresholds[phone] = Math.round(fit.threshold * 1000) / 1000;
  }
  return {
    version: 1,
    thresholds,
    defaultThreshold: Math.round(overall.threshold * 1000) / 1000,
    slope: options.slope,
    fittedOn: { ...fittedOn, maxFalseRejection: options.maxFalseRejection, minCorrect: options.minCorrect, samples: samples.length },
    fits,
  };
}

/**
 * Contrast margins (`TARGET>PARTNER`): for each pair with enough native renditions of the target
 * (≥ `minCorrect`) and substitutions by the partner (≥ `minSubstituted`), the lowest margin whose false
 * rejection on the natives stays within `budget`, kept only where it catches at least `minGain` of the
 * substitutions that the per-phone thresholds let through. A budget of 0 turns the check off.
 */
export function fitContrastMargins(
  samples: readonly GopSample[],
  thresholds: Readonly<Record<string, number>>,
  defaultThreshold: number,
  budget: number,
  minCorrect = 30,
  minSubstituted = 10,
  minGain = 0.05,
): Record<string, number> {
  if (budget <= 0) return {};
  const natives = new Map<string, number[]>();
  const missed = new Map<string, number[]>();
  for (const sample of samples) {
    const threshold = thresholds[sample.phone] ?? defaultThreshold;
    for (const { partner, llr } of sample.contrasts ?? []) {
      if (!Number.isFinite(llr)) continue;
      const key = `${sample.phone}>${partner}`;
      if (sample.correct) natives.set(key, [...(natives.get(key) ?? []), llr]);
      // Substitutions by this partner that the threshold alone lets through.
      else if (sample.said === partner && sample.gop >= threshold) missed.set(key, [...(missed.get(key) ?? []), llr]);
    }
  }
  const substitutedCount = new Map<string, number>();
  for (const sample of samples) if (!sample.correct && sample.said) substitutedCount.set(`${sample.phone}>${sample.said}`, (substitutedCount.get(`${sample.phone}>${sample.said}`) ?? 0) + 1);
  const margins: Record<string, number> = {};
  for (const [key, llrs] of natives) {
    const total = substitutedCount.get(key) ?? 0;
    if (llrs.length < minCorrect || total < minSubstituted) continue;
    // A margin m rejects a native when llr > m: fit as a GOP threshold on −llr.
    const fit = fitThreshold(llrs.map((x) => -x), (missed.get(key) ?? []).map((x) => -x), budget);
    const caught = (missed.get(key) ?? []).filter((x) => x > -fit.threshold).length;
    if (caught / total < minGain) continue;
    margins[key] = Math.round(-fit.threshold * 1000) / 1000;
  }
  return margins;
}
