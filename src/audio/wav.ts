/**
 * WAV (RIFF/WAVE) encode and decode: pure TypeScript, no DOM, usable in browsers, workers and Node.
 *
 * Decoding walks the RIFF chunk list (each chunk: 4-byte id, 4-byte little-endian size, payload padded
 * to an even length), reads `fmt ` and `data` wherever they sit, and converts integer PCM (8-bit
 * unsigned, 16/24/32-bit signed) or IEEE float (32/64-bit) to Float32 in [−1, 1] with the scales of
 * docs/CONTRACTS.md (int16 / 32768, and likewise 2^(bits−1) for the other widths). Channels are averaged
 * to mono. WAVE_FORMAT_EXTENSIBLE is read through its sub-format GUID.
 */
import { AudioError } from './errors';

/** How the samples of a decoded file were stored. */
export type WavEncoding = 'pcm' | 'float';

/** A decoded WAV file, already mono. */
export interface DecodedWav {
  /** Mono samples (channels averaged), Float32 in [−1, 1]. */
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  /** Channels in the file (before the downmix). */
  readonly channels: number;
  readonly bitsPerSample: number;
  readonly encoding: WavEncoding;
}

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;
/** Data size some streaming writers leave in the header when they cannot seek back to fix it. */
const STREAMING_SIZE = 0xffffffff;

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

function asView(bytes: ArrayBuffer | ArrayBufferView): DataView {
  if (bytes instanceof ArrayBuffer) return new DataView(bytes);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface FormatChunk {
  format: number;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
  bitsPerSample: number;
}

function readFormat(view: DataView, offset: number, size: number): FormatChunk {
  if (size < 16) throw new AudioError('WAV_INVALID', `Not a valid WAV file: the "fmt " chunk holds ${size} bytes, at least 16 were expected.`, { size });
  let format = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const sampleRateHz = view.getUint32(offset + 4, true);
  const blockAlign = view.getUint16(offset + 12, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (format === FORMAT_EXTENSIBLE) {
    if (size < 40) throw new AudioError('WAV_INVALID', `Not a valid WAV file: an extensible "fmt " chunk holds ${size} bytes, 40 were expected.`, { size });
    format = view.getUint16(offset + 24, true); // first two bytes of the sub-format GUID
  }
  return { format, channels, sampleRateHz, blockAlign, bitsPerSample };
}

/** Decodes a WAV file to mono Float32 samples; throws `AudioError` (`WAV_INVALID`, `WAV_UNSUPPORTED`). */
export function decodeWav(bytes: ArrayBuffer | ArrayBufferView): DecodedWav {
  const view = asView(bytes);
  if (view.byteLength < 12 || fourCC(view, 0) !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    const found = view.byteLength >= 4 ? `"${fourCC(view, 0)}"` : `${view.byteLength} bytes`;
    if (view.byteLength >= 12 && (fourCC(view, 0) === 'RIFX' || fourCC(view, 0) === 'RF64')) {
      throw new AudioError('WAV_UNSUPPORTED', `Unsupported WAV variant ${found}: only little-endian RIFF/WAVE is read. Convert it to a standard WAV file.`);
    }
    throw new AudioError('WAV_INVALID', `Not a WAV file: expected a RIFF/WAVE header, found ${found}. Choose a .wav file.`, { byteLength: view.byteLength });
  }

  let fmt: FormatChunk | undefined;
  let dataOffset = -1;
  let dataSize = 0;
  let offset = 12;
  while (offset + 8 <= view.byteLength) {
    const id = fourCC(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const available = view.byteLength - body;
    if (id === 'data') {
      if (size > available && size !== STREAMING_SIZE) {
        throw new AudioError('WAV_INVALID', `The WAV file is truncated: its data chunk declares ${size} bytes but only ${available} follow.`, { declared: size, available });
      }
      dataOffset = body;
      dataSize = Math.min(size, available);
    } else if (id === 'fmt ') {
      if (size > available) throw new AudioError('WAV_INVALID', `The WAV file is truncated inside its "fmt " chunk.`, { declared: size, available });
      fmt = readFormat(view, body, size);
    }
    offset = body + size + (size & 1);
  }

  if (!fmt) throw new AudioError('WAV_INVALID', 'Not a valid WAV file: it has no "fmt " chunk describing the samples.');
  if (dataOffset < 0) throw new AudioError('WAV_INVALID', 'Not a valid WAV file: it has no "data" chunk holding the samples.');
  const { format, channels, sampleRateHz, bitsPerSample } = fmt;
  if (channels < 1) throw new AudioError('WAV_INVALID', `Not a valid WAV file: it declares ${channels} channels.`);
  if (sampleRateHz < 1) throw new AudioError('WAV_INVALID', `Not a valid WAV file: it declares a sample rate of ${sampleRateHz} Hz.`);

  let encoding: WavEncoding;
  if (format === FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) encoding = 'pcm';
  else if (format === FORMAT_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64)) encoding = 'float';
  else {
    const kind = format === FORMAT_PCM ? 'integer PCM' : format === FORMAT_FLOAT ? 'float' : `format code 0x${format.toString(16).padStart(4, '0')}`;
    throw new AudioError(
      'WAV_UNSUPPORTED',
      `Unsupported WAV encoding: ${kind} with ${bitsPerSample} bits per sample. Expected 8/16/24/32-bit integer PCM or 32/64-bit float; convert the file (e.g. sox in.wav -b 16 out.wav).`,
      { format, bitsPerSample },
    );
  }

  const bytesPerSample = bitsPerSample / 8;
  const frameBytes = bytesPerSample * channels;
  if (fmt.blockAlign !== frameBytes) {
    throw new AudioError('WAV_INVALID', `Not a valid WAV file: block alignment ${fmt.blockAlign} does not match ${channels} channel(s) of ${bitsPerSample}-bit samples (${frameBytes}).`, {
      blockAlign: fmt.blockAlign,
      expected: frameBytes,
    });
  }

  const frames = Math.floor(dataSize / frameBytes); // a trailing partial frame is dropped
  const read = sampleReader(view, encoding, bitsPerSample);
  const samples = new Float32Array(frames);
  const scale = 1 / channels;
  for (let f = 0; f < frames; f++) {
    const base = dataOffset + f * frameBytes;
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(base + c * bytesPerSample);
    samples[f] = channels === 1 ? sum : sum * scale;
  }
  return { samples, sampleRateHz, channels, bitsPerSample, encoding };
}

/** A function reading one sample at a byte offset as a float in [−1, 1]. */
function sampleReader(view: DataView, encoding: WavEncoding, bits: number): (offset: number) => number {
  if (encoding === 'float') return bits === 32 ? (o) => view.getFloat32(o, true) : (o) => view.getFloat64(o, true);
  switch (bits) {
    case 8:
      return (o) => (view.getUint8(o) - 128) / 128;
    case 16:
      return (o) => view.getInt16(o, true) / 32768;
    case 24:
      return (o) => (((view.getUint8(o + 2) << 24) | (view.getUint8(o + 1) << 16) | (view.getUint8(o) << 8)) >> 8) / 8388608;
    default:
      return (o) => view.getInt32(o, true) / 2147483648;
  }
}

/** Encodes mono Float32 samples as a 16-bit PCM WAV file (values clamped to the int16 range). */
export function encodeWav(samples: Float32Array, sampleRateHz: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(sampleRateHz) || sampleRateHz < 1) throw new RangeError(`encodeWav: sample rate must be a positive integer, got ${sampleRateHz}`);
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.round(samples[i] * 32768);
    view.setInt16(44 + 2 * i, Number.isNaN(value) ? 0 : Math.max(-32768, Math.min(32767, value)), true);
  }
  return bytes;
}
