/**
 * Stop-to-verdict latency of the practice screen, measured in the production build in headless
 * Chromium (tfjs-wasm, the app's default path), through the real microphone path: a fake device loops
 * continuous espeak-ng speech; the bench presses Record, waits until the clock shows the clip length,
 * presses Stop, and reads the app's own User Timing measures (src/assess/timing.ts) once the verdict
 * has been painted. One warm-up attempt per length, then `runs` measured ones; medians per stage.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { PRACTICE_STAGES, STOP_TO_VERDICT } from '../src/assess/timing';
import { median } from './stats';

export interface LatencyRow {
  /** Requested clip length (s) and the median actual recording length. */
  readonly seconds: number;
  /** DevTools CPU throttling rate the row ran under (1 = none): a cheap-phone proxy. */
  readonly throttle: number;
  readonly recordedSeconds: number;
  readonly runs: number;
  /** Median ms of stop-to-verdict and of each stage (stages that did not run are absent). */
  readonly totalMs: number;
  /** Fastest stop-to-verdict of the runs (the least disturbed by other work on the machine). */
  readonly bestMs: number;
  readonly stagesMs: Readonly<Record<string, number>>;
  readonly failures: number;
}

const SPEECH =
  'The north wind and the sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak. ' +
  'They agreed that the one who first succeeded in making the traveller take his cloak off should be considered stronger than the other. ';

/** Continuous speech at 44.1 kHz (the fake microphone loops it). */
function loopingSpeech(dir: string): string {
  const raw = join(dir, 'practice-speech.wav');
  const path = join(dir, 'practice-speech-44k.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, SPEECH]);
  execFileSync('sox', [raw, '-r', '44100', '-c', '1', '-b', '16', path]);
  return path;
}

const clockSeconds = (text: string) => {
  const [m, s] = text.split(':');
  return Number(m) * 60 + Number(s);
};

async function attempt(page: Page, seconds: number): Promise<{ recordedSeconds: number; measures: Record<string, number> } | null> {
  await page.getByRole('button', { name: /^(Start recording|Record)$/ }).click();
  await page.locator('main[data-status="recording"]').waitFor();
  await page.waitForFunction(
    (target) => {
      const text = document.querySelector('[data-testid="practice-elapsed"]')?.textContent ?? '0:0';
      const [m, s] = text.split(':');
      return Number(m) * 60 + Number(s) >= target;
    },
    seconds,
    { polling: 20 },
  );
  await page.getByRole('button', { name: /^(Stop recording|Stop)$/ }).click();
  // A take far longer than the item is refused, not scored: that is no verdict to time.
  await page.locator('main[data-status="done"], main[data-status="error"], main[data-status="refused"]').waitFor({ timeout: 60_000 });
  if ((await page.locator('main').getAttribute('data-status')) !== 'done') return null;
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, STOP_TO_VERDICT);
  const measures = await page.evaluate(
    // A stage may be measured in two places (resampling: while stopping, then the assessor's no-op); sum them.
    (names) =>
      Object.fromEntries(
        names.map((n) => {
          const entries = performance.getEntriesByName(`sotaque:${n}`);
          return [n, entries.length ? entries.reduce((sum, e) => sum + e.duration, 0) : Number.NaN];
        }),
      ),
    [...PRACTICE_STAGES, 'stop-to-verdict'],
  );
  const recordedSeconds = clockSeconds((await page.getByTestId('practice-elapsed').textContent()) ?? '0:0');
  return { recordedSeconds, measures };
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One take length, under one CPU throttling rate. */
export interface LatencyCase {
  readonly seconds: number;
  readonly throttle: number;
  readonly runs: number;
}

/** Runs the latency bench against the app served at `url`: each case after a warm-up attempt under its own throttling. */
export async function practiceLatency(url: string, dir: string, chromiumPath: string, cases: readonly LatencyCase[]): Promise<LatencyRow[]> {
  const wav = loopingSpeech(dir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...BROWSER_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[page] ${error.message}\n`));
    await page.goto(`${url}?maxSeconds=30`);
    await page.locator('main[data-engine="ready"]').waitFor({ timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    const rows: LatencyRow[] = [];
    for (const { seconds, throttle, runs } of cases) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      await attempt(page, seconds); // warm-up: caches, kernels, references
      const done: { recordedSeconds: number; measures: Record<string, number> }[] = [];
      let failures = 0;
      for (let i = 0; i < runs; i++) {
        const result = await attempt(page, seconds);
        if (result) done.push(result);
        else failures++;
      }
      const stagesMs: Record<string, number> = {};
      for (const stage of PRACTICE_STAGES) {
        const values = done.map((d) => d.measures[stage]).filter((v) => Number.isFinite(v));
        if (values.length) stagesMs[stage] = median(values);
      }
      rows.push({
        seconds,
        throttle,
        recordedSeconds: done.length ? median(done.map((d) => d.recordedSeconds)) : Number.NaN,
        runs: done.length,
        totalMs: done.length ? median(done.map((d) => d.measures['stop-to-verdict'])) : Number.NaN,
        bestMs: done.length ? Math.min(...done.map((d) => d.measures['stop-to-verdict'])) : Number.NaN,
        stagesMs,
        failures,
      });
      process.stderr.write(`bench: practice ${seconds} s${throttle > 1 ? ` at ${throttle}× CPU throttling` : ''}: ${rows.at(-1)!.totalMs.toFixed(1)} ms\n`);
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return rows;
  } finally {
    await browser.close();
  }
}

/** The latency rows as a Markdown table (stage columns in pipeline order). */
export function latencyTable(rows: readonly LatencyRow[]): string {
  const stages = PRACTICE_STAGES.filter((s) => rows.some((r) => s in r.stagesMs));
  const header = ['clip', 'CPU', 'recorded', 'stop→verdict ms', 'fastest ms', ...stages.map((s) => `${s} ms`), 'runs'];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.seconds} s | ${r.throttle > 1 ? `${r.throttle}× slower` : 'as is'} | ${r.recordedSeconds.toFixed(1)} s | **${r.totalMs.toFixed(1)}** | ${r.bestMs.toFixed(1)} | ${stages.map((s) => (s in r.stagesMs ? r.stagesMs[s].toFixed(1) : '—')).join(' | ')} | ${r.runs}${r.failures ? ` (${r.failures} failed)` : ''} |`),
  ].join('\n');
}

/** A first visit's milestones, ms from navigation start. */
export interface FirstVisit {
  readonly network: string;
  readonly throttle: number;
  /** The Record button can be pressed. */
  readonly recordUsableMs: number;
  /** The engine (both acoustic models, the calibration) is ready: a take can be scored. */
  readonly modelReadyMs: number;
  /** The service worker is activated and controls the page: the app works offline from here. */
  readonly offlineReadyMs: number;
}

/** Slow 4G as DevTools throttles it (Lighthouse's mobile preset): 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up. */
export const SLOW_4G = { name: 'slow 4G (150 ms, 1.6 Mbit/s)', latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

/** A first visit (fresh profile, empty caches) under network and CPU throttling. */
export async function firstVisit(url: string, chromiumPath: string, throttle: number): Promise<FirstVisit> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...BROWSER_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_4G.latency, downloadThroughput: SLOW_4G.downloadThroughput, uploadThroughput: SLOW_4G.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url, { waitUntil: 'commit', timeout: 300_000 });
    const sinceStart = () => page.evaluate(() => performance.now());
    await page.getByRole('button', { name: /^(Start recording|Record)$/ }).and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
    const recordUsableMs = await sinceStart();
    await page.locator('main[data-engine="ready"]').waitFor({ timeout: 300_000 });
    const modelReadyMs = await sinceStart();
    await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, { timeout: 300_000, polling: 100 });
    const offlineReadyMs = await sinceStart();
    return { network: SLOW_4G.name, throttle, recordUsableMs, modelReadyMs, offlineReadyMs };
  } finally {
    await browser.close();
  }
}
