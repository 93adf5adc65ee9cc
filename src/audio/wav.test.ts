import { describe, expect, it } from 'vitest';
import { readGoldenBytes, readGoldenF32 } from '../dsp/fixtures/golden';
import { AudioError } from './errors';
import { decodeWav, encodeWav } from './wav';

interface BuildOptions {
  format?: number;
  channels?: number;
  sampleRateHz?: number;
  bitsPerSample: number;
  /** Raw sample codes (integers for PCM, floats for float), interleaved. */
  interleaved: number[];
  extensible?: boolean;
  /** Chunks written before `fmt ` and between `fmt ` and `data`. */
  leadingChunk?: { id: string; body: Uint8Array };
  middleChunk?: { id: string; body: Uint8Array };
  /** Overrides the size written into the data chunk header. */
  dataSizeOverride?: number;
}

/** Writes a WAV file the slow, obvious way: a test double independent of `encodeWav`. */
function buildWav(o: BuildOptions): Uint8Array {
  const channels = o.channels ?? 1;
  const rate = o.sampleRateHz ?? 16_000;
  const bytesPerSample = o.bitsPerSample / 8;
  const format = o.format ?? 1;
  const parts: number[] = [];
  const u8 = (v: number) => parts.push(v & 0xff);
  const u16 = (v: number) => (u8(v), u8(v >> 8));
  const u32 = (v: number) => (u16(v & 0xffff), u16((v >>> 16) & 0xffff));
  const ascii = (s: string) => [...s].forEach((ch) => u8(ch.charCodeAt(0)));
  const chunk = (c: { id: string; body: Uint8Array }) => {
    ascii(c.id);
    u32(c.body.length);
    c.body.forEach(u8);
    if (c.body.length & 1) u8(0);
  };
  ascii('RIFF');
  u32(0); // patched below
  ascii('WAVE');
  if (o.leadingChunk) chunk(o.leadingChunk);
  ascii('fmt ');
  u32(o.extensible ? 40 : 16);
  u16(o.extensible ? 0xfffe : format);
  u16(channels);
  u32(rate);
  u32(rate * channels * bytesPerSample);
  u16(channels * bytesPerSample);
  u16(o.bitsPerSample);
  if (o.extensible) {
    u16(22); // cbSize
    u16(o.bitsPerSample); // valid bits
    u32(channels === 2 ? 3 : 4); // channel mask
    u16(format); // sub-format GUID: format code + the fixed KSDATAFORMAT suffix
    [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71].forEach(u8);
  }
  if (o.middleChunk) chunk(o.middleChunk);
  ascii('data');
  u32(o.dataSizeOverride ?? o.interleaved.length * bytesPerSample);
  const sample = new DataView(new ArrayBuffer(8));
  for (const value of o.interleaved) {
    if (format === 3 && o.bitsPerSample === 32) sample.setFloat32(0, value, true);
    else if (format === 3) sample.setFloat64(0, value, true);
    else if (o.bitsPerSample === 8) sample.setUint8(0, value);
    else if (o.bitsPerSample === 16) sample.setInt16(0, value, true);
    else sample.setInt32(0, value, true); // 24-bit: the low three bytes of the little-endian int32
    for (let b = 0; b < bytesPerSample; b++) u8(sample.getUint8(b));
  }
  const bytes = Uint8Array.from(parts);
  new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
  return bytes;
}

function expectAudioError(run: () => unknown, code: AudioError['code'], messagePart: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AudioError);
    expect((error as AudioError).code).toBe(code);
    expect((error as AudioError).message).toMatch(messagePart);
    return;
  }
  throw new Error(`expected AudioError ${code}`);
}

describe('encodeWav / decodeWav', () => {
  it('round-trips 16-bit mono within half a quantisation step, keeping the rate', () => {
    const rate = 44_100;
    const samples = new Float32Array(1000).map((_, i) => 0.8 * Math.sin((2 * Math.PI * 440 * i) / rate));
    const decoded = decodeWav(encodeWav(samples, rate));
    expect(decoded).toMatchObject({ sampleRateHz: rate, channels: 1, bitsPerSample: 16, encoding: 'pcm' });
    expect(decoded.samples.length).toBe(samples.length);
    for (let i = 0; i < samples.length; i++) expect(Math.abs(decoded.samples[i] - samples[i])).toBeLessThanOrEqual(0.5 / 32768 + 1e-9);
  });

  it('encodes int16 / 32768 exactly and clamps out-of-range values', () => {
    const decoded = decodeWav(encodeWav(Float32Array.from([0, 0.5, -0.5, -1, 1, 2, -3, Number.NaN]), 8000));
    expect(Array.from(decoded.samples)).toEqual([0, 0.5, -0.5, -1, 32767 / 32768, 32767 / 32768, -1, 0]);
  });

  it('writes a canonical 44-byte header', () => {
    const bytes = encodeWav(new Float32Array(3), 16_000);
    expect(bytes.length).toBe(44 + 6);
    const text = new TextDecoder().decode(bytes.subarray(0, 16));
    expect(text).toBe('RIFF*\u0000\u0000\u0000WAVEfmt ');
  });
});

describe('decodeWav', () => {
  it('reads the golden 16 kHz int16 fixture as the same samples as its float32 twin', () => {
    const decoded = decodeWav(readGoldenBytes('speech16k.wav'));
    const expected = readGoldenF32('speech16k.f32');
    expect(decoded.sampleRateHz).toBe(16_000);
    expect(decoded.samples).toEqual(expected);
  });

  it.each([
    { bits: 8, codes: [128, 255, 0, 192], expected: [0, 127 / 128, -1, 0.5] },
    { bits: 16, codes: [0, 32767, -32768, 16384], expected: [0, 32767 / 32768, -1, 0.5] },
    { bits: 24, codes: [0, 8388607, -8388608, 4194304], expected: [0, 8388607 / 8388608, -1, 0.5] },
    { bits: 32, codes: [0, 2147483647, -2147483648, 1073741824], expected: [0, 2147483647 / 2147483648, -1, 0.5] },
  ])('reads $bits-bit integer PCM with the 2^(bits−1) scale', ({ bits, codes, expected }) => {
    const decoded = decodeWav(buildWav({ bitsPerSample: bits, interleaved: codes, sampleRateHz: 22_050 }));
    expect(decoded).toMatchObject({ sampleRateHz: 22_050, bitsPerSample: bits, encoding: 'pcm', channels: 1 });
    expect(Array.from(decoded.samples)).toEqual(expected.map((v) => Math.fround(v)));
  });

  it('reads 32- and 64-bit float', () => {
    const values = [0, 0.25, -0.75, 1];
    expect(Array.from(decodeWav(buildWav({ format: 3, bitsPerSample: 32, interleaved: values })).samples)).toEqual(values);
    const f64 = decodeWav(buildWav({ format: 3, bitsPerSample: 64, interleaved: values }));
    expect(f64.encoding).toBe('float');
    expect(Array.from(f64.samples)).toEqual(values);
  });

  it('averages any number of channels to mono', () => {
    const stereo = decodeWav(buildWav({ channels: 2, bitsPerSample: 16, interleaved: [16384, 0, -32768, 0, 8192, 8192] }));
    expect(stereo.channels).toBe(2);
    expect(Array.from(stereo.samples)).toEqual([0.25, -0.5, 0.25]);
    const six = decodeWav(buildWav({ channels: 6, format: 3, bitsPerSample: 32, interleaved: [0.6, 0, 0, 0, 0, 0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] }));
    expect(six.samples.length).toBe(2);
    expect(six.samples[0]).toBeCloseTo(0.1, 6);
    expect(six.samples[1]).toBeCloseTo(0.1, 6);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE through its sub-format', () => {
    const decoded = decodeWav(buildWav({ extensible: true, format: 3, channels: 2, bitsPerSample: 32, sampleRateHz: 48_000, interleaved: [0.5, 0.25] }));
    expect(decoded).toMatchObject({ encoding: 'float', channels: 2, sampleRateHz: 48_000 });
    expect(decoded.samples[0]).toBeCloseTo(0.375, 7);
    const pcm24 = decodeWav(buildWav({ extensible: true, format: 1, bitsPerSample: 24, interleaved: [4194304] }));
    expect(Array.from(pcm24.samples)).toEqual([0.5]);
  });

  it('skips unknown chunks, including odd-sized ones with their pad byte, before and after fmt', () => {
    const decoded = decodeWav(
      buildWav({
        bitsPerSample: 16,
        interleaved: [16384],
        leadingChunk: { id: 'JUNK', body: new Uint8Array(3) },
        middleChunk: { id: 'LIST', body: new TextEncoder().encode('INFOISFT') },
      }),
    );
    expect(Array.from(decoded.samples)).toEqual([0.5]);
  });

  it('reads a streaming header whose data size was never filled in', () => {
    const decoded = decodeWav(buildWav({ bitsPerSample: 16, interleaved: [16384, -16384], dataSizeOverride: 0xffffffff }));
    expect(Array.from(decoded.samples)).toEqual([0.5, -0.5]);
  });

  it('drops a trailing partial frame', () => {
    const bytes = buildWav({ bitsPerSample: 16, channels: 2, interleaved: [0, 0, 16384, 16384, 100] });
    expect(Array.from(decodeWav(bytes).samples)).toEqual([0, 0.5]);
  });

  it('accepts a Node Buffer or a view into a larger ArrayBuffer', () => {
    const wav = buildWav({ bitsPerSample: 16, interleaved: [16384] });
    const big = new Uint8Array(wav.length + 10);
    big.set(wav, 5);
    expect(Array.from(decodeWav(big.subarray(5, 5 + wav.length)).samples)).toEqual([0.5]);
    expect(Array.from(decodeWav(Buffer.from(wav)).samples)).toEqual([0.5]);
    expect(Array.from(decodeWav(wav.buffer as ArrayBuffer).samples)).toEqual([0.5]);
  });

  describe('refuses bad input with a typed error', () => {
    it('not a WAV file', () => {
      expectAudioError(() => decodeWav(new TextEncoder().encode('ID3\u0004 this is an mp3')), 'WAV_INVALID', /Not a WAV file.*"ID3/);
      expectAudioError(() => decodeWav(new Uint8Array(2)), 'WAV_INVALID', /Not a WAV file.*2 bytes/);
      expectAudioError(() => decodeWav(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000AVI LIST')), 'WAV_INVALID', /RIFF\/WAVE/);
    });

    it('truncated data', () => {
      const bytes = buildWav({ bitsPerSample: 16, interleaved: [1, 2, 3, 4] });
      expectAudioError(() => decodeWav(bytes.subarray(0, bytes.length - 4)), 'WAV_INVALID', /truncated.*8 bytes.*only 4/);
    });

    it('missing chunks', () => {
      const bytes = buildWav({ bitsPerSample: 16, interleaved: [1] });
      expectAudioError(() => decodeWav(bytes.subarray(0, 36)), 'WAV_INVALID', /no "data" chunk/);
      const noFmt = new Uint8Array([...new TextEncoder().encode('RIFF\u000c\u0000\u0000\u0000WAVEdata'), 0, 0, 0, 0]);
      expectAudioError(() => decodeWav(noFmt), 'WAV_INVALID', /no "fmt " chunk/);
    });

    it('inconsistent format fields', () => {
      const bytes = buildWav({ bitsPerSample: 16, channels: 2, interleaved: [1, 2] });
      new DataView(bytes.buffer).setUint16(32, 3, true); // block align
      expectAudioError(() => decodeWav(bytes), 'WAV_INVALID', /block alignment 3.*\(4\)/);
      const noChannels = buildWav({ bitsPerSample: 16, interleaved: [1] });
      new DataView(noChannels.buffer).setUint16(22, 0, true);
      expectAudioError(() => decodeWav(noChannels), 'WAV_INVALID', /0 channels/);
    });

    it('encodings we do not read', () => {
      expectAudioError(() => decodeWav(buildWav({ format: 0x11, bitsPerSample: 4, interleaved: [] })), 'WAV_UNSUPPORTED', /format code 0x0011.*convert/);
      expectAudioError(() => decodeWav(buildWav({ format: 3, bitsPerSample: 16, interleaved: [] })), 'WAV_UNSUPPORTED', /float with 16 bits/);
      const rifx = buildWav({ bitsPerSample: 16, interleaved: [1] });
      rifx.set(new TextEncoder().encode('RIFX'), 0);
      expectAudioError(() => decodeWav(rifx), 'WAV_UNSUPPORTED', /little-endian/);
    });
  });
});
