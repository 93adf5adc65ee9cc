/**
 * Converts CMU Sphinx's en-us PTM acoustic model (Debian `pocketsphinx-en-us`) into the app's own
 * files under public/models/sphinx/: `model.bin` (little-endian tensors, each 8-byte aligned),
 * `metadata.json` (front-end parameters, phone list, counts, tensor table, source package) and
 * `LICENSE` (the model's licence and attribution). The app reads these and never the Debian files.
 *
 * What is read (sphinxbase/pocketsphinx formats):
 *  - `mdef`: binary "BMDF" v1 — 10 int32 counts, CI names, the CD tree, 12-byte phone entries
 *    (ssid, tmat, {filler | wpos, ci, lc, rc}), the senone sequences (int16 × 3 each).
 *  - `means`, `variances`: s3 "version 1.0" header, magic 0x11223344, n_mgau, n_feat, n_density,
 *    veclen[n_feat], count, float32 data [mgau][feat][density][dim].
 *  - `sendump`: header strings, rows/columns, then uint8 negated log mixture weights
 *    [feat][codeword][senone] in units of 1024·ln(b), b = float32(1.0001) (kept as they are: 8 bits).
 *  - `transition_matrices`: s3 header, n_tmat, n_src, n_dst, count, float32 [tmat][src][dst].
 * Nothing is quantised further: means and variances stay float32 (parity with pocketsphinx).
 *
 * Usage: npm run sphinx:convert [-- --model DIR --out DIR]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPHINX_FE_CONFIG } from '../../src/dsp/sphinxFe';
import { SPHINX_MODEL_FORMAT, type SphinxModelMetadata, type SphinxTensorInfo } from '../../src/sphinx/types';

/** Where Debian installs the model. */
export const DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us/en-us';
/** The Debian package the model comes from. */
export const DEBIAN_PACKAGE = 'pocketsphinx-en-us';
/** Where the converted model is committed. */
export const SPHINX_MODEL_OUT_DIR = fileURLToPath(new URL('../../public/models/sphinx/', import.meta.url));

const S3_MAGIC = 0x11223344;
const MDEF_MAGIC = 0x46444d42; // "BMDF" read as little-endian int32

class Reader {
  readonly view: DataView;
  pos = 0;
  constructor(readonly bytes: Uint8Array, readonly name: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  i32(): number {
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  cstring(): string {
    const end = this.bytes.indexOf(0, this.pos);
    if (end < 0) throw new Error(`${this.name}: unterminated string at ${this.pos}`);
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return s;
  }
  f32s(count: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.view.getFloat32(this.pos + 4 * i, true);
    this.pos += 4 * count;
    return out;
  }
}

/** Skips an s3 text header ("version …" … "endhdr\n") and checks the byte-order magic. */
function s3Body(bytes: Uint8Array, name: string): Reader {
  const marker = new TextEncoder().encode('endhdr\n');
  let at = -1;
  for (let i = 0; i + marker.length <= Math.min(bytes.length, 4096); i++) {
    if (marker.every((b, k) => bytes[i + k] === b)) {
      at = i + marker.length;
      break;
    }
  }
  if (at < 0) throw new Error(`${name}: no "endhdr" in the s3 header`);
  const r = new Reader(bytes, name);
  r.pos = at;
  const magic = r.view.getUint32(r.pos, true);
  if (magic !== S3_MAGIC) throw new Error(`${name}: byte-order magic 0x${magic.toString(16)}, expected 0x11223344 (little-endian)`);
  r.pos += 4;
  return r;
}

interface Gaussians {
  codebooks: number;
  streams: number;
  densities: number;
  streamDims: number[];
  data: Float32Array;
}

function readGaussians(bytes: Uint8Array, name: string): Gaussians {
  const r = s3Body(bytes, name);
  const codebooks = r.i32();
  const streams = r.i32();
  const densities = r.i32();
  const streamDims = Array.from({ length: streams }, () => r.i32());
  const count = r.i32();
  const dims = streamDims.reduce((a, b) => a + b, 0);
  if (count !== codebooks * densities * dims) throw new Error(`${name}: ${count} floats, expected ${codebooks}×${densities}×${dims}`);
  return { codebooks, streams, densities, streamDims, data: r.f32s(count) };
}

function readTmat(bytes: Uint8Array): { count: number; src: number; dst: number; data: Float32Array } {
  const r = s3Body(bytes, 'transition_matrices');
  const count = r.i32();
  const src = r.i32();
  const dst = r.i32();
  const n = r.i32();
  if (n !== count * src * dst) throw new Error(`transition_matrices: ${n} floats, expected ${count}×${src}×${dst}`);
  return { count, src, dst, data: r.f32s(n) };
}

function readSendump(bytes: Uint8Array, streams: number, densities: number, senones: number): Uint8Array {
  const r = new Reader(bytes, 'sendump');
  for (let k = 0; k < 2; k++) {
    const n = r.i32(); // title, then header
    r.pos += n;
  }
  let clusters = 0;
  for (;;) {
    const n = r.i32();
    if (n === 0) break;
    const line = new TextDecoder().decode(bytes.subarray(r.pos, r.pos + n - 1));
    r.pos += n;
    const m = /^cluster_count (\d+)/.exec(line);
    if (m) clusters = Number(m[1]);
  }
  if (clusters !== 0) throw new Error(`sendump: a clustered (4-bit) dump, cluster_count ${clusters}; only 8-bit dumps are read`);
  const rows = r.i32();
  const cols = r.i32();
  if (rows !== densities || cols !== senones) throw new Error(`sendump: ${rows}×${cols}, expected ${densities} codewords × ${senones} senones`);
  const size = streams * rows * cols;
  if (r.pos + size !== bytes.length) throw new Error(`sendump: ${bytes.length - r.pos} bytes of weights, expected ${size}`);
  return bytes.slice(r.pos, r.pos + size);
}

interface Mdef {
  ciPhones: string[];
  filler: Uint8Array;
  counts: { ciPhones: number; phones: number; emitStates: number; ciSenones: number; senones: number; tmats: number; sseqs: number; sil: number };
  ciSsid: Uint16Array;
  ciTmat: Uint8Array;
  /** Sorted keys (ci << 24 | lc << 16 | rc << 8 | wpos) of the triphones. */
  triKeys: Uint32Array;
  triSsid: Uint16Array;
  triTmat: Uint8Array;
  sseq: Uint16Array;
}

function readMdef(bytes: Uint8Array): Mdef {
  const r = new Reader(bytes, 'mdef');
  if (r.i32() !== MDEF_MAGIC) throw new Error('mdef: not a little-endian binary mdef ("BMDF")');
  const version = r.i32();
  if (version !== 1) throw new Error(`mdef: format version ${version}, expected 1`);
  const descriptionLength = r.i32();
  r.pos += descriptionLength; // format description
  const [ciPhones, phones, emitStates, ciSenones, senones, tmats, sseqs, ctx, cdTree, sil] = Array.from({ length: 10 }, () => r.i32());
  if (ctx !== 3) throw new Error(`mdef: ${ctx} phones of context, expected 3 (triphones)`);
  if (emitStates !== 3) throw new Error(`mdef: ${emitStates} emitting states, expected 3`);
  const names = Array.from({ length: ciPhones }, () => r.cstring());
  r.pos = (r.pos + 3) & ~3;
  r.pos += cdTree * 8; // the lookup tree is rebuilt as sorted keys
  const filler = new Uint8Array(ciPhones);
  const ciSsid = new Uint16Array(ciPhones);
  const ciTmat = new Uint8Array(ciPhones);
  const tri: { key: number; ssid: number; tmat: number }[] = [];
  for (let p = 0; p < phones; p++) {
    const ssid = r.i32();
    const tmat = r.i32();
    const a = bytes.subarray(r.pos, r.pos + 4);
    r.pos += 4;
    if (ssid < 0 || ssid >= sseqs || ssid > 0xffff) throw new Error(`mdef: phone ${p} has senone sequence ${ssid}`);
    if (p < ciPhones) {
      filler[p] = a[0];
      ciSsid[p] = ssid;
      ciTmat[p] = tmat;
    } else {
      const [wpos, ci, lc, rc] = a;
      tri.push({ key: ((ci << 24) | (lc << 16) | (rc << 8) | wpos) >>> 0, ssid, tmat });
    }
  }
  const sseqSize = r.i32();
  if (sseqSize !== sseqs * emitStates) throw new Error(`mdef: ${sseqSize} senone-sequence entries, expected ${sseqs}×${emitStates}`);
  const sseq = new Uint16Array(sseqSize);
  for (let i = 0; i < sseqSize; i++) sseq[i] = r.view.getUint16(r.pos + 2 * i, true);
  tri.sort((x, y) => x.key - y.key);
  for (let i = 1; i < tri.length; i++) if (tri[i].key === tri[i - 1].key) throw new Error(`mdef: duplicate triphone key ${tri[i].key}`);
  return {
    ciPhones: names,
    filler,
    counts: { ciPhones, phones, emitStates, ciSenones, senones, tmats, sseqs, sil },
    ciSsid,
    ciTmat,
    triKeys: Uint32Array.from(tri, (t) => t.key),
    triSsid: Uint16Array.from(tri, (t) => t.ssid),
    triTmat: Uint8Array.from(tri, (t) => t.tmat),
    sseq,
  };
}

/** The installed Debian package's version, or "unknown" when dpkg cannot tell. */
export function debianPackageVersion(pkg = DEBIAN_PACKAGE): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The files a conversion writes. */
export interface ConvertedSphinxModel {
  readonly bin: Uint8Array;
  readonly metadata: SphinxModelMetadata;
  readonly metadataJson: string;
  readonly license: string;
}

const MODEL_FILES = ['mdef', 'means', 'variances', 'sendump', 'transition_matrices', 'feat.params', 'noisedict'] as const;

function parseFeatParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(-\S+)\s+(\S+)/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** Checks that the model's feat.params agree with the front end in src/dsp/sphinxFe.ts. */
function checkFeatParams(params: Record<string, string>): void {
  const fe = SPHINX_FE_CONFIG;
  const expected: Record<string, string> = {
    '-lowerf': String(fe.lowerFilterHz),
    '-upperf': String(fe.upperFilterHz),
    '-nfilt': String(fe.melFilters),
    '-transform': fe.transform,
    '-lifter': String(fe.lifter),
    '-feat': fe.feature,
    '-svspec': fe.streams.map(([a, b]) => `${a}-${b - 1}`).join('/'),
    '-agc': 'none',
    '-cmn': fe.cmn,
    '-varnorm': 'no',
    '-model': 'ptm',
  };
  for (const [key, value] of Object.entries(expected)) {
    if (params[key] !== value) throw new Error(`feat.params: ${key} is ${params[key] ?? '(absent)'}, the front end implements ${value}`);
  }
}

function licenseText(modelDir: string, version: string): string {
  const readme = existsSync(join(modelDir, 'README')) ? readFileSync(join(modelDir, 'README'), 'utf8') : '';
  const copyrightPath = `/usr/share/doc/${DEBIAN_PACKAGE}/copyright`;
  let debian = '';
  if (existsSync(copyrightPath)) {
    const text = readFileSync(copyrightPath, 'utf8');
    const blocks = text.split(/\n(?=Files:)/);
    debian = blocks.find((b) => b.startsWith('Files: *')) ?? '';
  }
  return [
    'CMU Sphinx US English acoustic model (en-us, PTM), as shipped in the Debian package',
    `${DEBIAN_PACKAGE} ${version}, converted to this directory's format by Sotaque's`,
    'training/sphinx/convert.ts (the parameters are unchanged; only the container differs).',
    'Upstream: https://cmusphinx.github.io/ (pocketsphinx, sphinxbase).',
    '',
    '---- The model\'s README ----',
    readme.trim(),
    '',
    '---- Debian copyright file, the section covering the upstream files ----',
    debian.trim(),
    '',
  ].join('\n');
}

/** Reads the Debian model directory and returns the app's files (deterministic: no timestamps). */
export function convertSphinxModel(modelDir = DEBIAN_MODEL_DIR, version = debianPackageVersion()): ConvertedSphinxModel {
  const raw = Object.fromEntries(MODEL_FILES.map((f) => [f, new Uint8Array(readFileSync(join(modelDir, f)))])) as Record<(typeof MODEL_FILES)[number], Uint8Array>;
  checkFeatParams(parseFeatParams(new TextDecoder().decode(raw['feat.params'])));
  const mdef = readMdef(raw.mdef);
  const means = readGaussians(raw.means, 'means');
  const vars = readGaussians(raw.variances, 'variances');
  for (const key of ['codebooks', 'streams', 'densities'] as const) {
    if (means[key] !== vars[key]) throw new Error(`means and variances disagree on ${key}: ${means[key]} vs ${vars[key]}`);
  }
  if (means.codebooks !== mdef.counts.ciPhones) throw new Error(`${means.codebooks} codebooks for ${mdef.counts.ciPhones} CI phones: not a PTM model`);
  const dims = means.streamDims.reduce((a, b) => a + b, 0);
  if (dims !== 39 || JSON.stringify(means.streamDims) !== JSON.stringify(SPHINX_FE_CONFIG.streams.map(([a, b]) => b - a))) {
    throw new Error(`streams of ${means.streamDims.join('+')} dims; the front end makes ${SPHINX_FE_CONFIG.streams.map(([a, b]) => b - a).join('+')}`);
  }
  const mixw = readSendump(raw.sendump, means.streams, means.densities, mdef.counts.senones);
  const tmat = readTmat(raw.transition_matrices);
  if (tmat.count !== mdef.counts.tmats || tmat.src !== 3 || tmat.dst !== 4) throw new Error(`transition_matrices: ${tmat.count}×${tmat.src}×${tmat.dst}, expected ${mdef.counts.tmats}×3×4`);
  const sen2ci = new Uint8Array(mdef.counts.senones).fill(255);
  const mark = (ssid: number, ci: number): void => {
    for (let s = 0; s < 3; s++) {
      const sen = mdef.sseq[ssid * 3 + s];
      if (sen2ci[sen] === 255) sen2ci[sen] = ci;
      else if (sen2ci[sen] !== ci) throw new Error(`senone ${sen} is shared by CI phones ${sen2ci[sen]} and ${ci}`);
    }
  };
  for (let ci = 0; ci < mdef.counts.ciPhones; ci++) mark(mdef.ciSsid[ci], ci);
  for (let i = 0; i < mdef.triKeys.length; i++) mark(mdef.triSsid[i], mdef.triKeys[i] >>> 24);
  if (sen2ci.includes(255)) throw new Error('a senone belongs to no phone');

  const tensors: [string, ArrayBufferView, string, number[]][] = [
    ['means', means.data, 'float32', [means.codebooks, means.streams, means.densities, means.streamDims[0]]],
    ['variances', vars.data, 'float32', [vars.codebooks, vars.streams, vars.densities, vars.streamDims[0]]],
    ['mixw', mixw, 'uint8', [means.streams, means.densities, mdef.counts.senones]],
    ['tmat', tmat.data, 'float32', [tmat.count, tmat.src, tmat.dst]],
    ['sseq', mdef.sseq, 'uint16', [mdef.counts.sseqs, 3]],
    ['ciSsid', mdef.ciSsid, 'uint16', [mdef.counts.ciPhones]],
    ['ciTmat', mdef.ciTmat, 'uint8', [mdef.counts.ciPhones]],
    ['triKeys', mdef.triKeys, 'uint32', [mdef.triKeys.length]],
    ['triSsid', mdef.triSsid, 'uint16', [mdef.triKeys.length]],
    ['triTmat', mdef.triTmat, 'uint8', [mdef.triKeys.length]],
    ['sen2ci', sen2ci, 'uint8', [mdef.counts.senones]],
  ];
  const table: SphinxTensorInfo[] = [];
  let size = 0;
  for (const [name, data, dtype, shape] of tensors) {
    size = (size + 7) & ~7;
    table.push({ name, dtype: dtype as SphinxTensorInfo['dtype'], shape, offset: size, byteLength: data.byteLength });
    size += data.byteLength;
  }
  const bin = new Uint8Array(size);
  tensors.forEach(([, data], i) => bin.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), table[i].offset));
  const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

  const metadata: SphinxModelMetadata = {
    format: SPHINX_MODEL_FORMAT,
    source: {
      package: DEBIAN_PACKAGE,
      version,
      files: Object.fromEntries(MODEL_FILES.map((f) => [f, sha(raw[f])])),
    },
    frontEnd: SPHINX_FE_CONFIG,
    ciPhones: mdef.ciPhones,
    fillers: mdef.ciPhones.filter((_, i) => mdef.filler[i]),
    silence: mdef.ciPhones[mdef.counts.sil],
    counts: {
      ciPhones: mdef.counts.ciPhones,
      triphones: mdef.triKeys.length,
      senones: mdef.counts.senones,
      ciSenones: mdef.counts.ciSenones,
      senoneSequences: mdef.counts.sseqs,
      emitStates: mdef.counts.emitStates,
      transitionMatrices: tmat.count,
      codebooks: means.codebooks,
      streams: means.streams,
      densities: means.densities,
      streamDims: means.streamDims,
    },
    scoring: { topN: 4, varianceFloor: 1e-4, transitionFloor: 1e-4, mixwUnitNats: 1024 * Math.log(Math.fround(1.0001)), maxNegMixw: 159, maxNegAscr: 96 },
    bin: { file: 'model.bin', byteLength: size, sha256: sha(bin) },
    tensors: table,
  };
  return { bin, metadata, metadataJson: `${JSON.stringify(metadata, null, 2)}\n`, license: licenseText(modelDir, version) };
}

/** Writes a conversion to `outDir`. */
export function writeSphinxModel(model: ConvertedSphinxModel, outDir = SPHINX_MODEL_OUT_DIR): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'model.bin'), model.bin);
  writeFileSync(join(outDir, 'metadata.json'), model.metadataJson);
  writeFileSync(join(outDir, 'LICENSE'), model.license);
}

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const modelDir = arg('--model') ?? DEBIAN_MODEL_DIR;
  const outDir = resolve(arg('--out') ?? SPHINX_MODEL_OUT_DIR);
  if (!existsSync(join(modelDir, 'mdef'))) {
    console.error(`No Sphinx model at ${modelDir}. Install it with: apt-get install -y ${DEBIAN_PACKAGE}`);
    process.exit(1);
  }
  const model = convertSphinxModel(modelDir);
  writeSphinxModel(model, outDir);
  const c = model.metadata.counts;
  console.error(
    `wrote ${outDir}: model.bin ${(model.bin.byteLength / 1e6).toFixed(2)} MB; ${c.ciPhones} CI phones, ${c.triphones} triphones, ${c.senones} senones, ` +
      `${c.codebooks} codebooks × ${c.streams} streams × ${c.densities} Gaussians`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
