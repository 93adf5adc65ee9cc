/** Node rows of the benchmark: the same CPU implementations as in the browser, in Node. Prints JSON. */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { logMelSpectrogram } from '../src/dsp';
import { meydaLogMel, tfjsLogMel } from './melAlternatives';
import { median, time, type BenchRow } from './stats';


export async function nodeMelRows(clips: { path: string; seconds: number; repeats: number }[]): Promise<BenchRow[]> {
  await tf.setBackend('cpu');
  const rows: BenchRow[] = [];
  for (const clip of clips) {
    const buf = readFileSync(clip.path);
    const samples = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const push = (implementation: string, times: number[]) =>
      rows.push({ implementation, clip: `${clip.seconds} s`, seconds: clip.seconds, medianMs: median(times), runs: times.length });
    push('Sotaque CPU (src/dsp), Node', await time(() => logMelSpectrogram(samples), clip.repeats));
    push('Meyda melBands, Node', await time(() => meydaLogMel(samples), Math.max(1, Math.ceil(clip.repeats / 2))));
    // tfjs's cpu kernels take about a second per second of audio here: 60 s is left out in Node.
    if (clip.seconds <= 10) push('tfjs stft + mel matrix (cpu), Node', await time(() => tfjsLogMel(samples), 3));
  }
  return rows;
}
