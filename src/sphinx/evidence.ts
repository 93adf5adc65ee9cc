/**
 * Frame evidence from the Sphinx model for the assessment: one analysis per clip (features, then the
 * Gaussians once), from which the phone evidence, the evidence of an expected phone sequence and a
 * forced alignment are read without recomputing anything.
 *
 * Frames: Sphinx frame i covers samples [160·i, 160·i + 410) (the last one is shorter and
 * zero-padded); the log-mel's frame i covers [160·i, 160·i + 400). Same index, centres 5 samples
 * (0.31 ms) apart. For n ≥ 410 samples Sphinx has 2 + ⌊(n − 410)/160⌋ frames, the log-mel
 * 1 + ⌊(n − 400)/160⌋: Sphinx has one more, except when (n − 400) mod 160 < 10, where both agree.
 * `logMelFrames()` keeps the frames the log-mel also has.
 */
import { frameCount } from '../dsp/config';
import { sphinxFeatures, type SphinxFeatures } from '../dsp/sphinxFe';
import { PHONES, PHONE_COUNT } from '../model/phones';
import { alignPhones, type AlignOptions, type Alignment } from './align';
import { SphinxError } from './errors';
import { ciHmm, ciPhoneId, triphoneHmm } from './sphinxModel';
import { scoreFrames, type SenoneScores } from './scorer';
import { WordPosition, type SphinxModel } from './types';

/** Per frame and phone class, the best score among that phone's senones (natural log). */
export interface PhoneEvidence {
  readonly frames: number;
  /** `frames × 40` in PHONES order, row-major. */
  readonly logLik: Float32Array;
}

/** Per frame and expected phone, the best of its three context-dependent senones. */
export interface ExpectedPhoneEvidence {
  readonly frames: number;
  /** The expected phones, flattened over the words. */
  readonly phones: readonly string[];
  /** `frames × phones.length`, row-major (natural log). */
  readonly logLik: Float32Array;
  /** Senones used for each expected phone (3 each). */
  readonly senones: readonly (readonly number[])[];
}

/** One clip analysed: features and Gaussians computed once. */
export interface SphinxAnalysis {
  readonly frames: number;
  readonly features: SphinxFeatures;
  readonly scores: SenoneScores;
  /** Evidence per frame for the 40 phone classes from the context-independent senones (SIL from SIL's). */
  phoneEvidence(): PhoneEvidence;
  /**
   * Evidence per frame for each expected phone from the context-dependent senones it takes in the
   * sequence (neighbouring phones as context, SIL at the ends, mdef's word positions).
   */
  expectedEvidence(words: readonly (readonly string[])[]): ExpectedPhoneEvidence;
  /** Forced alignment of the words (see align.ts). */
  align(words: readonly (readonly string[])[], options?: AlignOptions): Alignment;
}

/** Analyses a clip of 16 kHz samples in [−1, 1]. */
export function analyseClip(model: SphinxModel, samples16k: Float32Array): SphinxAnalysis {
  if (!(samples16k instanceof Float32Array)) throw new SphinxError('SPHINX_BAD_INPUT', 'The Sphinx scorer takes a Float32Array of 16 kHz samples.');
  const features = sphinxFeatures(samples16k);
  const scores = scoreFrames(model, features.data, features.frames);
  const frames = features.frames;
  return {
    frames,
    features,
    scores,
    phoneEvidence: () => phoneEvidenceFrom(model, scores),
    expectedEvidence: (words) => expectedEvidenceFrom(model, scores, words),
    align: (words, options) => alignPhones(model, scores, words, options),
  };
}

function maxOfColumns(cols: Float32Array[], frames: number, out: Float32Array, stride: number, offset: number): void {
  for (let t = 0; t < frames; t++) {
    let best = -Infinity;
    for (const c of cols) if (c[t] > best) best = c[t];
    out[t * stride + offset] = best;
  }
}

function phoneEvidenceFrom(model: SphinxModel, scores: SenoneScores): PhoneEvidence {
  const frames = scores.frames;
  const logLik = new Float32Array(frames * PHONE_COUNT);
  PHONES.forEach((phone, p) => {
    const hmm = ciHmm(model, ciPhoneId(model, phone));
    maxOfColumns(hmm.senones.map((s) => scores.column(s)), frames, logLik, PHONE_COUNT, p);
  });
  return { frames, logLik };
}

function expectedEvidenceFrom(model: SphinxModel, scores: SenoneScores, words: readonly (readonly string[])[]): ExpectedPhoneEvidence {
  const sil = model.silenceId;
  const ids = words.map((w) => w.map((p) => ciPhoneId(model, p)));
  const flat = ids.flat();
  const phones = words.flat();
  const senones: number[][] = [];
  let k = 0;
  for (const word of ids) {
    word.forEach((ci, j) => {
      const lc = k > 0 ? flat[k - 1] : sil;
      const rc = k < flat.length - 1 ? flat[k + 1] : sil;
      const wpos = word.length === 1 ? WordPosition.single : j === 0 ? WordPosition.begin : j === word.length - 1 ? WordPosition.end : WordPosition.internal;
      senones.push([...triphoneHmm(model, ci, lc, word.length === 1 ? sil : rc, wpos).senones]);
      k++;
    });
  }
  const frames = scores.frames;
  const logLik = new Float32Array(frames * phones.length);
  senones.forEach((sen, i) => maxOfColumns(sen.map((s) => scores.column(s)), frames, logLik, phones.length, i));
  return { frames, phones, logLik, senones };
}

/** The phone evidence of a clip (16 kHz samples in [−1, 1]): `frames × 40`, PHONES order, natural logs. */
export function phoneEvidence(model: SphinxModel, samples16k: Float32Array): PhoneEvidence {
  return analyseClip(model, samples16k).phoneEvidence();
}

/** The first `frameCount(n)` rows of a frames-major matrix: the frames the log-mel has for the same n samples. */
export function logMelFrames(matrix: Float32Array, width: number, sampleCount: number): Float32Array {
  return matrix.subarray(0, Math.min(matrix.length / width, frameCount(sampleCount)) * width);
}

/** The model as the assessment's second source of frame evidence (src/assess `PhoneEvidenceSource`). */
export function sphinxEvidenceSource(model: SphinxModel): { evidence(samples16k: Float32Array): PhoneEvidence } {
  return { evidence: (samples16k) => phoneEvidence(model, samples16k) };
}
