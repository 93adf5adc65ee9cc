/**
 * The rule that decides a minimal pair's focus phone from its two pieces of evidence. It lives here,
 * alone, so that changing how they are weighed is a change to one function.
 */
import type { Verdict } from './types';

/** P(ok) of a phone from its GOP: σ(slope · (GOP − threshold)). */
export function gopProbability(gop: number, threshold: number, slope: number): number {
  return 1 / (1 + Math.exp(-slope * (gop - threshold)));
}

/** Half-width of the pair evidence's not-sure band around P(target) = 0.5. */
export const PAIR_UNSURE_BAND = 0.1;

export type PairVerdict = Extract<Verdict, 'ok' | 'unsure' | 'mispronounced'>;

const SEVERITY: Readonly<Record<PairVerdict, number>> = { ok: 0, unsure: 1, mispronounced: 2 };

/**
 * The combination rule of a minimal pair's focus phone. The pair evidence (native references or the
 * acoustic comparison) says ok when P(target) ≥ 0.5 + band, mispronounced when ≤ 0.5 − band, and not
 * sure in between; the phone's verdict is the worse of that and its GOP verdict. So the pair evidence
 * can catch a substitution the GOP let through, or leave a pass unsure, but never clear a phone the
 * GOP rejected (averaging the two let espeak's "tree" pass for "three"). `pOk` is the lower of P(ok)
 * from the GOP and P(target); `pair` is the pair evidence's own verdict.
 */
export function combinePairEvidence(gopVerdict: PairVerdict, pGop: number, pTarget: number): { pOk: number; verdict: PairVerdict; pair: PairVerdict } {
  const pair: PairVerdict = pTarget >= 0.5 + PAIR_UNSURE_BAND ? 'ok' : pTarget <= 0.5 - PAIR_UNSURE_BAND ? 'mispronounced' : 'unsure';
  return { pOk: Math.min(pGop, pTarget), verdict: SEVERITY[pair] >= SEVERITY[gopVerdict] ? pair : gopVerdict, pair };
}
