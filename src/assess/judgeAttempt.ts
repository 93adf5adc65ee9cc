/**
 * The whole judgement of one attempt, shared by the practice screen, the `assess` CLI and the
 * evaluations: GOP verdicts from the assessor, and for a minimal pair ("three" said against "tree")
 * the verdict of the phone that makes the pair.
 *
 * Pair evidence, P(target) — did the learner say the target rather than the partner?
 * - with native references of both words: the reference comparison (`compareWithReferences`, DTW of
 *   posteriorgrams);
 * - without them (free words): the acoustic evidence. The partner's phones are aligned over the same
 *   posteriors with the same graph options; the difference of the two best paths' log-scores, per
 *   frame of the target's focus phone, is a log-likelihood ratio of the two pronunciations, and
 *   P(target) = σ(ACOUSTIC_PAIR_SHARPNESS · that ratio). The paths differ only around the focus
 *   phone, so the ratio measures how much better one of the two sounds fits there.
 * Either is combined with the GOP of the focus phone by `combinePairEvidence` (one rule, one place).
 */
import { PHONE_COUNT } from '../model/phones';
import type { AssessDetails, AssessRequest } from './assess';
import { expectedWords } from './assess';
import { buildAlignGraph, DEFAULT_ALIGN_OPTIONS, viterbiAlign, type AlignOptions } from './forcedAlign';
import type { Lexicon, Pronunciation } from './lexicon';
import { combinePairEvidence, gopProbability } from './pairEvidence';
import { applyPairJudgement, pairFocus, type PairFocus } from './pairJudgement';
import { compareWithReferences, type Posteriorgram } from './referenceCompare';
import { thresholdFor } from './score';
import { measureStage } from './timing';
import type { AssessResult, Calibration } from './types';

/** Native references of both words of a pair: posteriorgrams of their speech spans through the same model. */
export interface PairReferences {
  readonly target: readonly Posteriorgram[];
  readonly partner: readonly Posteriorgram[];
}

/** The partner of a minimal pair. */
export interface PairRequest {
  /** The partner word(s), e.g. "tree" for "three". */
  readonly text: string;
  /** Its phones, one pronunciation list per word (a lesson item's own); otherwise the lexicon's. */
  readonly pronunciations?: readonly (readonly Pronunciation[])[];
  /**
   * Native references of target and partner, asked for once the attempt is assessed (so that the
   * caller's loading is not counted before the verdict); none → the acoustic evidence decides.
   */
  readonly references?: () => Promise<PairReferences | null>;
}

export interface JudgeRequest extends AssessRequest {
  readonly partner?: PairRequest | null;
}

/** How a minimal pair was decided, for the screen and for evaluation. */
export interface PairOutcome {
  readonly focusPhone: string;
  readonly partnerPhone: string;
  /** The partner word(s) as given. */
  readonly partner: string;
  readonly evidence: 'references' | 'acoustic';
  /** P(target) from the evidence. */
  readonly pTarget: number;
  /** P(ok) of the focus phone from its GOP alone. */
  readonly pGop: number;
  /** The lower of the GOP's P(ok) and the pair evidence's P(target) (the verdict follows `combinePairEvidence`). */
  readonly pOk: number;
  /** References only: mean Hellinger distances to the nearest target and partner rendition. */
  readonly targetDistance?: number;
  readonly partnerDistance?: number;
  /** Acoustic only: (target path − partner path) log-score per frame of the focus phone. */
  readonly logScoreRatio?: number;
}

export interface Judgement {
  /** The verdicts the learner sees. */
  readonly result: AssessResult;
  readonly details: AssessDetails;
  /** How the pair's focus phone was decided; null for a single word or sentence, or when it could not be. */
  readonly pair: PairOutcome | null;
}

/** What judging needs: an assessor (`createAssessor`, or the app's engine) and its calibration. */
export interface JudgeContext {
  readonly calibration: Calibration;
  /** For texts without phones of their own (the CLI's free words). */
  readonly lexicon?: Lexicon;
  assessDetailed(request: AssessRequest): Promise<{ result: AssessResult; details: AssessDetails }>;
}

/** Scale of the per-frame log-score ratio in the acoustic P(target) (a tempered posterior; not fitted yet). */
export const ACOUSTIC_PAIR_SHARPNESS = 1;

/** The CNN's frame posteriors of the attempt (native references' posteriorgrams come from the same model). */
export function posteriorgramOf(details: AssessDetails, classes: number = PHONE_COUNT): Posteriorgram {
  const data = new Float32Array(details.cnnLogPosteriors.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.exp(details.cnnLogPosteriors[i]);
  return { data, frames: data.length / classes, classes };
}

/**
 * The partner's phones to compare with the target's reported pronunciation: per word, the partner
 * alternative equal to the target's where there is one (the words the pair shares), else the first
 * alternative of the same length. Null when the words do not line up.
 */
function partnerPhonesFor(target: readonly (readonly string[])[], partner: readonly (readonly Pronunciation[])[]): string[][] | null {
  if (target.length !== partner.length) return null;
  const chosen: string[][] = [];
  for (let w = 0; w < target.length; w++) {
    const same = partner[w].find((p) => p.length === target[w].length && p.every((x, i) => x === target[w][i]));
    const pick = same ?? partner[w].find((p) => p.length === target[w].length);
    if (!pick) return null;
    chosen.push([...pick]);
  }
  return chosen;
}

/**
 * Acoustic P(target): the target's reported phones and the partner's, each aligned over the CNN's own
 * posteriors (the model trained on the contrasts; the fused evidence also holds the second model, which
 * does not separate them on synthetic or accented speech), compared per frame of the focus phone.
 */
function acousticEvidence(details: AssessDetails, words: readonly string[], targetPhones: readonly (readonly string[])[], partnerPhones: readonly (readonly string[])[], focusFrames: number, align: AlignOptions) {
  const evidence = details.cnnLogPosteriors;
  const frames = evidence.length / PHONE_COUNT;
  const path = (phones: readonly (readonly string[])[]) =>
    viterbiAlign(buildAlignGraph(phones.map((p, w) => ({ word: words[w] ?? `w${w}`, pronunciations: [p] })), align), evidence, frames, PHONE_COUNT);
  const targetPath = path(targetPhones);
  const partnerPath = path(partnerPhones);
  if (!targetPath || !partnerPath) return null;
  const logScoreRatio = (targetPath.score - partnerPath.score) / Math.max(1, focusFrames);
  return { pTarget: 1 / (1 + Math.exp(-ACOUSTIC_PAIR_SHARPNESS * logScoreRatio)), logScoreRatio };
}

/**
 * Judges an attempt: assesses it (`context.assessDetailed`) and, for a minimal pair, decides the focus
 * phone from the pair evidence combined with its GOP (`applyPairJudgement`). A pair whose words do not
 * line up phone by phone, or whose focus phone is missing, keeps the GOP verdicts (`pair` null).
 */
export async function judgeAttempt(context: JudgeContext, request: JudgeRequest): Promise<Judgement> {
  const { result, details } = await context.assessDetailed(request);
  const partner = request.partner;
  if (!partner) return { result, details, pair: null };
  const t = performance.now();
  const targetPhones = details.words.map((_, w) => details.measurements.filter((m) => m.word === w).map((m) => m.phone));
  const partnerWords = expectedWords(partner.text, context.lexicon, partner.pronunciations);
  const partnerPhones = partnerPhonesFor(targetPhones, partnerWords.map((w) => w.pronunciations));
  const focus: PairFocus | null = partnerPhones ? pairFocus(targetPhones, partnerPhones) : null;
  const measurement = focus ? details.measurements.filter((m) => m.word === focus.word)[focus.index] : undefined;
  if (!focus || !partnerPhones || !measurement || measurement.skipped) return { result, details, pair: null };

  const { calibration } = context;
  const pGop = gopProbability(measurement.gop, thresholdFor(calibration, focus.phone), calibration.slope);
  const references = (await partner.references?.()) ?? null;
  let evidence: Omit<PairOutcome, 'focusPhone' | 'partnerPhone' | 'partner' | 'pGop' | 'pOk'>;
  if (references && references.target.length > 0 && references.partner.length > 0) {
    const judgement = compareWithReferences(posteriorgramOf(details, references.target[0].classes), references.target, references.partner);
    evidence = { evidence: 'references', ...judgement };
  } else {
    const align: AlignOptions = { ...DEFAULT_ALIGN_OPTIONS, ...(calibration.align ?? {}) };
    const acoustic = acousticEvidence(details, partnerWords.map((w) => w.word), targetPhones, partnerPhones, measurement.frames, align);
    if (!acoustic) return { result, details, pair: null };
    evidence = { evidence: 'acoustic', ...acoustic };
  }
  const focusEntry = result.words[focus.word].phones.filter((p) => p.verdict !== 'inserted')[focus.index];
  const gopVerdict = focusEntry?.verdict === 'ok' || focusEntry?.verdict === 'unsure' ? focusEntry.verdict : 'mispronounced';
  const combined = combinePairEvidence(gopVerdict, pGop, evidence.pTarget);
  measureStage('pair-compare', t);
  return {
    result: applyPairJudgement(result, focus, combined),
    details,
    pair: { focusPhone: focus.phone, partnerPhone: focus.partnerPhone, partner: partner.text, ...evidence, pGop, pOk: combined.pOk },
  };
}
