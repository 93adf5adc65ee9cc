/**
 * festival (Debian), many utterances per process: start-up dominates otherwise.
 *
 * One Scheme script per batch selects the voice once, then for each utterance sets its parameters,
 * synthesises the text, saves the wave and prints the Segment relation (name, end time) followed by
 * each Word with the end times of its segments, so every phone is tied to its word. A word spoken
 * from a phone string becomes a made-up token with its own lexicon entry (`lex.add.entry`), so
 * festival's own prosody still applies.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../../../src/audio/wav';
import { bare, syllabify } from '../variants';
import type { EngineSegment } from '../phoneMap';
import type { PlannedWord, VoiceSettings } from '../types';
import type { SynthResult } from './types';

/** festival voices the corpus uses (without the `voice_` prefix). */
export const FESTIVAL_VOICES = ['kal_diphone', 'ked_diphone', 'cmu_us_slt_arctic_hts'] as const;

/** One utterance of a festival batch. */
export interface FestivalItem {
  readonly words: readonly PlannedWord[];
  readonly settings: VoiceSettings;
}

/** A made-up token for the n-th phone-input word (letters only: festival would read digits aloud). */
export function nonceToken(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  } while (k > 0);
  return `zqx${s}`;
}

/** festival's phone name for an ARPAbet phone with stress (unstressed AH is its `ax`). */
function festivalPhone(phone: string): string {
  const base = bare(phone);
  if (base === 'AH' && phone.endsWith('0')) return 'ax';
  return base.toLowerCase();
}

/** A `lex.add.entry` form for a token spoken as `pron`. */
export function lexEntry(token: string, pron: readonly string[]): string {
  const syllables = syllabify(pron)
    .map((s) => `((${s.phones.map(festivalPhone).join(' ')}) ${s.stress})`)
    .join(' ');
  return `(lex.add.entry '("${token}" n (${syllables})))`;
}

/** The Scheme script for a batch; wave i goes to `${dir}/i.wav`. */
export function festivalScript(voice: string, items: readonly FestivalItem[], dir: string): string {
  const hts = voice.endsWith('_hts');
  const lines = [
    `(voice_${voice})`,
    hts ? '(set! sq_base_hts hts_engine_params)' : '',
    `(define (sq_dump utt name)
  (utt.save.wave utt name 'riff)
  (format t "@@UTT %s\\n" name)
  (mapcar (lambda (seg) (format t "@@S %s %f\\n" (item.name seg) (item.feat seg "end"))) (utt.relation.items utt 'Segment))
  (mapcar (lambda (w)
    (format t "@@W")
    (mapcar (lambda (syl) (mapcar (lambda (seg) (format t " %f" (item.feat seg "end"))) (item.daughters syl)))
      (item.daughters (item.relation w 'SylStructure)))
    (format t "\\n"))
    (utt.relation.items utt 'Word))
  (format t "@@END\\n"))`,
  ];
  let nonce = 0;
  items.forEach((item, i) => {
    const tokens = item.words.map((w) => {
      if (!w.phoneInput) return w.text + w.punct;
      const token = nonceToken(nonce++);
      lines.push(lexEntry(token, w.spoken));
      return token + w.punct;
    });
    if (hts) {
      const speed = item.settings.htsSpeed ?? 1;
      const halfTones = item.settings.htsHalfTones ?? 0;
      lines.push(`(set! hts_engine_params (append sq_base_hts (list (list "-r" ${speed.toFixed(3)}) (list "-fm" ${halfTones.toFixed(2)}))))`);
    } else {
      lines.push(`(Parameter.set 'Duration_Stretch ${(item.settings.durationStretch ?? 1).toFixed(3)})`);
    }
    lines.push(`(sq_dump (SynthText "${tokens.join(' ')}") "${join(dir, `${i}.wav`)}")`);
  });
  return `${lines.filter(Boolean).join('\n')}\n`;
}

/** Parses the script's output into segments with words, keyed by wave path. */
export function parseFestivalOutput(stdout: string): Map<string, EngineSegment[]> {
  const out = new Map<string, EngineSegment[]>();
  let name = '';
  let segs: { name: string; end: string }[] = [];
  let wordEnds: string[][] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('@@UTT ')) {
      name = line.slice(6).trim();
      segs = [];
      wordEnds = [];
    } else if (line.startsWith('@@S ')) {
      const [phone, end] = line.slice(4).trim().split(/\s+/);
      segs.push({ name: phone, end });
    } else if (line.startsWith('@@W')) {
      wordEnds.push(line.slice(3).trim().split(/\s+/).filter(Boolean));
    } else if (line.startsWith('@@END')) {
      const wordOf = new Map<string, number>();
      wordEnds.forEach((ends, w) => ends.forEach((e) => wordOf.set(e, w)));
      let start = 0;
      const result: EngineSegment[] = [];
      for (const s of segs) {
        const end = Number(s.end);
        result.push({ name: s.name, start, end, word: s.name === 'pau' ? null : (wordOf.get(s.end) ?? null) });
        start = end;
      }
      out.set(name, result);
    }
  }
  return out;
}

/** Synthesises a batch with one festival process; a failed utterance gives an Error in its place. */
export function synthesizeFestivalBatch(voice: string, items: readonly FestivalItem[]): (SynthResult | Error)[] {
  const dir = mkdtempSync(join(tmpdir(), 'sotaque-festival-'));
  try {
    const script = join(dir, 'batch.scm');
    writeFileSync(script, festivalScript(voice, items, dir));
    const run = spawnSync('festival', ['-b', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error) throw run.error;
    const parsed = parseFestivalOutput(run.stdout);
    return items.map((item, i) => {
      const wav = join(dir, `${i}.wav`);
      const segments = parsed.get(wav);
      if (!segments) return new Error(`festival ${voice} produced nothing for "${item.words.map((w) => w.text).join(' ')}": ${run.stderr.slice(-300)}`);
      const decoded = decodeWav(readFileSync(wav));
      const words = new Set(segments.map((s) => s.word).filter((w) => w !== null));
      if (words.size !== item.words.length) {
        return new Error(`festival ${voice} spoke ${words.size} words for ${item.words.length} in "${item.words.map((w) => w.text).join(' ')}"`);
      }
      return { samples: decoded.samples, sampleRateHz: decoded.sampleRateHz, segments, wordsReported: true };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

