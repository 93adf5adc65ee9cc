/**
 * Senone scoring of the PTM model, as pocketsphinx's ptm_mgau.c does it, in natural logs:
 *
 * 1. Per frame, stream (3 × 13 dims) and codebook (one per CI phone, 128 diagonal Gaussians), the
 *    top-N (4) Gaussians by log-likelihood ln N(x; μ, σ²) = Σ ln(1/√(2πσ²)) − Σ (x − μ)²/(2σ²),
 *    an exact search over all 128 (pocketsphinx gets the same set by partial-distance elimination).
 * 2. Per stream, every top-N score is clamped at (the frame's best over all codebooks − 96 units of
 *    1024·ln 1.0001 ≈ 9.83 nats), pocketsphinx's MAX_NEG_ASCR.
 * 3. A senone's score is Σ_streams ln Σ_{top-N of its codebook} w[stream][codeword][senone]·N(x);
 *    w comes from the 8-bit sendump.
 *
 * The Gaussians are evaluated once per frame; each senone's score is computed on demand and cached
 * per frame, so the CI senones (for the phone evidence) and a few hundred context-dependent senones
 * (for an expected phone sequence) cost little more than the Gaussians themselves.
 */
import { SPHINX_FEATURE_DIMS } from '../dsp/sphinxFe';
import type { SphinxModel } from './types';

/** Options of the senone scorer. */
export interface SenoneScoringOptions {
  /** Gaussians kept per codebook and stream (pocketsphinx -topn; the model's default 4). */
  readonly topN?: number;
  /** Clamp Gaussian scores at the stream's best minus this many nats (default pocketsphinx's 96 units). */
  readonly clampNats?: number;
}

/** Gaussian top-N of every frame, and senone scores computed from it on demand. */
export interface SenoneScores {
  readonly frames: number;
  /** ln p(x_t | senone): computed on first use, then cached. */
  score(frame: number, senone: number): number;
  /** All frames of one senone (cached): Float32Array of `frames`. */
  column(senone: number): Float32Array;
  /** Scores of every senone of one frame into `out` (length ≥ senones). */
  frameScores(frame: number, out?: Float32Array): Float32Array;
}

interface GaussianTables {
  /** [stream][codebook][density] × (μ, 1/(2σ²)) interleaved per dim, float64. */
  readonly mh: Float64Array;
  /** Σ ln(1/√(2πσ²)) in the same order. */
  readonly logNorm: Float64Array;
}

const tablesCache = new WeakMap<SphinxModel, GaussianTables>();

/** The Gaussians stream-major and interleaved, so that one stream's 42 × 128 are one straight run. */
function gaussianTables(model: SphinxModel): GaussianTables {
  let tables = tablesCache.get(model);
  if (!tables) {
    const { codebooks: nCb, streams: nSt, densities: nDen, streamDim: dim } = model;
    const mh = new Float64Array(nCb * nSt * nDen * dim * 2);
    const logNorm = new Float64Array(nCb * nSt * nDen);
    for (let s = 0; s < nSt; s++) {
      for (let cb = 0; cb < nCb; cb++) {
        for (let cw = 0; cw < nDen; cw++) {
          const src = (cb * nSt + s) * nDen + cw;
          const dst = (s * nCb + cb) * nDen + cw;
          logNorm[dst] = model.logNorm[src];
          for (let k = 0; k < dim; k++) {
            mh[dst * 2 * dim + 2 * k] = model.means[src * dim + k];
            mh[dst * 2 * dim + 2 * k + 1] = model.halfPrecision[src * dim + k];
          }
        }
      }
    }
    tables = { mh, logNorm };
    tablesCache.set(model, tables);
  }
  return tables;
}

/**
 * The log-likelihoods of one stream's Gaussians (all codebooks, `count` of them from `first`) for one
 * frame, into `out`. A straight loop without branches: in JS this beats partial-distance
 * elimination, whose early exits mispredict and whose chains cannot overlap.
 */
function streamScores(mh: Float64Array, logNorm: Float64Array, features: Float32Array, xs: number, first: number, count: number, out: Float64Array): void {
  const x0 = features[xs], x1 = features[xs + 1], x2 = features[xs + 2], x3 = features[xs + 3], x4 = features[xs + 4];
  const x5 = features[xs + 5], x6 = features[xs + 6], x7 = features[xs + 7], x8 = features[xs + 8], x9 = features[xs + 9];
  const x10 = features[xs + 10], x11 = features[xs + 11], x12 = features[xs + 12];
  for (let i = 0; i < count; i++) {
    const g = first + i;
    const m = g * 26;
    let e = x0 - mh[m], d = logNorm[g] - e * e * mh[m + 1];
    e = x1 - mh[m + 2]; d -= e * e * mh[m + 3];
    e = x2 - mh[m + 4]; d -= e * e * mh[m + 5];
    e = x3 - mh[m + 6]; d -= e * e * mh[m + 7];
    e = x4 - mh[m + 8]; d -= e * e * mh[m + 9];
    e = x5 - mh[m + 10]; d -= e * e * mh[m + 11];
    e = x6 - mh[m + 12]; d -= e * e * mh[m + 13];
    e = x7 - mh[m + 14]; d -= e * e * mh[m + 15];
    e = x8 - mh[m + 16]; d -= e * e * mh[m + 17];
    e = x9 - mh[m + 18]; d -= e * e * mh[m + 19];
    e = x10 - mh[m + 20]; d -= e * e * mh[m + 21];
    e = x11 - mh[m + 22]; d -= e * e * mh[m + 23];
    e = x12 - mh[m + 24]; d -= e * e * mh[m + 25];
    out[i] = d;
  }
}

/** Top-N of `count` scores from `from` (ids relative to `from`) into outIdx/outScore at `at`; returns the best. */
function selectTop(scores: Float64Array, from: number, count: number, topN: number, outIdx: Uint8Array, outScore: Float64Array, at: number): number {
  for (let j = 0; j < topN; j++) outScore[at + j] = -Infinity;
  let thresh = -Infinity;
  for (let cw = 0; cw < count; cw++) {
    const d = scores[from + cw];
    if (d > thresh) {
      let pos = at + topN - 1;
      while (pos > at && outScore[pos - 1] < d) {
        outScore[pos] = outScore[pos - 1];
        outIdx[pos] = outIdx[pos - 1];
        pos--;
      }
      outScore[pos] = d;
      outIdx[pos] = cw;
      thresh = outScore[at + topN - 1];
    }
  }
  return outScore[at];
}

/**
 * Evaluates the top-N Gaussians of `frames` feature vectors (`frames × 39`, the output of
 * sphinxFeatures) and returns the senone scorer over them.
 */
export function scoreFrames(model: SphinxModel, features: Float32Array, frames: number, options: SenoneScoringOptions = {}): SenoneScores {
  const topN = options.topN ?? model.metadata.scoring.topN;
  const clamp = options.clampNats ?? model.metadata.scoring.maxNegAscr * model.metadata.scoring.mixwUnitNats;
  const { codebooks: nCb, streams: nSt, densities: nDen, streamDim: dim, senones: nSen } = model;
  const { mh, logNorm } = gaussianTables(model);
  if (dim !== 13) throw new RangeError(`the scorer is unrolled for 13-dim streams, the model has ${dim}`);
  // Per frame, stream, codebook: the top-N codeword ids and exp(score − stream best), and per frame
  // and stream the best score.
  const slots = nSt * nCb * topN;
  const topIdx = new Uint8Array(frames * slots);
  const topLin = new Float64Array(frames * slots);
  const best = new Float64Array(frames * nSt);

  const perStream = nCb * nDen;
  const scratch = new Float64Array(perStream);
  for (let t = 0; t < frames; t++) {
    for (let s = 0; s < nSt; s++) {
      streamScores(mh, logNorm, features, t * SPHINX_FEATURE_DIMS + s * dim, s * perStream, perStream, scratch);
      const o = t * slots + s * nCb * topN;
      let streamBest = -Infinity;
      for (let cb = 0; cb < nCb; cb++) {
        const top = selectTop(scratch, cb * nDen, nDen, topN, topIdx, topLin, o + cb * topN);
        if (top > streamBest) streamBest = top;
      }
      best[t * nSt + s] = streamBest;
      const floor = streamBest - clamp;
      for (let i = o; i < o + nCb * topN; i++) {
        const v = topLin[i];
        topLin[i] = Math.exp((v > floor ? v : floor) - streamBest);
      }
    }
  }

  const { mixw, mixwLinear } = model;
  const cache = new Map<number, Float32Array>();

  function compute(t: number, sen: number): number {
    const cb = model.sen2ci[sen];
    let total = 0;
    for (let s = 0; s < nSt; s++) {
      const o = t * slots + (s * nCb + cb) * topN;
      const w0 = s * nDen * nSen + sen;
      let sum = 0;
      for (let j = 0; j < topN; j++) sum += mixwLinear[mixw[w0 + topIdx[o + j] * nSen]] * topLin[o + j];
      total += Math.log(sum) + best[t * nSt + s];
    }
    return total;
  }

  function column(sen: number): Float32Array {
    let col = cache.get(sen);
    if (!col) {
      col = new Float32Array(frames);
      for (let t = 0; t < frames; t++) col[t] = compute(t, sen);
      cache.set(sen, col);
    }
    return col;
  }

  return {
    frames,
    score: (t, sen) => column(sen)[t],
    column,
    frameScores(t, out = new Float32Array(nSen)) {
      for (let sen = 0; sen < nSen; sen++) out[sen] = cache.get(sen)?.[t] ?? compute(t, sen);
      return out;
    },
  };
}
