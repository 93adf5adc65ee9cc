/**
 * Benchmark page: runs the four log-mel implementations on the same clips in one browser, one after
 * the other, and returns medians. Driven by scripts/bench.mjs through Playwright.
 */
import * as tf from '@tensorflow/tfjs';
import { logMelSpectrogram } from '../../src/dsp';
import { createMelExtractor } from '../../src/gpu';
import { meydaLogMel, tfjsLogMel } from '../melAlternatives';
import { median, time, type BenchRow } from '../stats';

async function loadClip(name: string): Promise<Float32Array> {
  const response = await fetch(`/fixtures/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  return new Float32Array(await response.arrayBuffer());
}


interface PageBenchOptions {
  clips: { name: string; seconds: number; repeats: number }[];
}

async function runMelBench(options: PageBenchOptions): Promise<{ rows: BenchRow[]; environment: Record<string, string> }> {
  const extractor = await createMelExtractor({ preferGpu: true });
  await tf.setBackend('webgl').catch(() => false);
  await tf.ready();
  const rows: BenchRow[] = [];
  for (const clip of options.clips) {
    const samples = await loadClip(clip.name);
    const push = (implementation: string, times: number[], extra: Partial<BenchRow> = {}) =>
      rows.push({ implementation, clip: `${clip.seconds} s`, seconds: clip.seconds, medianMs: median(times), runs: times.length, ...extra });
    push('Sotaque CPU (src/dsp)', await time(() => logMelSpectrogram(samples), clip.repeats));
    if (extractor.info.path === 'webgpu') {
      const times = await time(() => extractor.compute(samples), clip.repeats);
      const stats = extractor.stats();
      push('Sotaque WebGPU (mel.wgsl)', times, { note: `${stats.dispatches} dispatch(es), ${stats.readbacks} readback(s) per clip` });
    }
    push('Meyda melBands', await time(() => meydaLogMel(samples), Math.max(1, Math.ceil(clip.repeats / 2))));
    push(`tfjs stft + mel matrix (${tf.getBackend()})`, await time(() => tfjsLogMel(samples), clip.repeats));
  }
  const environment = {
    userAgent: navigator.userAgent,
    melPath: `${extractor.info.path}: ${extractor.info.reason}`,
    tfjsBackend: tf.getBackend(),
  };
  extractor.dispose();
  return { rows, environment };
}

declare global {
  interface Window {
    runMelBench: typeof runMelBench;
  }
}
window.runMelBench = runMelBench;
document.getElementById('status')!.textContent = 'ready';
