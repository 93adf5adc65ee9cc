/**
 * `npm run corpus:real [-- options]`: the real-speech corpus (CONTRACTS.md, training/CORPUS-FORMAT.md).
 *
 *   --smoke        a few short Asterisk prompts → <cache>/corpus-real-smoke (CI)
 *   --tuxpaint     include Tux Paint's clips (evaluation only; the package is 161 MB)
 *   --cache DIR    cache root (default $SOTAQUE_CACHE, else ~/.cache/sotaque); output DIR/corpus-real
 *   --out DIR      the corpus folder itself
 *   --copies N     augmented copies of each training-split utterance (default 2)
 *
 * Steps: decode each recording (ffmpeg) → 16 kHz through src/dsp → transcript normalised → every
 * CMUdict pronunciation of every word → phone alignment by PocketSphinx (align.py) → the alignment
 * check (training labels only) → log-mel and frame labels through src/dsp → shards in the corpus
 * format, families `real-asterisk` / `real-tuxpaint`, each example tagged with its split.
 * Decoded audio and alignments are cached in the folder, so an interrupted build resumes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeWav, encodeWav } from '../../src/audio/wav';
import { splitWords } from '../../src/assess/lexicon';
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram } from '../../src/dsp/index';
import { PHONES } from '../../src/model/phones';
import { augment, drawAugmentation } from '../corpus/augment';
import { frameLabels } from '../corpus/features';
import { ROOT } from '../corpus/recipe';
import { SHARD_BANDS, ShardWriter } from '../corpus/shards';
import { alignmentVerdict, ALIGNMENT_RULE, toPhoneSpans, type SphinxAlignment } from './alignment';
import { realLexicon } from './lexicon';
import { realCorpusReport } from './report';
import { asteriskSources, decodeSource, missingPackages, tuxpaintSources, type RealSource } from './sources';
import type { RealFamily } from './split';
import type { RealIndexEntry, RealManifest } from './types';

/** Short prompts of the CI smoke run (a handful of words each, every split represented). */
export const SMOKE_PROMPTS = ['digits/3', 'digits/7', 'letters/t', 'activated', 'added', 'agent-loggedoff', 'auth-thankyou', 'beep'];
const SHARD_SIZE = 120;

function log(message: string): void {
  process.stderr.write(`[corpus:real ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    tuxpaint: { type: 'boolean', default: false },
    cache: { type: 'string' },
    out: { type: 'string' },
    copies: { type: 'string', default: '2' },
  },
});

const cacheRoot = resolve(args.cache ?? process.env.SOTAQUE_CACHE ?? join(homedir(), '.cache', 'sotaque'));
const target = resolve(args.out ?? join(cacheRoot, args.smoke ? 'corpus-real-smoke' : 'corpus-real'));
const copies = args.smoke ? 1 : Math.max(0, Number(args.copies));

function ensurePackages(families: readonly RealFamily[]): void {
  const missing = [...new Set(families.flatMap(missingPackages))];
  const tools = [
    ['ffmpeg', 'ffmpeg'],
    ['/usr/share/pocketsphinx/model/en-us/en-us/mdef', 'pocketsphinx-en-us'],
  ] as const;
  for (const [probe, pkg] of tools) {
    const found = probe.startsWith('/') ? existsSync(probe) : spawnSync('sh', ['-c', `command -v ${probe}`]).status === 0;
    if (!found) missing.push(pkg);
  }
  if (spawnSync('/usr/bin/python3', ['-c', 'import pocketsphinx.pocketsphinx']).status !== 0) missing.push('python3-pocketsphinx', 'pocketsphinx');
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new Error(`corpus:real needs Debian packages: run\n  sudo ${command}`);
  log(`installing ${missing.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A recording's decoded 16 kHz copy, relative to the corpus folder. */
function audioFile(id: string): string {
  return join('audio', `${id.replaceAll('/', '__')}.wav`);
}

/** Aligns the sources whose alignment is not cached yet; returns every alignment by id. */
function alignAll(dir: string, items: readonly { id: string; wav: string; words: string[][][] }[]): Map<string, SphinxAlignment> {
  const cachePath = join(dir, 'alignments.jsonl');
  const cached = new Map<string, SphinxAlignment>();
  if (existsSync(cachePath)) {
    for (const line of readFileSync(cachePath, 'utf8').split('\n')) if (line) cached.set((JSON.parse(line) as SphinxAlignment).id, JSON.parse(line) as SphinxAlignment);
  }
  const todo = items.filter((i) => !cached.has(i.id));
  if (todo.length > 0) {
    log(`aligning ${todo.length} recordings with PocketSphinx (${cached.size} cached)`);
    const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'align.py')], {
      input: todo.map((t) => JSON.stringify(t)).join('\n') + '\n',
      maxBuffer: 1 << 28,
      stdio: ['pipe', 'pipe', 'inherit'],
    }).toString('utf8');
    const lines = out.split('\n').filter(Boolean);
    writeFileSync(cachePath, lines.join('\n') + '\n', { flag: 'a' });
    for (const line of lines) cached.set((JSON.parse(line) as SphinxAlignment).id, JSON.parse(line) as SphinxAlignment);
  }
  return cached;
}

function main(): void {
  const t0 = performance.now();
  const families: RealFamily[] = args.tuxpaint ? ['real-asterisk', 'real-tuxpaint'] : ['real-asterisk'];
  ensurePackages(families);
  let sources: RealSource[] = asteriskSources();
  if (args.smoke) sources = sources.filter((s) => SMOKE_PROMPTS.includes(s.id.slice('asterisk/'.length)));
  if (args.tuxpaint) sources.push(...tuxpaintSources());
  const build = `${target}.build`;
  mkdirSync(join(build, 'audio'), { recursive: true });
  const lexicon = realLexicon();
  const dropped: { id: string; reason: string }[] = [];
  const usable: { source: RealSource; words: string[]; wav: string; samples: Float32Array }[] = [];
  for (const source of sources) {
    if (source.text === null) {
      dropped.push({ id: source.id, reason: 'no speech in the transcript (tones, silence)' });
      continue;
    }
    const words = splitWords(source.text);
    const unknown = words.filter((w) => !lexicon.has(w));
    if (unknown.length > 0) {
      dropped.push({ id: source.id, reason: `not in the lexicon: ${unknown.join(', ')}` });
      continue;
    }
    const wav = join(build, audioFile(source.id));
    let samples: Float32Array;
    if (existsSync(wav)) samples = decodeWav(readFileSync(wav)).samples;
    else {
      samples = decodeSource(source);
      writeFileSync(wav, encodeWav(samples, DEFAULT_FEATURE_CONFIG.sampleRateHz));
    }
    usable.push({ source, words, wav, samples });
  }
  const alignments = alignAll(
    build,
    usable.map((u) => ({ id: u.source.id, wav: u.wav, words: u.words.map((w) => lexicon.pronunciations(w).map((p) => [...p])) })),
  );

  const entries: RealIndexEntry[] = [];
  let writer: ShardWriter | null = null;
  let shard = 0;
  let shardKey = '';
  const flush = () => {
    writer?.commit();
    writer = null;
  };
  const babble = usable.filter((u) => u.source.split === 'train').map((u) => u.samples);
  for (const u of usable) {
    const alignment = alignments.get(u.source.id);
    const verdict = alignmentVerdict(alignment, u.words.length);
    // The alignment check keeps poor labels out of training; evaluation clips are never dropped by it.
    if (!verdict.ok && u.source.split === 'train') {
      dropped.push({ id: u.source.id, reason: verdict.reason });
      continue;
    }
    const spans = alignment && !('error' in alignment) ? toPhoneSpans(alignment) : [];
    const key = `${u.source.family}/${u.source.split}`;
    const n = u.source.split === 'train' ? 1 + copies : 1;
    for (let copy = 0; copy < n; copy++) {
      if (!writer || key !== shardKey || writer.frameCount > SHARD_SIZE * 400) {
        flush();
        writer = new ShardWriter(build, shard++);
        shardKey = key;
      }
      const aug = copy === 0 ? null : drawAugmentation(0x7ea1 ^ (hashId(u.source.id) + copy * 7919));
      const out = aug ? augment(u.samples, DEFAULT_FEATURE_CONFIG.sampleRateHz, spans, aug, babble) : { samples: u.samples, phones: spans };
      const logMel = logMelSpectrogram(out.samples);
      const labels = frameLabels(out.phones, logMel.frames);
      const w = writer as ShardWriter;
      const frameOffset = w.append(logMel.data, labels);
      entries.push({
        id: `${u.source.id}#${copy}`,
        sourceId: u.source.id,
        copy,
        shard: w.shard,
        frameOffset,
        frames: logMel.frames,
        family: u.source.family,
        split: u.source.split,
        accent: u.source.accent,
        text: u.source.text ?? '',
        rawText: u.source.rawText,
        alignment: verdict.ok ? { ok: true, scorePerFrame: verdict.scorePerFrame } : { ok: false, reason: verdict.reason },
        phones: out.phones,
        augmentation: aug ? { kind: aug.kind, seed: aug.seed, params: aug.params } : { kind: 'clean', seed: 0, params: { gainDb: 0 } },
        durationSeconds: out.samples.length / DEFAULT_FEATURE_CONFIG.sampleRateHz,
        audio: audioFile(u.source.id),
      });
    }
  }
  flush();
  writeFileSync(join(build, 'index.jsonl'), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const manifest: RealManifest = {
    format: 'sotaque-corpus',
    version: 1,
    kind: 'real',
    smoke: args.smoke ?? false,
    created: new Date().toISOString(),
    buildSeconds: Math.round((performance.now() - t0) / 1000),
    featureConfig: DEFAULT_FEATURE_CONFIG,
    phones: PHONES,
    bands: SHARD_BANDS,
    shards: shard,
    examples: entries.length,
    sources: entries.filter((e) => e.copy === 0).length,
    frames: entries.reduce((s, e) => s + e.frames, 0),
    alignmentRule: ALIGNMENT_RULE,
    recordings: sources.length,
    dropped,
  };
  writeFileSync(join(build, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const report = realCorpusReport(manifest, entries);
  writeFileSync(join(build, 'CORPUS.md'), report);
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(build, target);
  if (!args.smoke && args.tuxpaint) writeFileSync(join(ROOT, 'training', 'REAL-CORPUS.md'), report);
  log(`real corpus at ${target}: ${manifest.sources} recordings (${manifest.examples} examples with copies), ${dropped.length} of ${sources.length} dropped, ${manifest.buildSeconds} s`);
}

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

main();
