/**
 * A defensive zip reader for archives from other devices (the writing side is fflate's `zipSync`).
 *
 * It reads the central directory itself, so every declared size is known and checked against the
 * limits before a single byte is inflated: the end-of-central-directory record (last 22 + comment
 * bytes) gives the entry count and the directory's place; each directory record gives the method,
 * CRC-32, compressed and uncompressed sizes and the local header's offset, all bounds-checked.
 * Inflating (fflate's streaming `Inflate`, fed in small chunks) stops as soon as the output passes
 * the declared size, so a zip bomb costs at most one small chunk's expansion; the CRC-32 is checked.
 */
import { Inflate } from 'fflate';
import { ShareError } from './shareErrors';

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedBytes: number;
  /** Declared uncompressed size. */
  readonly bytes: number;
  /** Offset of the entry's data in the archive. */
  readonly dataOffset: number;
}

export interface ZipDirectoryLimits {
  /** Most entries accepted. */
  readonly maxEntries: number;
  /** Most uncompressed bytes in all entries together (declared). */
  readonly maxTotalBytes: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
/** Bytes fed to the inflater at a time: bounds the output of one step (deflate expands at most ~1032×). */
const INFLATE_CHUNK_BYTES = 4096;

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** Whether the bytes start like a zip archive (a local file header, or the record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && (u32(bytes, 0) === SIG_LOCAL || u32(bytes, 0) === SIG_END);
}

function corrupt(message: string, details: Record<string, unknown> = {}): ShareError {
  return new ShareError('CORRUPT_ENTRY', message, details);
}

/** Reads the central directory; throws `ShareError` (NOT_AN_ARCHIVE, TRUNCATED, TOO_LARGE, CORRUPT_ENTRY). */
export function readZipDirectory(bytes: Uint8Array, limits: ZipDirectoryLimits): Map<string, ZipEntry> {
  if (!looksLikeZip(bytes)) {
    throw new ShareError('NOT_AN_ARCHIVE', `Not a zip archive: expected the bytes "PK\\x03\\x04" at the start, found ${describeStart(bytes)}.`);
  }
  let end = -1;
  for (let o = bytes.length - 22; o >= 0 && o >= bytes.length - 22 - 0xffff; o--) {
    if (u32(bytes, o) === SIG_END && o + 22 + u16(bytes, o + 20) === bytes.length) {
      end = o;
      break;
    }
  }
  if (end < 0) throw new ShareError('TRUNCATED', `The archive is incomplete: its closing directory is missing (${bytes.length} bytes received).`, { bytes: bytes.length });
  if (end >= 20 && u32(bytes, end - 20) === SIG_ZIP64_LOCATOR) throw new ShareError('TOO_LARGE', 'The archive uses ZIP64 (over 4 GiB or 65 535 entries), which is more than a class archive holds.');
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0) throw corrupt('The archive is split over several files (multi-disk zip); only single-file archives are read.');
  const count = u16(bytes, end + 10);
  const dirBytes = u32(bytes, end + 12);
  const dirOffset = u32(bytes, end + 16);
  if (count > limits.maxEntries) throw new ShareError('TOO_LARGE', `The archive holds ${count} files; at most ${limits.maxEntries} are accepted.`, { entries: count, limit: limits.maxEntries });
  if (dirOffset + dirBytes > end) throw new ShareError('TRUNCATED', `The archive is incomplete: its directory should start at byte ${dirOffset}, past what was received.`, { dirOffset, end });

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let o = dirOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > end || u32(bytes, o) !== SIG_CENTRAL) throw corrupt(`The archive's directory is damaged at entry ${i + 1} of ${count}.`, { entry: i });
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    const crc32 = u32(bytes, o + 16);
    const compressedBytes = u32(bytes, o + 20);
    const size = u32(bytes, o + 24);
    const nameLength = u16(bytes, o + 28);
    const next = o + 46 + nameLength + u16(bytes, o + 30) + u16(bytes, o + 32);
    const localOffset = u32(bytes, o + 42);
    if (next > end) throw corrupt(`The archive's directory is damaged at entry ${i + 1} of ${count}.`, { entry: i });
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    } catch {
      throw corrupt(`Entry ${i + 1} of the archive has a name that is not valid UTF-8.`, { entry: i });
    }
    if (flags & 1) throw corrupt(`"${name}" is encrypted; Sotaque archives never are.`, { name });
    if (method !== 0 && method !== 8) throw corrupt(`"${name}" uses compression method ${method}; only stored (0) and deflate (8) are read.`, { name, method });
    if (method === 0 && compressedBytes !== size) throw corrupt(`"${name}" is stored but declares ${compressedBytes} stored and ${size} unpacked bytes.`, { name });
    if (entries.has(name)) throw corrupt(`"${name}" appears twice in the archive.`, { name });
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new ShareError('TOO_LARGE', `The archive unpacks to more than ${limits.maxTotalBytes} bytes (the limit).`, { limit: limits.maxTotalBytes });
    }
    if (localOffset + 30 > dirOffset || u32(bytes, localOffset) !== SIG_LOCAL) throw corrupt(`The local header of "${name}" is missing or damaged.`, { name });
    const dataOffset = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (dataOffset + compressedBytes > dirOffset) throw corrupt(`"${name}" runs past the end of the archive's data.`, { name });
    entries.set(name, { name, method, crc32, compressedBytes, bytes: size, dataOffset });
    o = next;
  }
  return entries;
}

/** The entry's uncompressed bytes (a view into the archive when stored), never more than `maxBytes` nor than declared; CRC-32 checked. */
export function readZipEntry(archive: Uint8Array<ArrayBuffer>, entry: ZipEntry, maxBytes: number): Uint8Array<ArrayBuffer> {
  if (entry.bytes > maxBytes) {
    throw new ShareError('TOO_LARGE', `"${entry.name}" unpacks to ${entry.bytes} bytes; at most ${maxBytes} are accepted.`, { name: entry.name, bytes: entry.bytes, limit: maxBytes });
  }
  const raw = archive.subarray(entry.dataOffset, entry.dataOffset + entry.compressedBytes);
  let out: Uint8Array<ArrayBuffer>;
  if (entry.method === 0) out = raw;
  else {
    out = new Uint8Array(entry.bytes);
    let written = 0;
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      if (written + chunk.length > entry.bytes) throw corrupt(`"${entry.name}" unpacks to more than its declared ${entry.bytes} bytes.`, { name: entry.name });
      out.set(chunk, written);
      written += chunk.length;
      if (final) finished = true;
    });
    try {
      for (let at = 0; at < raw.length; at += INFLATE_CHUNK_BYTES) {
        inflater.push(raw.subarray(at, Math.min(raw.length, at + INFLATE_CHUNK_BYTES)), at + INFLATE_CHUNK_BYTES >= raw.length);
      }
      if (raw.length === 0) inflater.push(raw, true);
    } catch (error) {
      if (error instanceof ShareError) throw error;
      throw corrupt(`"${entry.name}" could not be unpacked: ${(error as Error).message}.`, { name: entry.name });
    }
    if (!finished || written !== entry.bytes) throw corrupt(`"${entry.name}" unpacks to ${written} bytes, ${entry.bytes} were declared.`, { name: entry.name });
  }
  if (crc32(out) !== entry.crc32) throw corrupt(`"${entry.name}" is damaged (its checksum does not match).`, { name: entry.name });
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip stores it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = Array.from(bytes.subarray(0, 4), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  return `"${head}"`;
}
