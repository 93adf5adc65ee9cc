/**
 * The Gaussian log-likelihood loop and the top-4 selection per codebook as a WebAssembly SIMD kernel
 * (source: gaussians.wat, four dims per f32x4 lane group), used by the scorer where the engine supports SIMD (every current browser,
 * Node ≥ 16); the scorer falls back to its plain JavaScript loop elsewhere. float32 arithmetic, as
 * pocketsphinx computes it.
 *
 * The bytes below are gaussians.wat assembled with wabt (`npx -p wabt wat2wasm --enable-simd
 * src/sphinx/gaussians.wat`, then base64); gaussianKernel.test.ts checks them against the .wat's
 * meaning by comparing with the JavaScript loop.
 */
import type { SphinxModel } from './types';

const WASM_BASE64 = 'AGFzbQEAAAABCQFgBX9/f39/AAMDAgAABQMBAAEHGgMGbWVtb3J5AgAGc2NvcmVzAAAEdG9wNAABCqYEAocCAgZ7AX8gAP0ABAAhBSAA/QAEECEGIAD9AAQgIQcgAP0ABDAhCCAEIANBAnRqIQsCQCAEIAtPDQADQCAFIAH9AAQA/eUBIQkgCSAJ/eYBIAH9AARA/eYBIQogBiAB/QAEEP3lASEJIAogCSAJ/eYBIAH9AARQ/eYB/eQBIQogByAB/QAEIP3lASEJIAogCSAJ/eYBIAH9AARg/eYB/eQBIQogCCAB/QAEMP3lASEJIAogCSAJ/eYBIAH9AARw/eYB/eQBIQogBCACKgIAIAr9HwAgCv0fAZIgCv0fAiAK/R8DkpKTOAIAIAFBgAFqIQEgAkEEaiECIARBBGohBCAEIAtJDQALCwuaAgMCfwV9BH8CQCABRQ0AA0BDAACA/yEIQwAAgP8hCUMAAID/IQpDAACA/yELQQAhDEEAIQ1BACEOQQAhD0EAIQYDQCAAIAZBAnRqKgIAIQcgByALXgRAIAcgCl4EQCAKIQsgDiEPIAcgCV4EQCAJIQogDSEOIAcgCF4EQCAIIQkgDCENIAchCCAGIQwFIAchCSAGIQ0LBSAHIQogBiEOCwUgByELIAYhDwsLIAZBAWohBiAGIAJJDQALIAMgCDgCACADIAk4AgQgAyAKOAIIIAMgCzgCDCAEIAw2AgAgBCANNgIEIAQgDjYCCCAEIA82AgwgACACQQJ0aiEAIANBEGohAyAEQRBqIQQgBUEBaiEFIAUgAUkNAAsLCw==';

/** Scores of one stream's Gaussians for one frame, computed in WebAssembly memory. */
export interface GaussianKernel {
  /**
   * Scores of `count` Gaussians from `first` (stream-major index: (stream·codebooks + codebook)·128 + codeword)
   * for the 13 values of `features` at `xs`; the result is `out` (valid until the next call), `count` long.
   */
  scores(features: Float32Array, xs: number, first: number, count: number): Float32Array;
  /**
   * The same for `books` whole codebooks from Gaussian `first`, reduced to each codebook's 4 best:
   * `score` and `index` hold 4 per codebook, best first (valid until the next call).
   */
  top4(features: Float32Array, xs: number, first: number, books: number): { readonly score: Float32Array; readonly index: Int32Array };
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let moduleCache: WebAssembly.Module | null | undefined;

function wasmModule(): WebAssembly.Module | null {
  if (moduleCache !== undefined) return moduleCache;
  try {
    const bytes = decode(WASM_BASE64);
    moduleCache = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    moduleCache = null;
  }
  return moduleCache;
}

const kernels = new WeakMap<SphinxModel, GaussianKernel | null>();

/** The SIMD kernel for a model's Gaussians, or null when WebAssembly SIMD is unavailable. */
export function gaussianKernel(model: SphinxModel): GaussianKernel | null {
  if (kernels.has(model)) return kernels.get(model) ?? null;
  const mod = wasmModule();
  let kernel: GaussianKernel | null = null;
  if (mod && model.streamDim <= 16) {
    const { codebooks: nCb, streams: nSt, densities: nDen, streamDim: dim } = model;
    const count = nCb * nSt * nDen;
    const X = 0;
    const G = 64;
    const DET = G + count * 128;
    const OUT = DET + count * 4;
    const TOPS = OUT + nCb * nDen * 4;
    const TOPI = TOPS + nCb * 16;
    const bytes = TOPI + nCb * 16;
    const instance = new WebAssembly.Instance(mod, {});
    const memory = instance.exports.memory as WebAssembly.Memory;
    const pages = Math.ceil(bytes / 65_536) - memory.buffer.byteLength / 65_536;
    if (pages > 0) memory.grow(pages);
    const heap = new Float32Array(memory.buffer);
    for (let s = 0; s < nSt; s++) {
      for (let cb = 0; cb < nCb; cb++) {
        for (let cw = 0; cw < nDen; cw++) {
          const src = (cb * nSt + s) * nDen + cw;
          const dst = (s * nCb + cb) * nDen + cw;
          heap[DET / 4 + dst] = model.detUnits[src];
          for (let k = 0; k < dim; k++) {
            heap[G / 4 + dst * 32 + k] = model.means[src * dim + k];
            heap[G / 4 + dst * 32 + 16 + k] = model.precisionUnits[src * dim + k];
          }
        }
      }
    }
    const run = instance.exports.scores as (x: number, g: number, det: number, n: number, out: number) => void;
    const top = instance.exports.top4 as (scores: number, books: number, per: number, topScore: number, topIdx: number) => void;
    const out = new Float32Array(memory.buffer, OUT, nCb * nDen);
    const topScore = new Float32Array(memory.buffer, TOPS, nCb * 4);
    const topIndex = new Int32Array(memory.buffer, TOPI, nCb * 4);
    kernel = {
      scores(features, xs, first, n) {
        for (let k = 0; k < dim; k++) heap[X / 4 + k] = features[xs + k];
        run(X, G + first * 128, DET + first * 4, n, OUT);
        return n === out.length ? out : out.subarray(0, n);
      },
      top4(features, xs, first, books) {
        for (let k = 0; k < dim; k++) heap[X / 4 + k] = features[xs + k];
        run(X, G + first * 128, DET + first * 4, books * nDen, OUT);
        top(OUT, books, nDen, TOPS, TOPI);
        return { score: topScore, index: topIndex };
      },
    };
  }
  kernels.set(model, kernel);
  return kernel;
}
