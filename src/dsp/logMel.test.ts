import { describe, expect, it } from 'vitest';
import { readGoldenF32 as readF32 } from './fixtures/golden';
import { DEFAULT_FEATURE_CONFIG, frameCentreSeconds, frameCount } from './config';
import { logMelSpectrogram } from './logMel';
import { hzToMel, melFilterbank, melToHz } from './melFilterbank';
import { normalise } from './normalise';

function sine(freqHz: number, seconds: number, amplitude = 0.5, rate = 16_000): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / rate);
  return out;
}

const FLOOR = Math.log(1e-6);

describe('logMelSpectrogram', () => {
  it('matches the golden fixture within 1e-3 over cells above the floor', () => {
    const samples = readF32('speech16k.f32');
    const expected = readF32('logmel.f32');
    const result = logMelSpectrogram(samples);
    expect(result.frames).toBe(192);
    expect(result.bands).toBe(64);
    expect(result.data.length).toBe(expected.length);
    let maxDiff = 0;
    let counted = 0;
    for (let i = 0; i < expected.length; i++) {
      if (expected[i] > FLOOR + 1) {
        maxDiff = Math.max(maxDiff, Math.abs(result.data[i] - expected[i]));
        counted++;
      }
    }
    expect(counted).toBeGreaterThan(expected.length / 2);
    expect(maxDiff).toBeLessThan(1e-3);
  });

  it('normalises to the golden fixture', () => {
    const samples = readF32('speech16k.f32');
    const expected = readF32('logmel_norm.f32');
    const result = normalise(logMelSpectrogram(samples));
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(result.data[i] - expected[i]));
    expect(maxDiff).toBeLessThan(1e-3);
  });

  it('frames follow the contract: 1 + ⌊(n − 400)/160⌋, none below 400 samples', () => {
    expect(frameCount(399)).toBe(0);
    expect(frameCount(400)).toBe(1);
    expect(frameCount(559)).toBe(1);
    expect(frameCount(560)).toBe(2);
    expect(frameCount(16_000)).toBe(98);
    expect(logMelSpectrogram(new Float32Array(300)).frames).toBe(0);
    expect(frameCentreSeconds(0)).toBeCloseTo(0.0125, 10);
    expect(frameCentreSeconds(10)).toBeCloseTo(0.1125, 10);
  });

  it('puts a sine in the mel band whose centre is nearest its frequency', () => {
    const fb = melFilterbank(DEFAULT_FEATURE_CONFIG);
    expect(fb.bands).toBe(64);
    const melMin = hzToMel(20);
    const melMax = hzToMel(7600);
    const centres = Array.from({ length: 64 }, (_, b) => melToHz(melMin + ((melMax - melMin) * (b + 1)) / 65));
    for (const freq of [250, 1000, 3000, 6000]) {
      const { data, frames, bands } = logMelSpectrogram(sine(freq, 0.5));
      const mid = Math.floor(frames / 2) * bands;
      let best = 0;
      for (let b = 1; b < bands; b++) if (data[mid + b] > data[mid + best]) best = b;
      const nearest = centres.reduce((bi, c, i) => (Math.abs(c - freq) < Math.abs(centres[bi] - freq) ? i : bi), 0);
      expect(Math.abs(best - nearest)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the log floor for digital silence', () => {
    const { data } = logMelSpectrogram(new Float32Array(4000));
    for (const v of data) expect(v).toBeCloseTo(FLOOR, 6);
  });

  it('moves a chirp up the mel bands', () => {
    const rate = 16_000;
    const seconds = 2;
    const samples = new Float32Array(rate * seconds);
    let phase = 0;
    for (let i = 0; i < samples.length; i++) {
      const f = 100 + (7000 - 100) * (i / samples.length);
      phase += (2 * Math.PI * f) / rate;
      samples[i] = 0.5 * Math.sin(phase);
    }
    const { data, frames, bands } = logMelSpectrogram(samples);
    const peaks: number[] = [];
    for (let f = 0; f < frames; f += 20) {
      let best = 0;
      for (let b = 1; b < bands; b++) if (data[f * bands + b] > data[f * bands + best]) best = b;
      peaks.push(best);
    }
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThanOrEqual(peaks[i - 1]);
    expect(peaks[peaks.length - 1] - peaks[0]).toBeGreaterThan(40);
  });
});

describe('normalise', () => {
  it('gives zero mean and unit variance per band', () => {
    const { data, frames, bands } = normalise(logMelSpectrogram(sine(440, 1, 0.3).map((v, i) => v + 0.01 * Math.sin(i))));
    for (let b = 0; b < bands; b += 7) {
      let mean = 0;
      let sq = 0;
      for (let f = 0; f < frames; f++) mean += data[f * bands + b];
      mean /= frames;
      for (let f = 0; f < frames; f++) sq += (data[f * bands + b] - mean) ** 2;
      expect(mean).toBeCloseTo(0, 4);
      expect(sq / frames).toBeLessThanOrEqual(1.0001);
    }
  });

  it('keeps an empty spectrogram empty', () => {
    expect(normalise({ data: new Float32Array(0), frames: 0, bands: 64 }).frames).toBe(0);
  });
});
