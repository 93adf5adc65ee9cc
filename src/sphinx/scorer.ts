/**
 * Senone scoring of the PTM model with pocketsphinx's own arithmetic (ptm_mgau.c), so that the
 * scores are Sphinx's, not merely close to them:
 *
 * 1. Per frame, stream (3 × 13 dims) and codebook (one per CI phone, 128 diagonal Gaussians):
 *    d = det − Σ (x − μ)²·prec in units of ln(1.0001) (det and prec precomputed and truncated as in
 *    ms_gauden.c), truncated to an integer; keep the top N (4). Every Gaussian is evaluated — the
 *    same set as pocketsphinx's partial-distance search, which only skips Gaussians that cannot win.
 * 2. Per stream: norm = the best (d >> 10) over all codebooks; each kept Gaussian becomes
 *    min(norm − (d >> 10), 96) — negated, normalised, clamped (MAX_NEG_ASCR).
 * 3. A senone: Σ_streams of the log-add over its codebook's top N of (8-bit mixture weight + that),
 *    with sphinxbase's 8-bit add table; this is a negated log-likelihood in units of
 *    1024·ln(1.0001) ≈ 0.1024 nats, relative to the frame's norms.
 *
 * `score()` turns it back into natural logs and adds the norms: (Σ norm − senscr)·0.1024 nats, a
 * (quantised) log-likelihood comparable across frames. The Gaussians are evaluated once per frame;
 * each senone is computed on demand and cached, so the 126 CI senones (phone evidence) or a few
 * hundred context-dependent senones (an expected phone sequence) cost little beyond the Gaussians.
 *
 * The Gaussian loop is a straight loop over one stream's 42 × 128 Gaussians without branches: in
 * JavaScript this beats partial-distance elimination, whose early exits mispredict.
 */
import { SPHINX_FEATURE_DIMS } from '../dsp/sphinxFe';
import { gaussianKernel } from './gaussianKernel';
import { SENSCR_SHIFT } from './sphinxModel';
import type { SphinxModel } from './types';

/** Options of the senone scorer. */
export interface SenoneScoringOptions {
  /** Gaussians kept per codebook and stream (pocketsphinx -topn; default the model's 4). */
  readonly topN?: number;
  /** Only these codebooks (CI phone ids) are evaluated; senones of the others score −Infinity. Default all. */
  readonly codebooks?: readonly number[];
  /** Use the WebAssembly SIMD kernel when the engine has it (default true); false forces the JavaScript loop. */
  readonly simd?: boolean;
}

/** Gaussian top-N of every frame, and senone scores computed from it on demand. */
export interface SenoneScores {
  readonly frames: number;
  /** Nats per integer unit of `senscr` (1024·ln 1.0001). */
  readonly unitNats: number;
  /** ln p(x_t | senone) (quantised as pocketsphinx does): computed on first use, then cached. */
  score(frame: number, senone: number): number;
  /** All frames of one senone's `score` (cached): Float32Array of `frames`. */
  column(senone: number): Float32Array;
  /** pocketsphinx's own integer score of a senone in a frame: negated, relative to the frame's norms. */
  senscr(frame: number, senone: number): number;
}

interface GaussianTables {
  /** [stream][codebook][density] × (μ, prec) interleaved per dim, float64. */
  readonly mh: Float64Array;
  /** det in the same order. */
  readonly det: Float64Array;
}

const tablesCache = new WeakMap<SphinxModel, GaussianTables>();

/** The Gaussians stream-major and interleaved, so that one stream's 42 × 128 are one straight run. */
function gaussianTables(model: SphinxModel): GaussianTables {
  let tables = tablesCache.get(model);
  if (!tables) {
    const { codebooks: nCb, streams: nSt, densities: nDen, streamDim: dim } = model;
    const mh = new Float64Array(nCb * nSt * nDen * dim * 2);
    const det = new Float64Array(nCb * nSt * nDen);
    for (let s = 0; s < nSt; s++) {
      for (let cb = 0; cb < nCb; cb++) {
        for (let cw = 0; cw < nDen; cw++) {
          const src = (cb * nSt + s) * nDen + cw;
          const dst = (s * nCb + cb) * nDen + cw;
          det[dst] = model.detUnits[src];
          for (let k = 0; k < dim; k++) {
            mh[dst * 2 * dim + 2 * k] = model.means[src * dim + k];
            mh[dst * 2 * dim + 2 * k + 1] = model.precisionUnits[src * dim + k];
          }
        }
      }
    }
    tables = { mh, det };
    tablesCache.set(model, tables);
  }
  return tables;
}

/** Log-likelihoods (ln 1.0001 units) of `count` Gaussians from `first` for one 13-dim stream vector, into `out` from `at`. */
function gaussianScores(mh: Float64Array, det: Float64Array, features: Float32Array, xs: number, first: number, count: number, out: Float64Array, at: number): void {
  const x0 = features[xs], x1 = features[xs + 1], x2 = features[xs + 2], x3 = features[xs + 3], x4 = features[xs + 4];
  const x5 = features[xs + 5], x6 = features[xs + 6], x7 = features[xs + 7], x8 = features[xs + 8], x9 = features[xs + 9];
  const x10 = features[xs + 10], x11 = features[xs + 11], x12 = features[xs + 12];
  for (let i = 0; i < count; i++) {
    const g = first + i;
    const m = g * 26;
    let e = x0 - mh[m], d = det[g] - e * e * mh[m + 1];
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
    out[at + i] = d;
  }
}

const WORST_DIST = -2147483648;

/** Top N of `count` scores from `from` (ids relative to `from`) into outIdx/outScore (integers) at `at`; returns the best. */
function selectTop(scores: Float32Array | Float64Array, from: number, count: number, topN: number, outIdx: Uint8Array, outScore: Int32Array, at: number): number {
  for (let j = 0; j < topN; j++) outScore[at + j] = WORST_DIST;
  let thresh = WORST_DIST;
  for (let cw = 0; cw < count; cw++) {
    const v = scores[from + cw];
    // v > thresh is necessary for trunc(v) > thresh (thresh is an integer): skip the rest cheaply.
    if (!(v > thresh)) continue;
    const d = Math.trunc(v);
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
  const maxNegAscr = model.metadata.scoring.maxNegAscr;
  const unitNats = model.metadata.scoring.mixwUnitNats;
  const { codebooks: nCb, streams: nSt, densities: nDen, streamDim: dim, senones: nSen, mixw, addTable } = model;
  if (dim !== 13) throw new RangeError(`the scorer is unrolled for 13-dim streams, the model has ${dim}`);
  if (features.length < frames * SPHINX_FEATURE_DIMS) throw new RangeError(`${features.length} feature values for ${frames} frames of ${SPHINX_FEATURE_DIMS}`);
  const active = options.codebooks ? [...new Set(options.codebooks)].sort((a, b) => a - b) : Array.from({ length: nCb }, (_, i) => i);
  const isActive = new Uint8Array(nCb);
  for (const cb of active) isActive[cb] = 1;
  const kernel = options.simd === false ? null : gaussianKernel(model);
  const { mh, det } = kernel ? { mh: new Float64Array(0), det: new Float64Array(0) } : gaussianTables(model);
  // Per frame, stream, codebook: the top-N codeword ids and their normalised integer scores; per
  // frame the sum of the streams' norms.
  const slots = nSt * nCb * topN;
  const topIdx = new Uint8Array(frames * slots);
  const topScr = new Int32Array(frames * slots);
  const normSum = new Float64Array(frames);
  const scratch = new Float64Array(nCb * nDen);
  const runs: [number, number][] = [];
  for (const cb of active) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === cb) last[1]++;
    else runs.push([cb, 1]);
  }

  for (let t = 0; t < frames; t++) {
    for (let s = 0; s < nSt; s++) {
      const xs = t * SPHINX_FEATURE_DIMS + s * dim;
      const o = t * slots + s * nCb * topN;
      let norm = WORST_DIST >> SENSCR_SHIFT;
      for (const [first, n] of runs) {
        if (kernel && topN === 4) {
          const top = kernel.top4(features, xs, (s * nCb + first) * nDen, n);
          for (let i = 0; i < n * 4; i++) {
            const v = top.score[i];
            const at = o + first * 4 + i;
            topScr[at] = v > WORST_DIST ? Math.trunc(v) : WORST_DIST;
            topIdx[at] = top.index[i];
          }
          for (let cb = first; cb < first + n; cb++) {
            const best = topScr[o + cb * 4] >> SENSCR_SHIFT;
            if (best > norm) norm = best;
          }
          continue;
        }
        let from: Float32Array | Float64Array = scratch;
        let base = first * nDen;
        if (kernel) {
          from = kernel.scores(features, xs, (s * nCb + first) * nDen, n * nDen);
          base = 0;
        } else {
          gaussianScores(mh, det, features, xs, (s * nCb + first) * nDen, n * nDen, scratch, base);
        }
        for (let cb = first; cb < first + n; cb++) {
          const top = selectTop(from, base + (cb - first) * nDen, nDen, topN, topIdx, topScr, o + cb * topN) >> SENSCR_SHIFT;
          if (top > norm) norm = top;
        }
      }
      normSum[t] += norm;
      for (const cb of active) {
        for (let i = o + cb * topN; i < o + (cb + 1) * topN; i++) {
          const v = norm - (topScr[i] >> SENSCR_SHIFT);
          topScr[i] = v > maxNegAscr ? maxNegAscr : v;
        }
      }
    }
  }

  function senscr(t: number, sen: number): number {
    const cb = model.sen2ci[sen];
    if (!isActive[cb]) return Infinity;
    let ascore = 0;
    for (let s = 0; s < nSt; s++) {
      const o = t * slots + (s * nCb + cb) * topN;
      const w0 = s * nDen * nSen + sen;
      let fden = mixw[w0 + topIdx[o] * nSen] + topScr[o];
      for (let j = 1; j < topN; j++) {
        const y = mixw[w0 + topIdx[o + j] * nSen] + topScr[o + j];
        fden = fden > y ? y - addTable[fden - y] : fden - addTable[y - fden];
      }
      ascore += fden;
    }
    return ascore;
  }

  const cache = new Map<number, Float32Array>();
  function column(sen: number): Float32Array {
    let col = cache.get(sen);
    if (!col) {
      col = new Float32Array(frames);
      for (let t = 0; t < frames; t++) col[t] = (normSum[t] - senscr(t, sen)) * unitNats;
      cache.set(sen, col);
    }
    return col;
  }

  return { frames, unitNats, score: (t, sen) => column(sen)[t], column, senscr };
}
