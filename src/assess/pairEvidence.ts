/**
 * The rule that decides a minimal pair's focus phone from its two pieces of evidence. It lives here,
 * alone, so that changing how they are weighed is a change to one function.
 */

/** P(ok) of a phone from its GOP: σ(slope · (GOP − threshold)). */
export function gopProbability(gop: number, threshold: number, slope: number): number {
  return 1 / (1 + Math.exp(-slope * (gop - threshold)));
}

/**
 * The combination rule of a minimal pair's focus phone: the average of P(ok) from its GOP and
 * P(target) from the pair evidence (native references or the acoustic comparison); ≥ 0.5 → ok.
 */
export function combinePairEvidence(pGop: number, pTarget: number): { pOk: number; ok: boolean } {
  const pOk = (pGop + pTarget) / 2;
  return { pOk, ok: pOk >= 0.5 };
}
