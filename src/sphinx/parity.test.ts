// Parity with Debian's CMU Sphinx binaries on speech made at test time: the front end against
// sphinx_fe, the senone scores against pocketsphinx's own (-senlogdir, -compallsen), the forced
// alignment against pocketsphinx's FSG search over a phone-per-word grammar.
import { existsSync } from 'node:fs';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { beforeAll, expect, it } from 'vitest';
import { sphinxCepstra, sphinxFeatures } from '../dsp/sphinxFe';
import { alignPhones } from './align';
import { loadSphinxModelFromDir } from './node';
import { scoreFrames, type SenoneScores } from './scorer';
import { describeWithSphinx, makeSpeechClip, pocketsphinxAlign, pocketsphinxSenones, sphinxFeReference, type SpeechClip } from './testing';
import type { SphinxModel } from './types';

let model: SphinxModel;

describeWithSphinx('Sphinx front end = sphinx_fe', () => {
  it('gives the cepstra of sphinx_fe on speech (max abs difference < 1e-3; measured: bit-identical)', () => {
    for (const clip of [makeSpeechClip(), makeSpeechClip({ text: 'we were away a year ago' })]) {
      const ref = sphinxFeReference(clip);
      const ours = sphinxCepstra(clip.samples);
      expect(ours.frames, clip.source).toBe(ref.frames);
      let max = 0;
      for (let i = 0; i < ref.data.length; i++) max = Math.max(max, Math.abs(ref.data[i] - ours.data[i]));
      expect(max, clip.source).toBeLessThan(1e-3);
    }
  });
});

describeWithSphinx('Sphinx senone scores = pocketsphinx', () => {
  let clip: SpeechClip;
  let scores: SenoneScores;
  beforeAll(async () => {
    model = await loadSphinxModelFromDir();
    clip = makeSpeechClip();
    const f = sphinxFeatures(clip.samples);
    scores = scoreFrames(model, f.data, f.frames);
  });

  it('has the same best senone in ≥ 99% of frames, and ≥ 99% of all scores identical', () => {
    const ref = pocketsphinxSenones(clip, model.senones);
    expect(ref.length).toBe(scores.frames);
    let sameBest = 0;
    let identical = 0;
    const ours = new Float64Array(model.senones);
    for (let t = 0; t < ref.length; t++) {
      let best = Infinity;
      let arg = 0;
      for (let s = 0; s < model.senones; s++) {
        ours[s] = scores.senscr(t, s);
        if (ours[s] < best) {
          best = ours[s];
          arg = s;
        }
      }
      if (ref[t][arg] === 0) sameBest++; // pocketsphinx's best scores 0 (ties share it)
      for (let s = 0; s < model.senones; s++) if (ours[s] - best === ref[t][s]) identical++;
    }
    expect(sameBest / ref.length, clip.source).toBeGreaterThanOrEqual(0.99);
    expect(identical / (ref.length * model.senones), clip.source).toBeGreaterThanOrEqual(0.99);
  });
});

describeWithSphinx('Sphinx forced alignment = pocketsphinx', () => {
  beforeAll(async () => {
    model ??= await loadSphinxModelFromDir();
  });

  it('puts ≥ 95% of phones within one frame of pocketsphinx at both ends (espeak-ng speech, and Asterisk prompts when installed)', () => {
    const items: { clip: SpeechClip; text: string }[] = [
      'the quick brown fox jumps over the lazy dog',
      'she sells sea shells by the sea shore',
      'please call stella ask her to bring these things with her from the store',
    ].map((text) => ({ clip: makeSpeechClip({ text }), text }));
    for (const [prompt, text] of [['activated', 'activated'], ['queue-thankyou', 'thank you'], ['conf-onlyperson', 'you are currently the only person in this conference']]) {
      if (existsSync(`/usr/share/asterisk/sounds/en/${prompt}.g722`)) items.push({ clip: makeSpeechClip({ prompt }), text });
    }
    let phones = 0;
    let within = 0;
    for (const { clip, text } of items) {
      const seq = text.split(' ').flatMap((w) => (dictionary as Record<string, string>)[w].split(' ').map((p) => p.replace(/\d/g, '')));
      const ref = pocketsphinxAlign(clip, seq).filter((s) => s.word.startsWith('ph_'));
      const f = sphinxFeatures(clip.samples);
      const ours = alignPhones(model, scoreFrames(model, f.data, f.frames), seq.map((p) => [p])).segments.filter((s) => s.word >= 0);
      expect(ref.map((s) => s.word.slice(3).toUpperCase()), clip.source).toEqual(seq);
      expect(ours.map((s) => s.phone), clip.source).toEqual(seq);
      for (let i = 0; i < seq.length; i++) {
        phones++;
        if (Math.abs(ours[i].start - ref[i].start) <= 1 && Math.abs(ours[i].end - 1 - ref[i].end) <= 1) within++;
      }
    }
    expect(within / phones).toBeGreaterThanOrEqual(0.95);
  });
});
