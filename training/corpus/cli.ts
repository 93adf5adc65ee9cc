/**
 * `npm run corpus [-- options]`: builds the training corpus (training/CORPUS-FORMAT.md).
 *
 *   --smoke          a few utterances per voice, into <cache>/corpus-smoke (never the full corpus)
 *   --cache DIR      cache root (default $SOTAQUE_CACHE, else ~/.cache/sotaque); the corpus goes to DIR/corpus
 *   --out DIR        the corpus folder itself (overrides --cache)
 *   --workers N      worker processes (default 2)
 *   --force          rebuild even when the corpus matches the recipe
 *   --report-only    rewrite the report of an existing corpus
 *
 * A corpus whose manifest carries the current recipe hash is reused as it is. A build goes to
 * `<folder>.build-<hash>` first (finished shards survive an interrupted build and are not redone),
 * then replaces the folder in one rename. The full build also writes training/CORPUS.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../../src/dsp/index';
import { PHONES } from '../../src/model/phones';
import { planCorpus } from './plan';
import { runPool } from './pool';
import { loadRecipe, recipeHash, ROOT } from './recipe';
import { corpusReport } from './report';
import { readIndex, readManifest, SHARD_BANDS, shardName, type IndexEntry, type Manifest } from './shards';
import type { UnitResult } from './unit';

function log(message: string): void {
  process.stderr.write(`[corpus ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    cache: { type: 'string' },
    out: { type: 'string' },
    workers: { type: 'string', default: '2' },
    force: { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
  },
});

const cacheRoot = resolve(args.cache ?? process.env.SOTAQUE_CACHE ?? join(homedir(), '.cache', 'sotaque'));
const target = resolve(args.out ?? join(cacheRoot, args.smoke ? 'corpus-smoke' : 'corpus'));
const recipe = loadRecipe();
const hash = recipeHash(recipe);
const reportPath = join(ROOT, 'training', 'CORPUS.md');

function writeReport(dir: string, manifest: Manifest, entries: readonly IndexEntry[]): void {
  const report = corpusReport(dir, manifest, entries);
  writeFileSync(join(dir, 'CORPUS.md'), report);
  if (!manifest.smoke && resolve(dir) === resolve(join(cacheRoot, 'corpus'))) {
    writeFileSync(reportPath, report);
    log(`report: ${reportPath}`);
  }
}

function manifestFor(entries: readonly IndexEntry[], shards: number, dropped: Manifest['dropped'], seconds: number): Manifest {
  const families: Record<string, { examples: number; sources: number; frames: number; sourceSeconds: number; seconds: number }> = {};
  let frames = 0;
  for (const e of entries) {
    const f = (families[e.family] ??= { examples: 0, sources: 0, frames: 0, sourceSeconds: 0, seconds: 0 });
    f.examples++;
    f.frames += e.frames;
    f.seconds += e.durationSeconds;
    if (e.copy === 0) {
      f.sources++;
      f.sourceSeconds += e.durationSeconds;
    }
    frames += e.frames;
  }
  return {
    format: 'sotaque-corpus',
    version: 1,
    recipeHash: hash,
    smoke: args.smoke ?? false,
    created: new Date().toISOString(),
    buildSeconds: Math.round(seconds),
    featureConfig: DEFAULT_FEATURE_CONFIG,
    phones: PHONES,
    bands: SHARD_BANDS,
    shards,
    examples: entries.length,
    sources: entries.filter((e) => e.copy === 0).length,
    frames,
    families,
    dropped,
  };
}

async function main(): Promise<void> {
  const existing = readManifest(target);
  if (args['report-only']) {
    if (!existing) throw new Error(`no corpus at ${target}`);
    writeReport(target, existing, readIndex(target));
    return;
  }
  if (existing && existing.recipeHash === hash && !args.force) {
    log(`corpus at ${target} is up to date (recipe ${hash}); --force rebuilds it`);
    return;
  }
  const t0 = performance.now();
  const units = planCorpus(recipe, args.smoke ?? false);
  const build = `${target}.build-${hash}`;
  if (args.force) rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  const done = new Set(
    readdirSync(build)
      .map((f) => /^shard-(\d+)\.jsonl$/.exec(f))
      .filter((m) => m !== null)
      .map((m) => Number(m[1])),
  );
  const todo = units.filter((u) => !done.has(u.shard));
  const sources = units.reduce((s, u) => s + u.utterances.length, 0);
  log(`recipe ${hash}: ${units.length} shards, ${sources} source utterances → ${build}${done.size ? ` (${done.size} shards already built)` : ''}`);
  const droppedPath = join(build, 'dropped.jsonl');
  let finished = 0;
  await runPool(todo, build, Math.max(1, Number(args.workers)), (r: UnitResult) => {
    finished++;
    const unit = units[r.shard];
    const elapsed = (performance.now() - t0) / 1000;
    const eta = (elapsed / finished) * (todo.length - finished);
    log(`${shardName(r.shard)} ${unit.engine} ${unit.voice}: ${r.sources} sources, ${r.examples} examples, ${r.dropped.length} dropped, ${r.seconds.toFixed(1)} s — ${finished}/${todo.length}, elapsed ${(elapsed / 60).toFixed(1)} min, ETA ${(eta / 60).toFixed(1)} min`);
    if (r.dropped.length) writeFileSync(droppedPath, r.dropped.map((d) => JSON.stringify(d)).join('\n') + '\n', { flag: 'a' });
  });
  const entries: IndexEntry[] = [];
  const index: string[] = [];
  for (const u of units) {
    const text = readFileSync(join(build, `${shardName(u.shard)}.jsonl`), 'utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      index.push(line);
      entries.push(JSON.parse(line) as IndexEntry);
    }
  }
  writeFileSync(join(build, 'index.jsonl'), index.length ? `${index.join('\n')}\n` : '');
  const dropped = existsSync(droppedPath)
    ? readFileSync(droppedPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; reason: string })
    : [];
  const manifest = manifestFor(entries, units.length, dropped, (performance.now() - t0) / 1000);
  writeFileSync(join(build, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (existsSync(target)) {
    const old = `${target}.old-${Date.now()}`;
    renameSync(target, old);
    rmSync(old, { recursive: true, force: true });
  }
  renameSync(build, target);
  log(`corpus ready at ${target}: ${manifest.examples} examples, ${(manifest.frames / 360000).toFixed(2)} h, ${dropped.length} sources dropped, built in ${(manifest.buildSeconds / 60).toFixed(1)} min`);
  writeReport(target, manifest, entries);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
