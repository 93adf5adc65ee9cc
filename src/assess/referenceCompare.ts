/**
 * Reference comparison for minimal-pair drills: is the learner's word closer to native renditions of
 * the target ("three") or of its partner ("tree")?
 *
 * Each rendition is a posteriorgram (frames × phone posteriors from the same model). Two are compared
 * by DTW with the Hellinger distance between frames (Euclidean distance of √p, scaled by 1/√2, so in
 * [0, 1]); the cost is averaged along the path. The learner's distance to a word is the smallest over
 * its references. P(target) = σ(sharpness · (d_partner − d_target)): even odds when both are equally
 * close. Combined with GOP (`combinePairEvidence`) it decides minimal-pair items (`judgeAttempt`).
 */
import { dtw } from '../dsp';

export interface Posteriorgram {
  readonly data: Float32Array;
  readonly frames: number;
  readonly classes: number;
}

export interface ReferenceJudgement {
  /** Mean Hellinger distance to the nearest target reference. */
  readonly targetDistance: number;
  /** Mean Hellinger distance to the nearest partner reference. */
  readonly partnerDistance: number;
  /** Probability the learner said the target rather than the partner. */
  readonly pTarget: number;
}

/** Default sharpness of the distance-difference → probability mapping. */
export const REFERENCE_SHARPNESS = 40;

function sqrtScaled(p: Posteriorgram): Float32Array {
  const out = new Float32Array(p.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(Math.max(0, p.data[i]) / 2);
  return out;
}

/** Mean Hellinger distance between two posteriorgrams along their DTW path. */
export function posteriorgramDistance(a: Posteriorgram, b: Posteriorgram): number {
  if (a.classes !== b.classes) throw new RangeError(`posteriorgrams differ in classes: ${a.classes} vs ${b.classes}`);
  return dtw(sqrtScaled(a), a.frames, sqrtScaled(b), b.frames, a.classes, { band: 0.5 }).cost;
}

/** Compares the learner's word with native references of the target and of the partner word. */
export function compareWithReferences(
  learner: Posteriorgram,
  targetReferences: readonly Posteriorgram[],
  partnerReferences: readonly Posteriorgram[],
  sharpness = REFERENCE_SHARPNESS,
): ReferenceJudgement {
  if (targetReferences.length === 0 || partnerReferences.length === 0) throw new RangeError('need at least one reference of each word');
  const nearest = (refs: readonly Posteriorgram[]) => Math.min(...refs.map((r) => posteriorgramDistance(learner, r)));
  const targetDistance = nearest(targetReferences);
  const partnerDistance = nearest(partnerReferences);
  const pTarget = 1 / (1 + Math.exp(-sharpness * (partnerDistance - targetDistance)));
  return { targetDistance, partnerDistance, pTarget };
}
