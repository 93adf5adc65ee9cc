/**
 * Two acoustic models, one evidence: the CNN's frame posteriors and a second model's per-frame phone
 * log-likelihoods (the Sphinx PTM model, trained on real speech) are combined log-linearly into one
 * frame log-posterior, over which the single forced alignment and GOP run.
 *
 *   log p(c | t) ∝ (1 − w) · log p_cnn(c | t) + w · log softmax_c(s · ℓ(c, t))
 *
 * `s` turns the second model's log-likelihoods (natural log, tens of nats apart) into a posterior
 * of comparable sharpness; `w` weighs the two. Both are fitted on the real calibration split
 * (`npm run calibrate:real`), never on evaluation speakers. The frames line up by index (CONTRACTS.md,
 * "Sphinx"): the second model's extra trailing frame, if any, is dropped; a missing one repeats the last.
 */
import { LOG_FLOOR } from './score';
import type { Calibration } from './types';

/** A second source of frame evidence: per frame, one log-likelihood per phone class. */
export interface PhoneEvidenceSource {
  /** For 16 kHz samples in [−1, 1]: `frames × classes` natural-log likelihoods, row-major, phone order of src/model. */
  evidence(samples16k: Float32Array): Promise<{ readonly frames: number; readonly logLik: Float32Array }> | { readonly frames: number; readonly logLik: Float32Array };
}

/** How the two models are combined (calibration.json `fusion`). */
export interface FusionSettings {
  /** Weight of the second model, 0 (CNN only) to 1 (second model only). */
  readonly weight: number;
  /** Scale applied to the second model's log-likelihoods before its softmax. */
  readonly scale: number;
}


/** Whether a calibration fuses a second model's evidence (a weight above 0): then that model has to be loaded. */
export function fusesSecondModel(calibration: Pick<Calibration, 'fusion'>): boolean {
  return (calibration.fusion?.weight ?? 0) > 0;
}

/** Log-softmax of `scale · values[offset … offset + width)` into `out[0 … width)`. */
function logSoftmaxRow(values: Float32Array, offset: number, width: number, scale: number, out: Float32Array): void {
  let max = -Infinity;
  for (let c = 0; c < width; c++) max = Math.max(max, scale * values[offset + c]);
  let sum = 0;
  for (let c = 0; c < width; c++) sum += Math.exp(scale * values[offset + c] - max);
  const log = max + Math.log(sum);
  for (let c = 0; c < width; c++) out[c] = scale * values[offset + c] - log;
}

/**
 * Fused frame log-posteriors (`frames × classes`, floored like the CNN's) from the CNN's log-posteriors
 * and the second model's log-likelihoods.
 */
export function fuseEvidence(cnnLogPosteriors: Float32Array, frames: number, classes: number, second: { readonly frames: number; readonly logLik: Float32Array }, fusion: FusionSettings): Float32Array {
  if (fusion.weight <= 0 || second.frames === 0) return cnnLogPosteriors;
  const out = new Float32Array(frames * classes);
  const secondRow = new Float32Array(classes);
  const mixed = new Float32Array(frames > 0 ? classes : 0);
  for (let t = 0; t < frames; t++) {
    logSoftmaxRow(second.logLik, Math.min(t, second.frames - 1) * classes, classes, fusion.scale, secondRow);
    for (let c = 0; c < classes; c++) mixed[c] = (1 - fusion.weight) * cnnLogPosteriors[t * classes + c] + fusion.weight * secondRow[c];
    logSoftmaxRow(mixed, 0, classes, 1, secondRow);
    for (let c = 0; c < classes; c++) out[t * classes + c] = Math.max(LOG_FLOOR, secondRow[c]);
  }
  return out;
}
