/** Types of the CMU Sphinx en-us model as the app carries it (public/models/sphinx/). */
import type { SphinxFeConfig } from '../dsp/sphinxFe';

/** The `format` field of metadata.json that this code reads. */
export const SPHINX_MODEL_FORMAT = 'sotaque-sphinx-ptm-1';

/** One tensor of model.bin. */
export interface SphinxTensorInfo {
  readonly name: string;
  readonly dtype: 'float32' | 'uint8' | 'uint16' | 'uint32';
  readonly shape: readonly number[];
  /** Byte offset in model.bin (8-byte aligned). */
  readonly offset: number;
  readonly byteLength: number;
}

/** metadata.json of public/models/sphinx/. */
export interface SphinxModelMetadata {
  readonly format: string;
  /** Where the parameters come from: the Debian package, its version, sha256 of each file read. */
  readonly source: { readonly package: string; readonly version: string; readonly files: Readonly<Record<string, string>> };
  /** The front end the model was trained with; must equal src/dsp's SPHINX_FE_CONFIG. */
  readonly frontEnd: SphinxFeConfig;
  /** The model's CI phones in its own order (codebook i belongs to ciPhones[i]). */
  readonly ciPhones: readonly string[];
  readonly fillers: readonly string[];
  readonly silence: string;
  readonly counts: {
    readonly ciPhones: number;
    readonly triphones: number;
    readonly senones: number;
    readonly ciSenones: number;
    readonly senoneSequences: number;
    readonly emitStates: number;
    readonly transitionMatrices: number;
    readonly codebooks: number;
    readonly streams: number;
    readonly densities: number;
    readonly streamDims: readonly number[];
  };
  /** pocketsphinx's scoring constants (defaults of -topn, -varfloor, -tmatfloor; ptm_mgau's clamps). */
  readonly scoring: {
    readonly topN: number;
    readonly varianceFloor: number;
    readonly transitionFloor: number;
    /** Nats per unit of the 8-bit mixture weights: 1024·ln(b), b = float32(1.0001) as pocketsphinx reads -logbase. */
    readonly mixwUnitNats: number;
    readonly maxNegMixw: number;
    /** Gaussians more than this many units below the frame's best (per stream) are clamped there. */
    readonly maxNegAscr: number;
  };
  readonly bin: { readonly file: string; readonly byteLength: number; readonly sha256: string };
  readonly tensors: readonly SphinxTensorInfo[];
}

/** Word position of a phone, as Sphinx's mdef numbers them. */
export const WordPosition = { internal: 0, begin: 1, end: 2, single: 3 } as const;
export type WordPosition = (typeof WordPosition)[keyof typeof WordPosition];

/**
 * The loaded model, ready to score: Gaussian constants precomputed, natural-log units throughout.
 * Phone ids here are the model's CI phone indices (`ciPhones`), not the app's PHONES order.
 */
export interface SphinxModel {
  readonly metadata: SphinxModelMetadata;
  readonly ciPhones: readonly string[];
  readonly silenceId: number;
  /** 1 for filler phones (SIL, +NSN+, +SPN+). */
  readonly filler: Uint8Array;
  readonly codebooks: number;
  readonly streams: number;
  readonly densities: number;
  readonly streamDim: number;
  readonly senones: number;
  readonly ciSenones: number;
  /** Means [codebook][stream][density][dim]. */
  readonly means: Float32Array;
  /**
   * 1/(2σ²) in log-base-1.0001 units, truncated to an integer and held as float32, after the
   * variance floor — pocketsphinx's precomputed "var" (ms_gauden.c). Same layout as means.
   */
  readonly precisionUnits: Float32Array;
  /** Σ over dims of the truncated log-base-1.0001 of 1/√(2πσ²), accumulated in float32, per [codebook][stream][density]. */
  readonly detUnits: Float32Array;
  /** The 8-bit log-add table of base 1.0001^1024 (fast_logmath_add), 256 entries. */
  readonly addTable: Uint8Array;
  /** Negated log mixture weight codes per [stream][density][senone] (sendump's 8 bits, ≤ 159). */
  readonly mixw: Uint8Array;
  /** CI phone (= codebook) of each senone. */
  readonly sen2ci: Uint8Array;
  /** Senone ids of each senone sequence, 3 per sequence. */
  readonly sseq: Uint16Array;
  /** Senone sequence and transition matrix of each CI phone. */
  readonly ciSsid: Uint16Array;
  readonly ciTmat: Uint8Array;
  /** Sorted triphone keys (ci << 24 | lc << 16 | rc << 8 | wpos) and their sequence / tmat. */
  readonly triKeys: Uint32Array;
  readonly triSsid: Uint16Array;
  readonly triTmat: Uint8Array;
  /** ln transition probabilities [tmat][from 0..2][to 0..3] (3 = exit), −Infinity where impossible. */
  readonly logTmat: Float32Array;
  /** Index of each model CI phone in the app's PHONES, −1 for the fillers other than SIL. */
  readonly ciToPhone: Int8Array;
}
