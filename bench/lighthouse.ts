/**
 * Lighthouse (npm `lighthouse`, its default mobile preset: a mid-range phone's CPU and slow 4G,
 * simulated) against the served production build, with the system Chromium; median of `runs`.
 * Each run starts from a fresh profile, so it measures a first visit.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { median } from './stats';

export interface LighthouseRow {
  readonly runs: number;
  readonly performance: number;
  readonly accessibility: number;
  readonly bestPractices: number;
  readonly totalBlockingMs: number;
  readonly interactiveMs: number;
  readonly largestContentfulPaintMs: number;
  /** Audits that did not pass in the median-performance run (id: title). */
  readonly failing: readonly string[];
}

export async function lighthouseRow(url: string, chromiumPath: string, runs = 3): Promise<LighthouseRow> {
  const results: { scores: Record<string, number>; audits: Record<string, number>; failing: string[] }[] = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
      const lhr = result!.lhr;
      const score = (id: string) => Math.round(100 * (lhr.categories[id]?.score ?? 0));
      const num = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'))
        .map((a) => `${a.id}: ${a.title}`);
      results.push({
        scores: { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices') },
        audits: { tbt: num('total-blocking-time'), tti: num('interactive'), lcp: num('largest-contentful-paint') },
        failing,
      });
    } finally {
      chrome.kill();
    }
  }
  const mid = [...results].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(results.length / 2)];
  return {
    runs: results.length,
    performance: median(results.map((r) => r.scores.performance)),
    accessibility: median(results.map((r) => r.scores.accessibility)),
    bestPractices: median(results.map((r) => r.scores.bestPractices)),
    totalBlockingMs: median(results.map((r) => r.audits.tbt)),
    interactiveMs: median(results.map((r) => r.audits.tti)),
    largestContentfulPaintMs: median(results.map((r) => r.audits.lcp)),
    failing: mid.failing,
  };
}
