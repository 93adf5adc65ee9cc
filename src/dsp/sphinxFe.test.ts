// The Sphinx front end on signals one can reason about. Parity with sphinx_fe on speech is tested in
// src/sphinx/frontEnd.parity.test.ts (it needs the Debian binaries).
import { describe, expect, it } from 'vitest';
import {
  batchCmn,
  createSphinxFrontEnd,
  deltaFeatures,
  sameSphinxFeConfig,
  SPHINX_FE_CONFIG,
  sphinxCepstra,
  sphinxFeatures,
  sphinxFrameCount,
  sphinxFrameSpan,
  sphinxMelFilters,
} from './sphinxFe';

describe('sphinxFrameCount', () => {
  it('counts the full frames plus the remainder frame, as sphinxbase does at the end of an utterance', () => {
    expect(sphinxFrameCount(0)).toBe(0);
    expect(sphinxFrameCount(1)).toBe(1);
    expect(sphinxFrameCount(409)).toBe(1);
    expect(sphinxFrameCount(410)).toBe(2);
    expect(sphinxFrameCount(569)).toBe(2);
    expect(sphinxFrameCount(570)).toBe(3);
    // 88 262 samples: sphinx_fe wrote 551 frames for the Asterisk prompt of this length.
    expect(sphinxFrameCount(88_262)).toBe(551);
  });

  it('gives the last frame the samples left over', () => {
    expect(sphinxFrameSpan(0, 1000)).toEqual({ start: 0, end: 410 });
    expect(sphinxFrameSpan(sphinxFrameCount(1000) - 1, 1000)).toEqual({ start: 640, end: 1000 });
  });
});

describe('sphinxMelFilters', () => {
  const filters = sphinxMelFilters();

  it('builds 25 triangles between 130 and 6800 Hz on FFT bins', () => {
    expect(filters.start.length).toBe(25);
    const binHz = 16_000 / 512;
    expect(filters.start[0] * binHz).toBeGreaterThanOrEqual(130 - binHz);
    const last = 24;
    expect((filters.start[last] + filters.width[last] - 1) * binHz).toBeLessThanOrEqual(6800 + binHz);
    for (let i = 1; i < 25; i++) expect(filters.start[i]).toBeGreaterThan(filters.start[i - 1]);
  });

  it('has unit-area triangles (area 1 in Hz, up to the bin rounding)', () => {
    const binHz = 16_000 / 512;
    for (let i = 0; i < 25; i++) {
      let area = 0;
      for (let j = 0; j < filters.width[i]; j++) area += filters.weights[filters.offset[i] + j] * binHz;
      expect(area).toBeCloseTo(1, 1);
      for (let j = 0; j < filters.width[i]; j++) expect(filters.weights[filters.offset[i] + j]).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('sphinxCepstra', () => {
  it('gives the log floor for silence: c0 = √(1/25)·25·ln(1e-4), the rest 0', () => {
    const { frames, data } = sphinxCepstra(new Float32Array(16_000));
    expect(frames).toBe(sphinxFrameCount(16_000));
    expect(data[0]).toBeCloseTo(0.2 * 25 * Math.log(1e-4), 4);
    for (let i = 1; i < 13; i++) expect(Math.abs(data[i])).toBeLessThan(1e-4);
  });

  it('puts a sine in the filter that covers it: louder sines raise c0 by their energy', () => {
    const tone = (amp: number): Float32Array => Float32Array.from({ length: 8000 }, (_, n) => amp * Math.sin((2 * Math.PI * 1000 * n) / 16_000));
    const quiet = sphinxCepstra(tone(0.01)).data;
    const loud = sphinxCepstra(tone(0.1)).data;
    // ×10 amplitude = ×100 energy = +ln(100) in the filters the tone dominates; c0 sums 25 of them.
    expect(loud[13 * 10] - quiet[13 * 10]).toBeGreaterThan(0.2 * Math.log(100));
    expect(loud[13 * 10 + 1]).not.toBeCloseTo(quiet[13 * 10 + 1], 0);
  });

  it('reads int16 scale: samples are rounded to int16 before the front end', () => {
    const a = new Float32Array(4000).map((_, i) => Math.sin(i / 7) * 0.3);
    const b = a.map((v) => Math.round(v * 32768) / 32768);
    expect(Array.from(sphinxCepstra(a).data)).toEqual(Array.from(sphinxCepstra(b).data));
  });

  it('is reusable: one front end gives the same result twice', () => {
    const fe = createSphinxFrontEnd();
    const x = new Float32Array(5000).map((_, i) => Math.sin(i / 3) * 0.2);
    expect(Array.from(fe.cepstra(x).data)).toEqual(Array.from(fe.cepstra(x).data));
  });
});

describe('batchCmn', () => {
  it('subtracts the mean of the frames whose c0 is not negative', () => {
    const cep = new Float32Array([1, 10, -5, 20, 3, 30]); // 3 frames of 2 dims; frame 1 has c0 < 0
    const mean = batchCmn(cep, 3, 2);
    expect(Array.from(mean)).toEqual([2, 20]);
    expect(Array.from(cep)).toEqual([-1, -10, -7, 0, 1, 10]);
  });
});

describe('deltaFeatures (1s_c_d_dd)', () => {
  it('gives Δ = c(t+2) − c(t−2) and ΔΔ = 0 on a ramp, with the first and last frames repeated at the edges', () => {
    const frames = 10;
    const cep = new Float32Array(frames * 13);
    for (let t = 0; t < frames; t++) cep[t * 13] = t;
    const f = deltaFeatures(cep, frames);
    const at = (t: number, d: number): number => f[t * 39 + d];
    expect(at(5, 0)).toBe(5);
    expect(at(5, 13)).toBe(4);
    expect(at(5, 26)).toBe(0);
    expect(at(0, 13)).toBe(2); // c(2) − c(0), c(−2) repeats c(0)
    expect(at(9, 13)).toBe(2); // c(9) − c(7)
    // ΔΔ(0) = (c(3) − c(0)) − (c(1) − c(0)) = 2
    expect(at(0, 26)).toBe(2);
    expect(at(9, 26)).toBe(-2);
  });

  it('makes 39 dims per frame after CMN', () => {
    const x = new Float32Array(8000).map((_, i) => Math.sin(i / 5) * 0.1);
    const { frames, data } = sphinxFeatures(x);
    expect(data.length).toBe(frames * 39);
  });
});

describe('sameSphinxFeConfig', () => {
  it('tells a changed parameter apart', () => {
    expect(sameSphinxFeConfig(SPHINX_FE_CONFIG, { ...SPHINX_FE_CONFIG })).toBe(true);
    expect(sameSphinxFeConfig(SPHINX_FE_CONFIG, { ...SPHINX_FE_CONFIG, lifter: 0 })).toBe(false);
  });
});
