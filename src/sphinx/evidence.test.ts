// The Sphinx evidence the assessment reads, on espeak-ng speech made at test time.
import { dictionary } from 'cmu-pronouncing-dictionary';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameCount } from '../dsp/config';
import { sphinxFrameCount } from '../dsp/sphinxFe';
import { PHONES } from '../model/phones';
import { SphinxError } from './errors';
import { analyseClip, logMelFrames, type SphinxAnalysis } from './evidence';
import { loadSphinxModelFromDir } from './node';
import { makeSpeechClip, type SpeechClip } from './testing';
import type { SphinxModel } from './types';

const TEXT = 'please call stella ask her to bring these things with her from the store';
const WORDS = TEXT.split(' ').map((w) => (dictionary as Record<string, string>)[w].split(' ').map((p) => p.replace(/\d/g, '')));

describe('Sphinx evidence', () => {
  let model: SphinxModel;
  let clip: SpeechClip;
  let analysis: SphinxAnalysis;
  beforeAll(async () => {
    model = await loadSphinxModelFromDir();
    clip = makeSpeechClip({ text: TEXT });
    analysis = analyseClip(model, clip.samples);
  });

  it('gives frames × 40 finite log-likelihoods in PHONES order, one row per Sphinx frame', () => {
    const ev = analysis.phoneEvidence();
    expect(ev.frames).toBe(sphinxFrameCount(clip.samples.length));
    expect(ev.logLik.length).toBe(ev.frames * PHONES.length);
    expect(ev.logLik.every(Number.isFinite)).toBe(true);
  });

  it('mostly prefers the phone the alignment puts there (frame-level, 40 classes)', () => {
    const ev = analysis.phoneEvidence();
    const { segments } = analysis.align(WORDS);
    let hits = 0;
    let frames = 0;
    for (const seg of segments) {
      for (let t = seg.start; t < seg.end; t++) {
        let arg = 0;
        for (let p = 1; p < PHONES.length; p++) if (ev.logLik[t * 40 + p] > ev.logLik[t * 40 + arg]) arg = p;
        frames++;
        if (PHONES[arg] === seg.phone) hits++;
      }
    }
    // Measured 0.43 on this clip; chance is 0.025.
    expect(hits / frames).toBeGreaterThan(0.3);
  });

  it('scores each expected phone against its context-dependent senones', () => {
    const ex = analysis.expectedEvidence(WORDS);
    expect(ex.phones).toEqual(WORDS.flat());
    expect(ex.logLik.length).toBe(ex.frames * ex.phones.length);
    expect(ex.senones.every((s) => s.length === 3 && s.every((id) => id >= model.ciSenones))).toBe(true);
  });

  it('aligns the words in order, with silence only between or around them', () => {
    const { segments } = analysis.align(WORDS);
    expect(segments.filter((s) => s.word >= 0).map((s) => s.phone)).toEqual(WORDS.flat());
    expect(segments[0].start).toBe(0);
    expect(segments[segments.length - 1].end).toBe(analysis.frames);
    for (let i = 1; i < segments.length; i++) expect(segments[i].start).toBe(segments[i - 1].end);
  });

  it('refuses a clip too short for its phones, and SIL among the expected phones', () => {
    const short = analyseClip(model, clip.samples.subarray(0, 1600));
    expect(() => short.align(WORDS)).toThrow(SphinxError);
    expect(() => analysis.align([['S', 'SIL']])).toThrow(SphinxError);
  });

  it('keeps the frames the log-mel also has', () => {
    for (const n of [400, 409, 410, 569, 570, 16_000, 16_005, 16_010, clip.samples.length]) {
      const rows = sphinxFrameCount(n);
      const kept = logMelFrames(new Float32Array(rows * 40), 40, n);
      expect(kept.length / 40).toBe(frameCount(n));
      expect(rows - frameCount(n)).toBeGreaterThanOrEqual(0);
      expect(rows - frameCount(n)).toBeLessThanOrEqual(1);
    }
  });
});
