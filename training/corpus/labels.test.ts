import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hzToMel, melToHz } from '../../src/dsp/index';
import { isVowel, PHONES } from '../../src/model/phones';
import type { Engine } from './phoneMap';
import { canonicalPron, fillTemplate } from './plan';
import { readExample, type IndexEntry } from './shards';
import { readFileSync } from 'node:fs';
import { CONTRASTS, type Family, type PlannedWord, type UtteranceSpec, type WorkUnit } from './types';
import { buildUnit } from './unit';
import { variantsOf } from './variants';

const dir = mkdtempSync(join(tmpdir(), 'sotaque-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VOICES: [Engine, string, Family][] = [
  ['espeak', 'en-us', 'espeak'],
  ['espeak', 'en-gb-x-rp', 'espeak'],
  ['festival', 'kal_diphone', 'kal'],
  ['festival', 'ked_diphone', 'ked'],
  ['festival', 'cmu_us_slt_arctic_hts', 'slt'],
  ['flite', 'kal16', 'kal'],
  ['flite', 'slt', 'slt'],
  ['flite', 'awb', 'awb'],
  ['flite', 'rms', 'rms'],
];

let shard = 0;
function unitOf(engine: Engine, voice: string, family: Family, sentences: PlannedWord[][], variants: UtteranceSpec['variant'][] = []): WorkUnit {
  const utterances: UtteranceSpec[] = sentences.map((words, i) => ({
    id: `${engine}.${voice}.${i}`,
    engine,
    voice,
    family,
    settings: {},
    set: variants[i] ? 'variant' : 'coverage',
    contrast: variants[i] ? [variants[i].contrast] : [],
    words,
    variant: variants[i] ?? null,
    seed: i,
    copies: 0,
  }));
  return { shard: shard++, engine, voice, family, utterances };
}

function entriesOf(unit: WorkUnit): IndexEntry[] {
  return readFileSync(join(dir, `shard-${String(unit.shard).padStart(4, '0')}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as IndexEntry);
}

// Mel bands by centre frequency (the HTK scale of docs/CONTRACTS.md, 20–7600 Hz, 64 bands).
const lo = hzToMel(20);
const hi = hzToMel(7600);
const centres = Array.from({ length: 64 }, (_, i) => melToHz(lo + ((i + 1) * (hi - lo)) / 65));
const highBands = centres.map((f, i) => (f > 4000 ? i : -1)).filter((i) => i >= 0);
const lowBands = centres.map((f, i) => (f < 1000 ? i : -1)).filter((i) => i >= 0);

/**
 * Frication sits in the high mel bands: a frame's tilt (mean log energy above 4 kHz minus below 1 kHz)
 * is far higher inside S/SH/TH/F labels than inside vowel labels if, and only if, the labels are
 * where the sounds are.
 */
describe('label timing: frication energy sits inside S/SH/TH/F labels', () => {
  const sentences = ['she sells sea shells', 'fifty thin fish', 'so if this is so', 'the sheriff has faith in six sisters'].map((t) => fillTemplate(t, {}));

  it.each(VOICES)('%s %s', async (engine, voice, family) => {
    const unit = unitOf(engine, voice, family, sentences);
    const result = await buildUnit(unit, dir);
    expect(result.dropped).toEqual([]);
    const fric: number[] = [];
    const vowel: number[] = [];
    const shifted: number[] = [];
    for (const e of entriesOf(unit)) {
      const { features, labels } = readExample(dir, e);
      const tilt = (t: number) => {
        const row = features.subarray(t * 64, t * 64 + 64);
        return highBands.reduce((s, b) => s + row[b], 0) / highBands.length - lowBands.reduce((s, b) => s + row[b], 0) / lowBands.length;
      };
      for (let t = 0; t < e.frames; t++) {
        const phone = PHONES[labels[t]];
        if (['S', 'SH', 'TH', 'F'].includes(phone)) {
          fric.push(tilt(t));
          // The same frames 150 ms later: mostly not frication any more.
          if (t + 15 < e.frames) shifted.push(tilt(t + 15));
        } else if (isVowel(phone)) vowel.push(tilt(t));
      }
    }
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(fric.length).toBeGreaterThan(50);
    expect(mean(fric) - mean(vowel), `fricative ${mean(fric).toFixed(2)} vs vowel ${mean(vowel).toFixed(2)}`).toBeGreaterThan(4);
    expect(mean(fric) - mean(shifted)).toBeGreaterThan(1.5);
  });
});

describe('deliberate variants are spoken as planned and labelled as said', () => {
  // One variant of each contrast, in a carrier phrase.
  const planned = CONTRASTS.map((contrast) => {
    const word = { 'TH/T': 'three', 'TH/F': 'think', 'TH/S': 'thank', 'DH/D': 'they', 'DH/Z': 'then', 'IH/IY': 'ship', 'AE/EH': 'bad', 'UH/UW': 'full', 'AH/AA': 'cut', 'R/HH': 'right', 'T/CH': 'team', 'D/JH': 'deep', 'final-vowel': 'big' }[contrast];
    const words = fillTemplate('say {} again', { '': word });
    const [v] = variantsOf(canonicalPron(word), 1, contrast);
    words[1] = { ...words[1], spoken: v.spoken, phoneInput: true };
    return { words, variant: v.variant };
  });

  it.each(VOICES.filter(([, voice]) => voice !== 'en-gb-x-rp'))('%s %s', async (engine, voice, family) => {
    const unit = unitOf(
      engine,
      voice,
      family,
      planned.map((p) => p.words),
      planned.map((p) => p.variant),
    );
    const result = await buildUnit(unit, dir);
    expect(result.dropped).toEqual([]);
    for (const e of entriesOf(unit)) {
      const v = e.variant;
      if (!v) throw new Error('variant missing from the index');
      const said = e.words[1].said;
      if (v.kind === 'substitution') expect(said, e.text).toContain(v.said);
      else expect(said[said.length - 1]).toBe('IY');
    }
  });
});
