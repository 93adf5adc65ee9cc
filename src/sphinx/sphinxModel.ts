/**
 * Loading the Sphinx en-us model from public/models/sphinx/ (metadata.json + model.bin) with the
 * checks that make a mismatch fail loudly, and the precomputation pocketsphinx does at load time:
 * variances floored at 1e-4 and turned into 1/(2σ²) and Σ ln(1/√(2πσ²)) per Gaussian (ms_gauden.c),
 * 8-bit mixture weights into natural logs, transition rows normalised, non-zero entries floored at
 * 1e-4 and renormalised (tmat.c). Triphone lookup follows bin_mdef_phone_id_nearest.
 */
import { SPHINX_FE_CONFIG, sameSphinxFeConfig } from '../dsp/sphinxFe';
import { PHONES } from '../model/phones';
import { SphinxError } from './errors';
import { SPHINX_MODEL_FORMAT, WordPosition, type SphinxModel, type SphinxModelMetadata, type SphinxTensorInfo } from './types';

/**
 * pocketsphinx's log base: scores are integers in units of ln(b). `-logbase 1.0001` is read as a
 * float32 and widened (ps_init), so b = fround(1.0001) = 1.00010001659…, not 1.0001: the difference
 * (1.7e-4 relative in ln b) moves Gaussian scores by tens of units.
 */
export const LOG_BASE = Math.fround(1.0001);
/** Senone scores are kept in units of 2^10 of those (SENSCR_SHIFT). */
export const SENSCR_SHIFT = 10;

let addTableCache: Uint8Array | undefined;

/**
 * sphinxbase's log-add table for base 1.0001 with shift 10 (logmath_init(1.0001, 10, TRUE)):
 * entry j = round(log_b(1 + b^(−1024·j)) / 1024), with b^(−i) made by repeated division as there.
 */
export function sphinxAddTable(): Uint8Array {
  if (addTableCache) return addTableCache;
  const table = new Uint8Array(256);
  const inv = 1 / Math.log(LOG_BASE);
  let byx = 1.0;
  for (let i = 0; ; i++) {
    const k = (Math.trunc(Math.log(1.0 + byx) * inv + 0.5 * (1 << SENSCR_SHIFT)) | 0) >> SENSCR_SHIFT;
    if (k <= 0) break;
    const j = i >> SENSCR_SHIFT;
    if (j < 256 && table[j] === 0) table[j] = k;
    byx /= LOG_BASE;
  }
  addTableCache = table;
  return table;
}

/** The two files of the model, as bytes. */
export interface SphinxModelFiles {
  readonly metadata: unknown;
  readonly bin: ArrayBuffer | ArrayBufferView;
}

/** Reads one of the model's files ('metadata.json' or 'model.bin'), e.g. with fetch from a base URL. */
export type SphinxFileReader = (file: 'metadata.json' | 'model.bin') => Promise<ArrayBuffer | ArrayBufferView>;

/** Base URL of the shipped model in the app. */
export const SPHINX_MODEL_URL = 'models/sphinx/';

/** A reader that fetches the files under `baseUrl` (default: the app's public/models/sphinx/). */
export function fetchSphinxFiles(baseUrl = SPHINX_MODEL_URL, fetchFn: typeof fetch = fetch): SphinxFileReader {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return async (file) => {
    const response = await fetchFn(`${base}${file}`);
    if (!response.ok) {
      throw new SphinxError('SPHINX_MODEL_LOAD_FAILED', `Could not load the Sphinx model's ${file} from ${base}: HTTP ${response.status}. Check that public/models/sphinx/ is deployed.`, { file, status: response.status });
    }
    return response.arrayBuffer();
  };
}

function mismatch(what: string, expected: unknown, found: unknown): never {
  throw new SphinxError(
    'SPHINX_MODEL_MISMATCH',
    `The Sphinx model does not fit this app: ${what} — expected ${JSON.stringify(expected)}, found ${JSON.stringify(found)}. Regenerate public/models/sphinx/ with npm run sphinx:convert.`,
    { what, expected, found },
  );
}

function asBytes(bin: ArrayBuffer | ArrayBufferView): Uint8Array {
  return bin instanceof ArrayBuffer ? new Uint8Array(bin) : new Uint8Array(bin.buffer, bin.byteOffset, bin.byteLength);
}

const BYTES = { float32: 4, uint8: 1, uint16: 2, uint32: 4 } as const;

function tensor<T extends 'float32' | 'uint8' | 'uint16' | 'uint32'>(
  meta: SphinxModelMetadata,
  bytes: Uint8Array,
  name: string,
  dtype: T,
  shape: readonly number[],
): T extends 'float32' ? Float32Array : T extends 'uint8' ? Uint8Array : T extends 'uint16' ? Uint16Array : Uint32Array {
  const info: SphinxTensorInfo | undefined = meta.tensors.find((t) => t.name === name);
  if (!info) mismatch(`tensor "${name}"`, 'present', 'absent');
  if (info.dtype !== dtype) mismatch(`dtype of tensor "${name}"`, dtype, info.dtype);
  if (JSON.stringify(info.shape) !== JSON.stringify(shape)) mismatch(`shape of tensor "${name}"`, shape, info.shape);
  const count = shape.reduce((a, b) => a * b, 1);
  if (info.byteLength !== count * BYTES[dtype] || info.offset % 8 !== 0 || info.offset + info.byteLength > bytes.byteLength) {
    mismatch(`extent of tensor "${name}" in model.bin (${bytes.byteLength} bytes)`, { bytes: count * BYTES[dtype] }, { offset: info.offset, bytes: info.byteLength });
  }
  // Copy into an aligned buffer (the input view may sit at any offset; little-endian hosts assumed, as in every browser).
  const copy = bytes.slice(info.offset, info.offset + info.byteLength).buffer;
  const out = dtype === 'float32' ? new Float32Array(copy) : dtype === 'uint8' ? new Uint8Array(copy) : dtype === 'uint16' ? new Uint16Array(copy) : new Uint32Array(copy);
  return out as never;
}

function checkMetadata(raw: unknown): SphinxModelMetadata {
  if (typeof raw !== 'object' || raw === null) mismatch('metadata.json', 'an object', typeof raw);
  const meta = raw as SphinxModelMetadata;
  if (meta.format !== SPHINX_MODEL_FORMAT) mismatch('format', SPHINX_MODEL_FORMAT, meta.format);
  if (!meta.frontEnd || !sameSphinxFeConfig(meta.frontEnd, SPHINX_FE_CONFIG)) mismatch("front-end parameters (src/dsp/sphinxFe.ts's SPHINX_FE_CONFIG)", SPHINX_FE_CONFIG, meta.frontEnd);
  if (!Array.isArray(meta.ciPhones)) mismatch('ciPhones', 'an array', meta.ciPhones);
  const missing = PHONES.filter((p) => !meta.ciPhones.includes(p));
  if (missing.length) mismatch('the 40 phone classes among the CI phones', PHONES, meta.ciPhones);
  const extra = meta.ciPhones.filter((p) => !(PHONES as readonly string[]).includes(p));
  if (extra.some((p) => !meta.fillers.includes(p))) mismatch('CI phones beyond the 40 classes (only fillers may be)', meta.fillers, extra);
  if (meta.silence !== 'SIL') mismatch('silence phone', 'SIL', meta.silence);
  const c = meta.counts;
  if (c.ciPhones !== meta.ciPhones.length || c.codebooks !== c.ciPhones) mismatch('codebooks = CI phones (a PTM model)', meta.ciPhones.length, { ciPhones: c.ciPhones, codebooks: c.codebooks });
  if (c.emitStates !== 3) mismatch('emitting states per phone', 3, c.emitStates);
  const streams = SPHINX_FE_CONFIG.streams.map(([a, b]) => b - a);
  if (JSON.stringify(c.streamDims) !== JSON.stringify(streams)) mismatch('feature streams', streams, c.streamDims);
  return meta;
}

/** Builds the model from its two files (synchronous). Throws SphinxError on any mismatch. */
export function parseSphinxModel(files: SphinxModelFiles): SphinxModel {
  const meta = checkMetadata(files.metadata);
  const bytes = asBytes(files.bin);
  if (bytes.byteLength !== meta.bin.byteLength) mismatch('size of model.bin', meta.bin.byteLength, bytes.byteLength);
  const c = meta.counts;
  const dim = c.streamDims[0];
  const gShape = [c.codebooks, c.streams, c.densities, dim];
  const means = tensor(meta, bytes, 'means', 'float32', gShape);
  const variances = tensor(meta, bytes, 'variances', 'float32', gShape);
  const mixw = tensor(meta, bytes, 'mixw', 'uint8', [c.streams, c.densities, c.senones]);
  const tmatRaw = tensor(meta, bytes, 'tmat', 'float32', [c.transitionMatrices, 3, 4]);
  const sseq = tensor(meta, bytes, 'sseq', 'uint16', [c.senoneSequences, 3]);
  const ciSsid = tensor(meta, bytes, 'ciSsid', 'uint16', [c.ciPhones]);
  const ciTmat = tensor(meta, bytes, 'ciTmat', 'uint8', [c.ciPhones]);
  const triKeys = tensor(meta, bytes, 'triKeys', 'uint32', [c.triphones]);
  const triSsid = tensor(meta, bytes, 'triSsid', 'uint16', [c.triphones]);
  const triTmat = tensor(meta, bytes, 'triTmat', 'uint8', [c.triphones]);
  const sen2ci = tensor(meta, bytes, 'sen2ci', 'uint8', [c.senones]);
  for (let i = 0; i < sseq.length; i++) if (sseq[i] >= c.senones) mismatch(`senone id in sequence ${Math.floor(i / 3)}`, `< ${c.senones}`, sseq[i]);

  const { varianceFloor, mixwUnitNats, maxNegMixw, transitionFloor } = meta.scoring;
  const f32 = Math.fround;
  const invLogBase = 1 / Math.log(LOG_BASE);
  const floor = f32(varianceFloor);
  const precisionUnits = new Float32Array(variances.length);
  const detUnits = new Float32Array(c.codebooks * c.streams * c.densities);
  for (let g = 0; g < detUnits.length; g++) {
    let det = 0;
    for (let k = 0; k < dim; k++) {
      const v = variances[g * dim + k] < floor ? floor : variances[g * dim + k];
      det = f32(det + Math.trunc(Math.log(1.0 / Math.sqrt(v * 2.0 * Math.PI)) * invLogBase));
      precisionUnits[g * dim + k] = Math.trunc((1.0 / (v * 2.0)) * invLogBase);
    }
    detUnits[g] = det;
  }
  if (Math.abs(mixwUnitNats - 1024 * Math.log(LOG_BASE)) > 1e-12) mismatch('mixture weight unit', 1024 * Math.log(LOG_BASE), mixwUnitNats);
  for (let i = 0; i < mixw.length; i++) if (mixw[i] > maxNegMixw) mixw[i] = maxNegMixw;

  // tmat.c: normalise each row, floor the non-zero entries, normalise again, then quantise to
  // 8-bit units of 1024·ln b (capped at 255, and a zero stays impossible).
  const logTmat = new Float32Array(tmatRaw.length);
  for (let row = 0; row < tmatRaw.length / 4; row++) {
    const r = Array.from(tmatRaw.subarray(row * 4, row * 4 + 4));
    let sum = r.reduce((x, y) => x + y, 0);
    const p = r.map((x) => (sum > 0 ? x / sum : 0)).map((x) => (x > 0 && x < transitionFloor ? transitionFloor : x));
    sum = p.reduce((x, y) => x + y, 0);
    p.forEach((x, k) => {
      const units = x > 0 ? Math.min(255, -Math.trunc(Math.log(x / sum) * invLogBase) >> SENSCR_SHIFT) : 255;
      logTmat[row * 4 + k] = units >= 255 ? -Infinity : -units * mixwUnitNats;
    });
  }

  const ciToPhone = new Int8Array(c.ciPhones).fill(-1);
  meta.ciPhones.forEach((name, i) => (ciToPhone[i] = (PHONES as readonly string[]).indexOf(name)));
  const filler = new Uint8Array(c.ciPhones);
  meta.ciPhones.forEach((name, i) => (filler[i] = meta.fillers.includes(name) ? 1 : 0));

  return {
    metadata: meta,
    ciPhones: meta.ciPhones,
    silenceId: meta.ciPhones.indexOf(meta.silence),
    filler,
    codebooks: c.codebooks,
    streams: c.streams,
    densities: c.densities,
    streamDim: dim,
    senones: c.senones,
    ciSenones: c.ciSenones,
    means,
    precisionUnits,
    detUnits,
    addTable: sphinxAddTable(),
    mixw,
    sen2ci,
    sseq,
    ciSsid,
    ciTmat,
    triKeys,
    triSsid,
    triTmat,
    logTmat,
    ciToPhone,
  };
}

/** Loads the model through a file reader (default: fetch from the app's models/sphinx/) or from bytes. */
export async function loadSphinxModel(source: SphinxFileReader | SphinxModelFiles = fetchSphinxFiles()): Promise<SphinxModel> {
  if (typeof source !== 'function') return parseSphinxModel(source);
  let metadata: unknown;
  try {
    metadata = JSON.parse(new TextDecoder().decode(asBytes(await source('metadata.json'))));
  } catch (error) {
    if (error instanceof SphinxError) throw error;
    throw new SphinxError('SPHINX_MODEL_LOAD_FAILED', `The Sphinx model's metadata.json could not be read: ${(error as Error).message}.`);
  }
  return parseSphinxModel({ metadata, bin: await source('model.bin') });
}

/** The model's CI phone id of a phone name (one of the 40 classes or a filler); throws SphinxError. */
export function ciPhoneId(model: SphinxModel, name: string): number {
  const id = model.ciPhones.indexOf(name);
  if (id < 0) throw new SphinxError('SPHINX_BAD_INPUT', `"${name}" is not a phone of the Sphinx model (${model.ciPhones.join(' ')}).`, { phone: name });
  return id;
}

function findTriphone(model: SphinxModel, ci: number, lc: number, rc: number, wpos: number): number {
  const key = ((ci << 24) | (lc << 16) | (rc << 8) | wpos) >>> 0;
  const keys = model.triKeys;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A phone's HMM: its three senones and transition matrix. */
export interface PhoneHmm {
  readonly senones: readonly [number, number, number];
  readonly tmat: number;
  /** True when a triphone was found; false when it fell back to the CI phone. */
  readonly contextDependent: boolean;
}

function hmmOf(model: SphinxModel, ssid: number, tmat: number, cd: boolean): PhoneHmm {
  return { senones: [model.sseq[ssid * 3], model.sseq[ssid * 3 + 1], model.sseq[ssid * 3 + 2]], tmat, contextDependent: cd };
}

/** The CI HMM of a model phone. */
export function ciHmm(model: SphinxModel, ci: number): PhoneHmm {
  return hmmOf(model, model.ciSsid[ci], model.ciTmat[ci], false);
}

/**
 * The HMM of phone `ci` between `lc` and `rc` at word position `wpos`, as pocketsphinx's
 * bin_mdef_phone_id_nearest picks it: fillers in the context count as SIL; the exact triphone, then
 * the other word positions, then SIL for a context at a word edge, then the CI phone.
 */
export function triphoneHmm(model: SphinxModel, ci: number, lc: number, rc: number, wpos: WordPosition): PhoneHmm {
  if (model.filler[ci]) return ciHmm(model, ci);
  const sil = model.silenceId;
  const l = model.filler[lc] ? sil : lc;
  const r = model.filler[rc] ? sil : rc;
  const tryAll = (left: number, right: number): number => {
    const exact = findTriphone(model, ci, left, right, wpos);
    if (exact >= 0) return exact;
    for (let p = 0; p < 4; p++) {
      if (p === wpos) continue;
      const other = findTriphone(model, ci, left, right, p);
      if (other >= 0) return other;
    }
    return -1;
  };
  let found = tryAll(l, r);
  if (found < 0) {
    const newL = model.filler[lc] || wpos === WordPosition.begin || wpos === WordPosition.single ? sil : l;
    const newR = model.filler[rc] || wpos === WordPosition.end || wpos === WordPosition.single ? sil : r;
    if (newL !== l || newR !== r) found = tryAll(newL, newR);
  }
  if (found < 0) return ciHmm(model, ci);
  return hmmOf(model, model.triSsid[found], model.triTmat[found], true);
}
