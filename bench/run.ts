/**
 * `npm run bench`: measures on this machine, side by side in one run, and writes bench/results.md.
 * - log-mel of 10 s and 60 s of speech: our CPU path, our WebGPU path (Chromium), Meyda, tfjs stft;
 *   in Chromium (all four) and in Node (the CPU ones);
 * - the GPU path's dispatches and readbacks per clip;
 * - the practice screen's stop-to-verdict latency (1 and 3 s clips) with its stage breakdown, and the
 *   production build's sizes (bench/practice.ts, bench/bundle.ts), CPU-throttled rows, a first visit on
 *   slow 4G and Lighthouse's mobile scores (bench/lighthouse.ts).
 * `npm run bench -- --practice` runs only the last part and replaces its section in results.md.
 * Speed is measured here and never asserted in tests.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { benchPhoneModel } from '../training/eval/modelBench';
import { benchAssessBatch } from './assessBatch';
import { bundleSizes, bundleTable } from './bundle';
import { lighthouseRow, type LighthouseRow } from './lighthouse';
import { firstVisit, latencyTable, practiceLatency, type FirstVisit } from './practice';
import { nodeMelRows } from './node';
import type { BenchRow } from './stats';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const FIXTURES = join(OUT, 'public', 'fixtures');
const CHROMIUM = process.env.SOTAQUE_CHROMIUM ?? '/usr/lib/chromium/chromium';
const TEXT =
  'The north wind and the sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak. ' +
  'They agreed that the one who first succeeded in making the traveller take his cloak off should be considered stronger than the other. ';

/** Writes `seconds` of espeak-ng speech as raw float32 at 16 kHz (fixtures may be made with sox). */
function speechFixture(seconds: number): string {
  const path = join(FIXTURES, `speech${seconds}s.f32`);
  if (existsSync(path)) return path;
  mkdirSync(FIXTURES, { recursive: true });
  const wav = join(OUT, 'speech.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', wav, TEXT.repeat(Math.ceil(seconds / 10))]);
  execFileSync('sox', [wav, '-r', '16000', '-c', '1', '-t', 'f32', path, 'trim', '0', String(seconds), 'pad', '0', String(seconds)]);
  const samples = readFileSync(path).byteLength / 4;
  if (samples < seconds * 16_000) throw new Error(`fixture too short: ${samples} samples`);
  writeFileSync(path, readFileSync(path).subarray(0, seconds * 16_000 * 4));
  return path;
}

interface BrowserBench {
  rows: BenchRow[];
  environment: Record<string, string>;
}

async function browserRows(clips: { name: string; seconds: number; repeats: number }[]): Promise<BrowserBench> {
  const build = spawnSync('npx', ['vite', 'build', '-c', 'bench/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('bench page build failed');
  const server = spawn('npx', ['vite', 'preview', '-c', 'bench/vite.config.ts', '--port', '4181', '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  try {
    await waitForServer('http://localhost:4181/');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
    });
    try {
      const page = await browser.newPage();
      page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
      await page.goto('http://localhost:4181/');
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const version = browser.version();
      const result: BrowserBench = await page.evaluate((options) => window.runMelBench(options), { clips });
      return { ...result, environment: { ...result.environment, chromium: version } };
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

function table(rows: BenchRow[], reference: (row: BenchRow) => BenchRow | undefined): string {
  const lines = ['| clip | implementation | median ms | × real time | ours is N× faster | runs | note |', '|---|---|---:|---:|---:|---:|---|'];
  for (const row of rows) {
    const ref = reference(row);
    const ratio = ref && ref !== row ? (row.medianMs / ref.medianMs).toFixed(1) : '—';
    lines.push(`| ${row.clip} | ${row.implementation} | ${row.medianMs.toFixed(1)} | ${((row.seconds * 1000) / row.medianMs).toFixed(0)} | ${ratio} | ${row.runs} | ${row.note ?? ''} |`);
  }
  return lines.join('\n');
}

const PRACTICE_START = '<!-- practice:start -->';
const PRACTICE_END = '<!-- practice:end -->';
const APP_PORT = 4182;
/**
 * Take lengths of the practice bench. A one-word item now refuses a take far longer than itself (10 s
 * of continuous speech for "three" is "record just the item"), so only lengths it scores are timed.
 */
const PRACTICE_CASES = [
  { seconds: 1, throttle: 1, runs: 7 },
  { seconds: 3, throttle: 1, runs: 7 },
  // DevTools CPU throttling as a cheap-phone proxy (issue: ≤ 300 ms at 6×).
  { seconds: 3, throttle: 4, runs: 5 },
  { seconds: 3, throttle: 6, runs: 5 },
];

/** Builds the app (production), serves it, measures stop-to-verdict and the build's sizes; returns the Markdown section. */
async function practiceSection(): Promise<string> {
  const dist = join(OUT, 'app-dist');
  const build = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('app build failed');
  const sizes = bundleSizes(dist);
  const loadBefore = loadavg()[0];
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(APP_PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  let rows;
  let visits: FirstVisit[];
  let lighthouse: LighthouseRow;
  try {
    await waitForServer(`http://localhost:${APP_PORT}/`);
    rows = await practiceLatency(`http://localhost:${APP_PORT}/`, OUT, CHROMIUM, PRACTICE_CASES);
    visits = [await firstVisit(`http://localhost:${APP_PORT}/`, CHROMIUM, 1), await firstVisit(`http://localhost:${APP_PORT}/`, CHROMIUM, 4)];
    lighthouse = await lighthouseRow(`http://localhost:${APP_PORT}/`, CHROMIUM, 3);
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
  const firstLoadGz = sizes.firstLoadJs.reduce((sum, f) => sum + f.gzipBytes, 0);
  const three = rows.find((r) => r.seconds === 3 && r.throttle === 1);
  const six = rows.find((r) => r.seconds === 3 && r.throttle === 6);
  return [
    PRACTICE_START,
    '## Practice: stop-to-verdict in Chromium (production build, tfjs-wasm)',
    '',
    'From pressing Stop to the first animation frame after the result is rendered, measured by the app’s own',
    '`performance.measure` marks (src/assess/timing.ts) on the practice screen: the fake microphone loops espeak-ng',
    'speech, the lesson item is “three” (a word item: no minimal-pair comparison), both acoustic models run (the CNN and',
    'the Sphinx model, fused), the native overlay is computed. Longer takes of a one-word item are refused, not scored.',
    'Medians of 7 attempts per length after a warm-up attempt; stages run one after the other (save = IndexedDB write;',
    'resample = what is left at stop of the resampling done while recording).',
    `Machine load while measuring (1-minute load average, ${cpus().length} cores): ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after — on a busy machine every stage stretches.`,
    '',
    latencyTable(rows),
    '',
    `Aim: < 150 ms for 3 s — measured ${three ? three.totalMs.toFixed(1) : '?'} ms; ≤ 300 ms at 6× CPU throttling — measured ${six ? six.totalMs.toFixed(1) : '?'} ms.`,
    '',
    '### First visit on a slow network (fresh profile, empty caches)',
    '',
    '| network | CPU | Record usable ms | model ready ms | offline-ready ms |',
    '|---|---|---:|---:|---:|',
    ...visits.map((v) => `| ${v.network} | ${v.throttle > 1 ? `${v.throttle}× slower` : 'as is'} | ${v.recordUsableMs.toFixed(0)} | ${v.modelReadyMs.toFixed(0)} | ${v.offlineReadyMs.toFixed(0)} |`),
    '',
    `### Lighthouse (npm \`lighthouse\`, mobile preset, system Chromium; median of ${lighthouse.runs}; served by \`vite preview\`, which does not compress)`,
    '',
    '| performance | accessibility | best practices | total blocking time ms | time to interactive ms | largest contentful paint ms |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${lighthouse.performance} | ${lighthouse.accessibility} | ${lighthouse.bestPractices} | ${lighthouse.totalBlockingMs.toFixed(0)} | ${lighthouse.interactiveMs.toFixed(0)} | ${lighthouse.largestContentfulPaintMs.toFixed(0)} |`,
    '',
    `Aims: 100 / 100 for accessibility and best practices, ≥ 90 for performance. Audits below 0.9 in the median run: ${lighthouse.failing.map((f) => f.split(':')[0]).join(', ') || 'none'}.`,
    '',
    '## Production build sizes',
    '',
    bundleTable(sizes),
    '',
    `Aim: first-load JS < 250 KiB gzipped — measured ${(firstLoadGz / 1024).toFixed(1)} KiB.`,
    PRACTICE_END,
    '',
  ].join('\n');
}

async function main() {
  if (process.argv.includes('--practice')) {
    const section = await practiceSection();
    const path = join(ROOT, 'bench', 'results.md');
    const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
    const start = old.indexOf(PRACTICE_START);
    const end = old.indexOf(PRACTICE_END);
    const text = start >= 0 && end > start ? old.slice(0, start) + section + old.slice(end + PRACTICE_END.length).replace(/^\n+/, '') : `${old.trimEnd()}\n\n${section}`;
    writeFileSync(path, text);
    process.stdout.write(section);
    return;
  }
  const clips = [
    { seconds: 10, repeats: 9 },
    { seconds: 60, repeats: 5 },
  ].map((c) => ({ ...c, path: speechFixture(c.seconds), name: `speech${c.seconds}s.f32` }));
  process.stderr.write('bench: Node rows\n');
  const nodeRows = await nodeMelRows(clips);
  process.stderr.write('bench: phone model\n');
  const modelRows = [];
  for (const backend of ['wasm', 'cpu'] as const) modelRows.push(await benchPhoneModel({ backend, seconds: 3, runs: 30 }));
  process.stderr.write('bench: assess --batch\n');
  const batch = benchAssessBatch(ROOT, OUT);
  process.stderr.write('bench: Chromium rows\n');
  const browser = await browserRows(clips);
  process.stderr.write('bench: practice latency and build sizes\n');
  const practice = await practiceSection();

  const ours = (rows: BenchRow[], match: string) => (row: BenchRow) => rows.find((r) => r.clip === row.clip && r.implementation.startsWith(match));
  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  const text = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Medians of several runs after a warm-up run;`,
    '"ours is N× faster" divides each row\'s median by our CPU path\'s median on the same clip in the same run.',
    '',
    `Machine: ${cpus().length} × ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${browser.environment.chromium} headless`,
    `(WebGPU on SwiftShader, a CPU fallback adapter: exact but slow; a phone's GPU differs). Log-mel path in the page: ${browser.environment.melPath}.`,
    '',
    '## Log-mel spectrogram, 16 kHz speech, 64 HTK mels, 25 ms / 10 ms',
    '',
    '### In Chromium (all four in one page)',
    '',
    table(browser.rows, ours(browser.rows, 'Sotaque CPU')),
    '',
    '### In Node',
    '',
    table(nodeRows, ours(nodeRows, 'Sotaque CPU')),
    '',
    '## Phone model: posteriors for a 3 s clip (298 frames), one forward pass, tfjs in Node',
    '',
    '| backend | median ms | p90 ms | runs | weights |',
    '|---|---:|---:|---:|---:|',
    ...modelRows.map((r) => `| tfjs-${r.backend} | ${r.medianMs.toFixed(1)} | ${r.p90Ms.toFixed(1)} | ${r.runs} | ${(r.weightsBytes / 1024).toFixed(0)} KiB |`),
    '',
    '## `assess --batch`, one-word clips (espeak-ng lesson words), whole command',
    '',
    `${batch.clips} clips in ${batch.seconds.toFixed(1)} s wall-clock, model load included (${batch.ok} assessed, ${batch.errors} errors).`,
    '',
    practice,
  ].join('\n');
  writeFileSync(join(ROOT, 'bench', 'results.md'), text);
  process.stdout.write(text);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
