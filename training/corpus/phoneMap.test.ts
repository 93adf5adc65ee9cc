import { describe, expect, it } from 'vitest';
import { PHONES } from '../../src/model/phones';
import { Espeak, espeakPhonemes } from './engines/espeak';
import { FESTIVAL_VOICES, synthesizeFestivalBatch } from './engines/festival';
import { FLITE_VOICES, synthesizeFlite } from './engines/flite';
import { CMU_STYLE_TABLE, ESPEAK_TABLE, FLAP, mapEnginePhone, mapSegments, PhoneMappingError, type Engine } from './phoneMap';
import { fillTemplate } from './plan';
import { loadRecipe } from './recipe';

const ALL_CLASSES = new Set<string>(PHONES);
/** A text that holds every English phone (and flaps, syllabic consonants, r-coloured vowels). */
const PANGRAM =
  'the quick brown fox jumps over the lazy dog. bottle, button, water, hour, fire, cure, near, hair, tuesday, measure, ' +
  'joy, boy, cow, thin, this, sing, church, judge, hurt, father, butter, little, mountain, ahead, cat, cut, cot, caught, ' +
  'book, boot, bit, beat, bet, bait, vision, yes, what, rhythm, certainly, beautiful, television, usually.';

describe('phone mapping tables', () => {
  it('maps festival and flite names onto all 40 classes', () => {
    const targets = new Set(Object.values(CMU_STYLE_TABLE));
    expect([...targets].sort()).toEqual([...PHONES].sort());
    expect(mapEnginePhone('festival', 'ax')).toEqual([{ phone: 'AH', weight: 1 }]);
    expect(mapEnginePhone('flite', 'pau')).toEqual([{ phone: 'SIL', weight: 1 }]);
  });

  it('maps every espeak entry to classes of the 40 (or a flap)', () => {
    for (const [name, entry] of Object.entries(ESPEAK_TABLE)) {
      const parts = mapEnginePhone('espeak', name);
      expect(parts.length, name).toBe(typeof entry === 'string' ? 1 : 2);
      for (const p of parts) expect(p.phone === FLAP || ALL_CLASSES.has(p.phone), `${name} → ${p.phone}`).toBe(true);
    }
    expect(mapEnginePhone('espeak', 'ˈiː')).toEqual([{ phone: 'IY', weight: 1 }]);
    expect(mapEnginePhone('espeak', 'ʔ')).toEqual([{ phone: 'SIL', weight: 1 }]);
    expect(mapEnginePhone('espeak', 'n̩').map((p) => p.phone)).toEqual(['AH', 'N']);
    expect(mapEnginePhone('espeak', 'ˈaɪɚ').map((p) => p.phone)).toEqual(['AY', 'ER']);
  });

  it.each<[Engine, string]>([
    ['espeak', 'ʀ'],
    ['festival', 'dx'],
    ['flite', 'AA'],
  ])('stops on an unmapped %s phone, naming it and the engine', (engine, name) => {
    expect(() => mapEnginePhone(engine, name)).toThrow(PhoneMappingError);
    expect(() => mapEnginePhone(engine, name)).toThrow(new RegExp(`${engine} phone "${name}"`));
  });

  it('resolves flaps to T or D as the word has it, splits syllabic consonants, merges silences', () => {
    const segs = [
      { name: '', start: 0, end: 0.1, word: null },
      { name: 'w', start: 0.1, end: 0.2, word: 0 },
      { name: 'ˈɔː', start: 0.2, end: 0.3, word: 0 },
      { name: 'ɾ', start: 0.3, end: 0.35, word: 0 },
      { name: 'ɚ', start: 0.35, end: 0.45, word: 0 },
      { name: 'l', start: 0.45, end: 0.5, word: 1 },
      { name: 'ˈæ', start: 0.5, end: 0.6, word: 1 },
      { name: 'ɾ', start: 0.6, end: 0.65, word: 1 },
      { name: 'ɚ', start: 0.65, end: 0.7, word: 1 },
      { name: 'b', start: 0.7, end: 0.75, word: 2 },
      { name: 'ˈʌ', start: 0.75, end: 0.85, word: 2 },
      { name: 'ʔ', start: 0.85, end: 0.9, word: 2 },
      { name: 'n̩', start: 0.9, end: 1.0, word: 2 },
      { name: '', start: 1.0, end: 1.2, word: null },
    ];
    const spans = mapSegments('espeak', segs, [
      ['W', 'AO', 'T', 'ER'],
      ['L', 'AE', 'D', 'ER'],
      ['B', 'AH', 'T', 'AH', 'N'],
    ]);
    expect(spans.map((s) => s.phone).join(' ')).toBe('SIL W AO T ER L AE D ER B AH SIL AH N SIL');
    const ah = spans[12];
    expect(ah.end - ah.start).toBeCloseTo(0.035, 6);
  });

  it('writes ARPAbet as espeak phoneme input with stress', () => {
    expect(espeakPhonemes(['TH', 'R', 'IY1'])).toBe("[[Tr'i:]]");
    expect(espeakPhonemes(['B', 'IH1', 'G', 'IY0'])).toBe("[[b'Igi]]");
    expect(espeakPhonemes(['AH0', 'B', 'AW1', 'T'])).toBe("[[@b'aUt]]");
  });
});

// The engines run for real (CI installs them): every phone they emit for the recipe's voices must map.
describe('engines emit only mapped phones', () => {
  const recipe = loadRecipe();
  const words = fillTemplate(PANGRAM.replace(/[.,]/g, ''), {});

  it('espeak, every accent of the recipe', async () => {
    const espeak = await Espeak.create();
    const accents = [...new Set(recipe.voices.filter((v) => v.engine === 'espeak').map((v) => v.voice))];
    expect(accents.length).toBeGreaterThanOrEqual(4);
    for (const accent of accents) {
      const result = espeak.synthesize(words, accent, {});
      expect(result.segments.length).toBeGreaterThan(100);
      const spans = mapSegments('espeak', result.segments, []);
      expect(spans.filter((s) => s.phone !== 'SIL').length, accent).toBeGreaterThan(100);
    }
  });

  it('festival, every voice', () => {
    for (const voice of FESTIVAL_VOICES) {
      const [result] = synthesizeFestivalBatch(voice, [{ words, settings: {} }]);
      if (result instanceof Error) throw result;
      const classes = new Set(mapSegments('festival', result.segments).map((s) => s.phone));
      expect(classes.size, voice).toBeGreaterThanOrEqual(38);
    }
  });

  it('flite, every voice', () => {
    for (const voice of FLITE_VOICES) {
      const result = synthesizeFlite(voice, words, {}, false);
      const classes = new Set(mapSegments('flite', result.segments).map((s) => s.phone));
      expect(classes.size, voice).toBeGreaterThanOrEqual(38);
    }
  });
});
