/**
 * Speed of the Sphinx phone evidence (src/sphinx) for 3 s of speech in Node, one core, beside a naive
 * loop that scores every senone as its full 128-Gaussian mixture (no top-N, floats, exp/log).
 * Prints a small table (median of several runs, after a warm-up) and the stage breakdown.
 *
 *   npx tsx bench/sphinx.ts [--seconds 3] [--runs 15]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../src/audio/wav';
import { sphinxCepstra, sphinxFeatures, SPHINX_FEATURE_DIMS } from '../src/dsp/sphinxFe';
import { analyseClip } from '../src/sphinx';
import { loadSphinxModelFromDir } from '../src/sphinx/node';
import { scoreFrames } from '../src/sphinx/scorer';
import type { SphinxModel } from '../src/sphinx/types';
import { median } from './stats';

const OUT = join(import.meta.dirname, 'out');
const TEXT = 'The north wind and the sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak.';

function speech(seconds: number): Float32Array {
  const wav = join(OUT, 'sphinx-speech.wav');
  if (!existsSync(wav)) {
    mkdirSync(OUT, { recursive: true });
    execFileSync('sh', ['-c', `espeak-ng -v en-us -s 150 --stdout "${TEXT}" | sox -t wav - -r 16000 -b 16 -c 1 ${wav}`]);
  }
  const samples = decodeWav(readFileSync(wav)).samples;
  const out = new Float32Array(seconds * 16_000);
  for (let i = 0; i < out.length; i++) out[i] = samples[i % samples.length];
  return out;
}

/** Every senone as its full mixture over the 128 Gaussians of its codebook, per stream (natural logs). */
function naiveAllGaussians(model: SphinxModel, features: Float32Array, frames: number): Float32Array {
  const { codebooks: nCb, streams: nSt, densities: nDen, streamDim: dim, senones: nSen } = model;
  const out = new Float32Array(frames * nSen);
  const lik = new Float64Array(nCb * nSt * nDen);
  const unit = model.metadata.scoring.mixwUnitNats;
  const natsPerLogUnit = unit / 1024;
  for (let t = 0; t < frames; t++) {
    for (let g = 0; g < lik.length; g++) {
      const s = Math.floor(g / nDen) % nSt;
      let d = model.detUnits[g] * natsPerLogUnit;
      for (let k = 0; k < dim; k++) {
        const e = features[t * SPHINX_FEATURE_DIMS + s * dim + k] - model.means[g * dim + k];
        d -= e * e * model.precisionUnits[g * dim + k] * natsPerLogUnit;
      }
      lik[g] = d;
    }
    for (let sen = 0; sen < nSen; sen++) {
      const cb = model.sen2ci[sen];
      let total = 0;
      for (let s = 0; s < nSt; s++) {
        let sum = 0;
        for (let cw = 0; cw < nDen; cw++) sum += Math.exp(lik[(cb * nSt + s) * nDen + cw] - model.mixw[(s * nDen + cw) * nSen + sen] * unit);
        total += Math.log(sum);
      }
      out[t * nSen + sen] = total;
    }
  }
  return out;
}

/** Median wall-clock and CPU (user + system) ms of `runs` runs after a warm-up run. */
function timed(run: () => unknown, runs: number): { wall: number; cpu: number } {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    run();
    const u = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((u.user + u.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const seconds = arg('--seconds', 3);
  const runs = arg('--runs', 15);
  const model = await loadSphinxModelFromDir();
  const samples = speech(seconds);
  const feats = sphinxFeatures(samples);
  type Row = [string, { wall: number; cpu: number }];
  const rows: Row[] = [
    ['front end: MFCC (sphinxCepstra)', timed(() => sphinxCepstra(samples), runs)],
    ['front end + CMN + Δ/ΔΔ (sphinxFeatures)', timed(() => sphinxFeatures(samples), runs)],
    ['Gaussians + top-4, WebAssembly SIMD kernel (scoreFrames)', timed(() => scoreFrames(model, feats.data, feats.frames), runs)],
    ['Gaussians + top-4, plain JavaScript loop (scoreFrames, simd: false)', timed(() => scoreFrames(model, feats.data, feats.frames, { simd: false }), runs)],
    ['phoneEvidence: front end + Gaussians + 120 CI senones + max per phone', timed(() => analyseClip(model, samples).phoneEvidence(), runs)],
  ];
  const naive = timed(() => naiveAllGaussians(model, feats.data, feats.frames), Math.max(1, Math.min(3, runs)));
  const ours = rows[rows.length - 1][1];
  console.log(`Sphinx en-us scoring, ${seconds} s of speech (${feats.frames} frames), Node ${process.version}, median of ${runs} runs\n`);
  console.log('| stage | wall ms | CPU ms |');
  console.log('|---|---:|---:|');
  for (const [name, t] of [...rows, ['naive: every senone as its full 128-Gaussian mixture, all Gaussians, exp/log', naive] as Row]) {
    console.log(`| ${name} | ${t.wall.toFixed(1)} | ${t.cpu.toFixed(1)} |`);
  }
  console.log(`\nphoneEvidence: ${(naive.cpu / ours.cpu).toFixed(0)}× less CPU than the naive loop; ${((seconds * 1000) / ours.wall).toFixed(0)}× real time.`);
}

await main();
