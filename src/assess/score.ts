/**
 * Goodness of pronunciation (GOP) and verdicts.
 *
 * For an aligned expected phone p over frames F: GOP = mean_{t∈F} log P(p|t) − max_{q≠p, q≠SIL}
 * mean_{t∈F} log P(q|t). The best competitor q is what the learner "said". GOP ≥ the phone's calibrated
 * threshold → ok, else mispronounced (heard q). Phones the alignment skipped are missing; an inserted
 * vowel is an entry of its own after the consonant it follows. A phone that passes is also checked
 * against its Brazilian-contrast partners (CONTRAST_PARTNERS): when a partner's mean log posterior over
 * the phone's frames beats the target's by more than the pair's calibrated margin, the phone is
 * mispronounced, heard as that partner (the 2-way choice is sharper than the 40-way GOP). Scores: 100·σ(slope·(GOP − threshold) +
 * logit 0.6), so a phone exactly at its threshold scores 60; missing and inserted entries score 0.
 */
import { contrastPartners } from '../lessons/contrasts';
import { PHONES, SIL_INDEX, type Phone } from '../model/phones';
import type { AlignGraph, Alignment, ExpectedWord } from './forcedAlign';
import type { Calibration, PhoneAssessment, WordAssessment } from './types';

/**
 * The sounds a Brazilian learner says in place of each phone (src/lessons/contrasts.ts, the one
 * list): the pairs the contrast check compares directly.
 */
export const CONTRAST_PARTNERS: Readonly<Partial<Record<Phone, readonly Phone[]>>> = Object.freeze(contrastPartners());

/** Mean log posterior of `partner` minus that of `expected` over frames [start, end). */
export function contrastLlr(logPosteriors: Float32Array, classes: number, expected: number, partner: number, start: number, end: number): number {
  let sum = 0;
  for (let t = start; t < end; t++) sum += logPosteriors[t * classes + partner] - logPosteriors[t * classes + expected];
  return sum / Math.max(1, end - start);
}

/** Floor of the frame log-posteriors (a posterior of 1e-8), so that no phone's evidence is −∞. */
export const LOG_FLOOR = Math.log(1e-8);

const LOGIT_60 = Math.log(0.6 / 0.4);

/** Seconds of a frame boundary b (between frame b−1's and frame b's centres), 10 ms hop, 25 ms frames. */
export function boundarySeconds(boundary: number, hopSeconds = 0.01, frameSeconds = 0.025): number {
  return boundary * hopSeconds + (frameSeconds - hopSeconds) / 2;
}

/** GOP of `expected` over frames [start, end), and the best non-silence competitor. */
export function goodnessOfPronunciation(
  logPosteriors: Float32Array,
  classes: number,
  expected: number,
  start: number,
  end: number,
): { gop: number; competitor: number } {
  const sums = new Float64Array(classes);
  for (let t = start; t < end; t++) for (let c = 0; c < classes; c++) sums[c] += logPosteriors[t * classes + c];
  let competitor = -1;
  for (let c = 0; c < classes; c++) {
    if (c === expected || c === SIL_INDEX) continue;
    if (competitor < 0 || sums[c] > sums[competitor]) competitor = c;
  }
  const n = Math.max(1, end - start);
  return { gop: (sums[expected] - sums[competitor]) / n, competitor };
}

/** Score 0–100 of a GOP against a threshold. */
export function gopScore(gop: number, threshold: number, slope: number): number {
  return Math.round(100 / (1 + Math.exp(-(slope * (gop - threshold) + LOGIT_60))));
}

export function thresholdFor(calibration: Calibration, phone: string): number {
  return calibration.thresholds[phone] ?? calibration.defaultThreshold;
}

export function unsureBandFor(calibration: Calibration, phone: string): number {
  return calibration.unsureBands?.[phone] ?? calibration.defaultUnsureBand ?? 0;
}

/** ok at or above the pass point; `unsure` within the band below it; mispronounced further down. */
export function phoneVerdict(margin: number, unsureBand: number): 'ok' | 'unsure' | 'mispronounced' {
  if (margin >= 0) return 'ok';
  return margin >= -unsureBand ? 'unsure' : 'mispronounced';
}

/** Everything scoring needs about one clip. */
export interface ScoreInput {
  readonly words: readonly ExpectedWord[];
  readonly graph: AlignGraph;
  readonly alignment: Alignment;
  readonly logPosteriors: Float32Array;
  /**
   * The evidence the contrast check compares partners on (default: `logPosteriors`). The assessor
   * passes the CNN's own posteriors: it is trained on the contrasts, which the second model (trained on
   * native speech only) does not separate on synthetic or accented speech.
   */
  readonly contrastLogPosteriors?: Float32Array;
  readonly classes: number;
  readonly calibration: Calibration;
  /** Seconds to add to every time (where the analysed part starts in the file). */
  readonly offsetSeconds: number;
}

/** Raw measurements of one aligned expected phone, kept for calibration. */
export interface PhoneMeasurement {
  readonly word: number;
  readonly phone: string;
  readonly gop: number;
  readonly competitor: Phone;
  readonly frames: number;
  readonly skipped: boolean;
  /** Log-likelihood ratio of each contrast partner against the phone (empty where skipped or none). */
  readonly contrasts: readonly { readonly partner: Phone; readonly llr: number }[];
}

/** Per-word assessments from an alignment, plus the raw GOP measurements. */
export function scoreAlignment(input: ScoreInput): { words: WordAssessment[]; measurements: PhoneMeasurement[] } {
  const { words, graph, alignment, logPosteriors, classes, calibration, offsetSeconds } = input;
  const contrastEvidence = input.contrastLogPosteriors ?? logPosteriors;
  const time = (boundary: number) => Math.round((offsetSeconds + boundarySeconds(boundary)) * 1000) / 1000;
  const measurements: PhoneMeasurement[] = [];

  return {
    measurements,
    words: words.map((expected, w) => {
      const onPath = alignment.path.filter((a) => graph.units[a.unit].word === w);
      const phoneSteps = onPath.filter((a) => graph.units[a.unit].kind === 'phone');
      // The pronunciation the path went through (the best-scoring one).
      const alternative = phoneSteps.length > 0 ? graph.units[phoneSteps[0].unit].alternative : 0;
      const pron = expected.pronunciations[alternative];
      const byPosition = new Map(phoneSteps.map((a) => [graph.units[a.unit].position, a]));
      // Where a skipped phone would have been: the end of the unit before it on the path.
      const firstIndex = alignment.path.findIndex((a) => graph.units[a.unit].word === w);
      let cursor = firstIndex > 0 ? alignment.path[firstIndex - 1].endFrame : (onPath[0]?.startFrame ?? 0);
      const phones: PhoneAssessment[] = [];
      pron.forEach((phone, position) => {
        const step = byPosition.get(position);
        const threshold = thresholdFor(calibration, phone);
        if (!step) {
          measurements.push({ word: w, phone, gop: -Infinity, competitor: 'SIL', frames: 0, skipped: true, contrasts: [] });
          phones.push({ phone, start: time(cursor), end: time(cursor), score: 0, verdict: 'missing', heard: null });
          return;
        }
        cursor = step.endFrame;
        const expectedIndex = PHONES.indexOf(phone as Phone);
        const { gop, competitor } = goodnessOfPronunciation(logPosteriors, classes, expectedIndex, step.startFrame, step.endFrame);
        const contrasts = (CONTRAST_PARTNERS[phone as Phone] ?? []).map((partner) => ({
          partner,
          llr: contrastLlr(contrastEvidence, classes, expectedIndex, PHONES.indexOf(partner), step.startFrame, step.endFrame),
        }));
        measurements.push({ word: w, phone, gop, competitor: PHONES[competitor], frames: step.endFrame - step.startFrame, skipped: false, contrasts });
        // How far the phone is inside its pass region: its GOP above the threshold, and each checked partner below its margin.
        let margin = gop - threshold;
        let heard: Phone = PHONES[competitor];
        for (const { partner, llr } of contrasts) {
          const limit = calibration.contrastMargins?.[`${phone}>${partner}`];
          if (limit === undefined || limit - llr >= margin) continue;
          margin = limit - llr;
          heard = partner;
        }
        const verdict = phoneVerdict(margin, unsureBandFor(calibration, phone));
        phones.push({
          phone,
          start: time(step.startFrame),
          end: time(step.endFrame),
          score: gopScore(margin + threshold, threshold, calibration.slope),
          verdict,
          heard: verdict === 'ok' ? null : heard,
        });
        // An inserted vowel right after this phone is an entry of its own.
        const inserted = onPath.find((a) => graph.units[a.unit].kind === 'epenthesis' && a.startFrame === step.endFrame);
        if (inserted && position === pron.length - 1) {
          const vowel = strongestClass(logPosteriors, classes, graph.units[inserted.unit].classes, inserted.startFrame, inserted.endFrame);
          phones.push({ phone: PHONES[vowel], start: time(inserted.startFrame), end: time(inserted.endFrame), score: 0, verdict: 'inserted', heard: null });
          cursor = inserted.endFrame;
        }
      });
      const score = phones.length ? Math.round(phones.reduce((s, p) => s + p.score, 0) / phones.length) : 0;
      return { word: expected.word, score, phones };
    }),
  };
}

/** The class among `candidates` with the highest summed log-posterior over frames [start, end). */
function strongestClass(logPosteriors: Float32Array, classes: number, candidates: readonly number[], start: number, end: number): number {
  let best = candidates[0];
  let bestSum = -Infinity;
  for (const c of candidates) {
    let sum = 0;
    for (let t = start; t < end; t++) sum += logPosteriors[t * classes + c];
    if (sum > bestSum) {
      bestSum = sum;
      best = c;
    }
  }
  return best;
}

/** Utterance score: word scores weighted by their number of entries. */
export function utteranceScore(words: readonly WordAssessment[]): number {
  const entries = words.reduce((n, w) => n + w.phones.length, 0);
  if (entries === 0) return 0;
  return Math.round(words.reduce((s, w) => s + w.score * w.phones.length, 0) / entries);
}
