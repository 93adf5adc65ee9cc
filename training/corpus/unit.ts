/**
 * Builds one work unit: synthesise its utterances (one voice), map the engine's phones to the 40
 * classes, tie phones to words, check deliberate variants were really spoken, then write the clean
 * example and its augmented copies (features from src/dsp, centre-rule labels) to the unit's shard,
 * its clean audio to `audio/`, and its index lines to `shard-NNNN.jsonl`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../src/audio/wav';
import type { Phone } from '../../src/model/phones';
import { matchedPositions, segmentWords } from './align';
import { augment, CLEAN, drawAugmentation, type Augmentation } from './augment';
import { Espeak } from './engines/espeak';
import { synthesizeFestivalBatch } from './engines/festival';
import { synthesizeFlite } from './engines/flite';
import type { SynthResult } from './engines/types';
import { computeFeatures } from './features';
import { mapSegments, type PhoneSpan } from './phoneMap';
import { allProns } from './plan';
import { seedFrom } from './rng';
import { shardName, ShardWriter, type IndexEntry, type IndexWord } from './shards';
import { utteranceText, type UtteranceSpec, type WorkUnit } from './types';
import { bareAll } from './variants';

/** What a unit produced. */
export interface UnitResult {
  readonly shard: number;
  readonly examples: number;
  readonly sources: number;
  readonly frames: number;
  readonly dropped: { id: string; reason: string }[];
  readonly seconds: number;
}

let espeakInstance: Promise<Espeak> | null = null;
function espeak(): Promise<Espeak> {
  espeakInstance ??= Espeak.create();
  return espeakInstance;
}

async function synthesizeUnit(unit: WorkUnit): Promise<(SynthResult | Error)[]> {
  const specs = unit.utterances;
  if (unit.engine === 'festival') return synthesizeFestivalBatch(unit.voice, specs.map((s) => ({ words: s.words, settings: s.settings })));
  if (unit.engine === 'flite') {
    return specs.map((s) => {
      try {
        return synthesizeFlite(unit.voice, s.words, s.settings, s.words.some((w) => w.phoneInput));
      } catch (e) {
        return e as Error;
      }
    });
  }
  const engine = await espeak();
  return specs.map((s) => {
    try {
      return engine.synthesize(s.words, s.voice, s.settings);
    } catch (e) {
      return e as Error;
    }
  });
}

/** Ties each speech span to a word when the engine did not (flite). */
function assignWords(spec: UtteranceSpec, spans: PhoneSpan[]): PhoneSpan[] {
  const speech = spans.map((s, i) => ({ s, i })).filter(({ s }) => s.phone !== 'SIL');
  const phoneInput = spec.words.some((w) => w.phoneInput);
  let starts: number[];
  if (phoneInput && speech.length === spec.words.reduce((n, w) => n + w.spoken.length, 0)) {
    starts = [];
    let k = 0;
    for (const w of spec.words) {
      starts.push(k);
      k += w.spoken.length;
    }
  } else {
    const candidates = spec.words.map((w) => (w.phoneInput ? [bareAll(w.spoken)] : allProns(w.text)));
    starts = segmentWords(
      speech.map(({ s }) => s.phone),
      candidates,
    ).starts;
  }
  const out = spans.slice();
  speech.forEach(({ s, i }, k) => {
    let w = 0;
    while (w + 1 < starts.length && starts[w + 1] <= k) w++;
    out[i] = { ...s, word: w };
  });
  return out;
}

function wordsOf(spec: UtteranceSpec, spans: readonly PhoneSpan[]): IndexWord[] | string {
  const words: IndexWord[] = [];
  for (let w = 0; w < spec.words.length; w++) {
    const own = spans.filter((s) => s.word === w);
    if (own.length === 0) return `word ${w} ("${spec.words[w].text}") got no phones`;
    words.push({
      word: spec.words[w].text,
      start: round(own[0].start),
      end: round(own[own.length - 1].end),
      expected: allProns(spec.words[w].text),
      said: own.map((s) => s.phone),
    });
  }
  return words;
}

/** Null when the variant was spoken as planned, else the reason. */
function checkVariant(spec: UtteranceSpec, words: readonly IndexWord[]): string | null {
  const v = spec.variant;
  if (!v) return null;
  const meant = bareAll(spec.words[v.word].spoken);
  const heard = words[v.word].said;
  const match = matchedPositions(meant, heard);
  const ok = v.kind === 'substitution' ? match[v.index] >= 0 : match[meant.length - 1] >= 0 && match[meant.length - 2] >= 0;
  return ok ? null : `variant not rendered as planned: meant ${meant.join(' ')}, engine said ${heard.join(' ')}`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Builds a unit into `dir` (shard files, index lines, clean audio). */
export async function buildUnit(unit: WorkUnit, dir: string): Promise<UnitResult> {
  const t0 = performance.now();
  const audioDir = join(dir, 'audio', shardName(unit.shard));
  mkdirSync(audioDir, { recursive: true });
  const results = await synthesizeUnit(unit);
  const dropped: { id: string; reason: string }[] = [];
  const sources: { spec: UtteranceSpec; synth: SynthResult; spans: PhoneSpan[]; words: IndexWord[] }[] = [];
  unit.utterances.forEach((spec, i) => {
    const synth = results[i];
    if (synth instanceof Error) {
      if (synth.name === 'PhoneMappingError') throw synth;
      dropped.push({ id: spec.id, reason: synth.message });
      return;
    }
    let spans = mapSegments(
      unit.engine,
      synth.segments,
      spec.words.map((w) => bareAll(w.spoken)),
    );
    if (!synth.wordsReported) spans = assignWords(spec, spans);
    const words = wordsOf(spec, spans);
    if (typeof words === 'string') {
      dropped.push({ id: spec.id, reason: words });
      return;
    }
    const bad = checkVariant(spec, words);
    if (bad) {
      dropped.push({ id: spec.id, reason: bad });
      return;
    }
    sources.push({ spec, synth, spans, words });
  });

  const writer = new ShardWriter(dir, unit.shard);
  const lines: string[] = [];
  let frames = 0;
  try {
    for (const [n, { spec, synth, spans, words }] of sources.entries()) {
      const audio = join('audio', shardName(unit.shard), `${spec.id}.wav`);
      writeFileSync(join(dir, audio), encodeWav(synth.samples, synth.sampleRateHz));
      const babble = sources.filter((_, k) => k !== n).map((s) => s.synth.samples);
      for (let copy = 0; copy <= spec.copies; copy++) {
        const aug: Augmentation = copy === 0 ? CLEAN : drawAugmentation(seedFrom(spec.seed, 'copy', copy));
        let made: { samples: Float32Array; phones: PhoneSpan[] };
        try {
          made = copy === 0 ? { samples: synth.samples, phones: spans } : augment(synth.samples, synth.sampleRateHz, spans, aug, babble);
        } catch (e) {
          dropped.push({ id: `${spec.id}#${copy}`, reason: (e as Error).message });
          continue;
        }
        const { logMel, labels } = computeFeatures(made.samples, synth.sampleRateHz, made.phones);
        if (logMel.frames === 0) continue;
        const frameOffset = writer.append(logMel.data, labels);
        frames += logMel.frames;
        const entry: IndexEntry = {
          id: `${spec.id}#${copy}`,
          sourceId: spec.id,
          copy,
          shard: unit.shard,
          frameOffset,
          frames: logMel.frames,
          family: spec.family,
          engine: spec.engine,
          voice: spec.voice,
          settings: spec.settings,
          set: spec.set,
          contrast: spec.contrast,
          text: utteranceText(spec.words),
          words: copy === 0 ? words : scaleWords(words, made.phones),
          phones: made.phones.map((p) => ({ phone: p.phone as Phone, start: round(p.start), end: round(p.end) })),
          variant: spec.variant,
          augmentation: { kind: aug.kind, seed: aug.seed, params: aug.params },
          durationSeconds: round(made.samples.length / synth.sampleRateHz),
          audio,
          sourceRateHz: synth.sampleRateHz,
        };
        lines.push(JSON.stringify(entry));
      }
    }
    writer.commit();
  } finally {
    writer.close();
  }
  const indexPath = join(dir, `${shardName(unit.shard)}.jsonl`);
  writeFileSync(`${indexPath}.partial`, lines.length ? `${lines.join('\n')}\n` : '');
  renameSync(`${indexPath}.partial`, indexPath);
  return { shard: unit.shard, examples: lines.length, sources: sources.length, frames, dropped, seconds: (performance.now() - t0) / 1000 };
}

/** Word spans on an augmented copy's time axis (from its rescaled phones). */
function scaleWords(words: readonly IndexWord[], phones: readonly PhoneSpan[]): IndexWord[] {
  const endOfSpeech = phones.length > 0 ? phones[phones.length - 1].end : 0;
  return words.map((w, k) => {
    const own = phones.filter((p) => p.word === k);
    if (own.length === 0) return { ...w, start: round(endOfSpeech), end: round(endOfSpeech) };
    return { ...w, start: round(own[0].start), end: round(own[own.length - 1].end) };
  });
}
