/**
 * Does fine-tuning the head on a teacher's voice help? The "teacher" is the synthetic voice family rms
 * (flite voice rms), kept out of the shipped model's training. It records 20 renditions of lesson items
 * (duration varied a little, as takes vary); the head is fine-tuned on them exactly as the app does
 * (src/model/finetune.ts, labels by forced alignment, adopt rule on 25 % held back). Then base and
 * fine-tuned heads are compared on rms renditions of *other* lesson items:
 * - false rejections: phones of a native rendition judged not ok (lower is better);
 * - partner detection: for minimal pairs, the partner word said instead ("tree" for "three"), detected
 *   when a phone where the two words differ is judged not ok (higher is better).
 * Settings compared: the L2 pull towards the base weights (0, 1e-2, 1e-1). Writes training/teacher/RESULTS.md.
 *
 * Usage: npm run eval:teacher [-- --model DIR] [--out FILE]
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { itemWords, judgeRendition, teacherTuning, type TeacherRendition } from '../../src/assess/teacherLabels';
import type { Calibration } from '../../src/assess';
import { logMelSpectrogram, normalise, resampleTo16k, trimSilence } from '../../src/dsp';
import { lessonPacks } from '../../src/lessons/packs';
import type { LessonItem } from '../../src/lessons/schema';
import { useBackend } from '../../src/model/backend';
import { applyHeadWeights, fineTuneHead, readHeadWeights, type FineTuneResult, type FineTuneSettings } from '../../src/model/finetune';
import { nodeWasmPaths, readModelFiles } from '../../src/model/node';
import { memoryIOHandler } from '../../src/model/phoneModel';
import { configureBackends } from '../../src/model/backend';
import { SHIPPED_MODEL_DIR, ROOT } from '../assess/common';
import { fliteRendition } from './flite';

const TEACHER_VOICE = 'rms';
const TRAINING_RECORDINGS = 20;
/** Settings compared (the app's default first). */
const SETTINGS: { label: string; options: Partial<FineTuneSettings> }[] = JSON.parse(process.env.TEACHER_SETTINGS ?? 'null') ?? [
  { label: 'default (distillation 0.9, L2 1e-2)', options: {} },
  { label: 'distillation 0.8, L2 1e-2', options: { distillation: 0.8 } },
  { label: 'distillation 0.5, L2 1e-2', options: { distillation: 0.5 } },
  { label: 'no distillation, L2 1e-2', options: { distillation: 0 } },
  { label: 'no distillation, L2 0', options: { distillation: 0, l2ToBase: 0 } },
];

interface EvalClip {
  readonly item: LessonItem;
  readonly kind: 'native' | 'partner';
  readonly logMel: ReturnType<typeof normalise>;
}

function rendition(text: string, stretch = 1): Float32Array {
  const r = fliteRendition(TEACHER_VOICE, text, stretch);
  const s16 = resampleTo16k(r.samples, r.sampleRateHz);
  const trim = trimSilence(s16);
  return s16.slice(trim.start, trim.end);
}

async function posteriors(model: tf.LayersModel, logMel: EvalClip['logMel']): Promise<{ data: Float32Array; frames: number }> {
  const y = tf.tidy(() => model.predict(tf.tensor4d(logMel.data, [1, logMel.frames, logMel.bands, 1])) as tf.Tensor);
  const data = (await y.data()) as Float32Array;
  y.dispose();
  return { data, frames: logMel.frames };
}

/** Positions (word, phone) where the item and its partner differ (words of equal length only). */
function differingPositions(item: LessonItem): [number, number][] {
  const out: [number, number][] = [];
  item.phones.forEach((pron, w) => {
    const other = item.partnerPhones?.[w];
    if (!other || other.length !== pron.length) return;
    pron.forEach((p, i) => {
      if (p !== other[i]) out.push([w, i]);
    });
  });
  return out;
}

interface Figures {
  nativePhones: number;
  falseRejections: number;
  nativeClipsAllOk: number;
  nativeClips: number;
  partnerClips: number;
  partnerDetected: number;
}

async function measure(model: tf.LayersModel, clips: readonly EvalClip[], calibration: Calibration): Promise<Figures> {
  const f: Figures = { nativePhones: 0, falseRejections: 0, nativeClipsAllOk: 0, nativeClips: 0, partnerClips: 0, partnerDetected: 0 };
  for (const clip of clips) {
    const words = itemWords(clip.item.text, clip.item.phones);
    const p = await posteriors(model, clip.logMel);
    const judged = judgeRendition(p, words, calibration);
    if (clip.kind === 'native') {
      f.nativeClips++;
      f.nativePhones += judged?.phones ?? words.reduce((n, w) => n + w.pronunciations[0].length, 0);
      f.falseRejections += judged?.rejected ?? judged?.phones ?? 0;
      if (judged && judged.rejected === 0) f.nativeClipsAllOk++;
    } else {
      f.partnerClips++;
      if (!judged) {
        f.partnerDetected++;
        continue;
      }
      const verdicts = judged.verdicts;
      // Verdicts are listed word by word; map (word, phone) to the flat index (no inserted entries before it counts).
      let detected = false;
      for (const [w, i] of differingPositions(clip.item)) {
        const offset = clip.item.phones.slice(0, w).reduce((n, pron) => n + pron.length, 0);
        const entries = verdicts.filter((v) => !v.endsWith(':inserted'));
        if (!entries[offset + i]?.endsWith(':ok')) detected = true;
      }
      if (detected) f.partnerDetected++;
    }
  }
  return f;
}

const pct = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string' }, out: { type: 'string' } } });
  const modelDir = values.model ?? SHIPPED_MODEL_DIR;
  const out = values.out ?? join(ROOT, 'training/teacher/RESULTS.md');
  configureBackends({ wasmPaths: nodeWasmPaths() });
  if (!(await useBackend('wasm'))) throw new Error('tfjs-backend-wasm does not run here');
  const files = await readModelFiles(modelDir);
  const model = await tf.loadLayersModel(memoryIOHandler(files));
  const calibration = JSON.parse(readFileSync(join(modelDir, 'calibration.json'), 'utf8')) as Calibration;
  const version = (files.metadata as { version?: string }).version ?? 'unknown';

  // Teacher's recordings: 20 items spread over every pack (words, pairs, sentences), durations varied.
  const items = lessonPacks().flatMap((p) => p.items);
  const step = Math.floor(items.length / TRAINING_RECORDINGS);
  const trainingItems = Array.from({ length: TRAINING_RECORDINGS }, (_, i) => items[i * step + 3]);
  const trainingIds = new Set(trainingItems.map((i) => i.id));
  const renditions: TeacherRendition[] = trainingItems.map((item, i) => ({
    id: item.id,
    text: item.text,
    phones: item.phones,
    samples16k: rendition(item.text, 0.9 + 0.25 * ((i * 7) % 10) / 10),
  }));
  // Evaluation: other items' native renditions, and partner words said instead for pairs (same text never in training).
  const trainingTexts = new Set(trainingItems.map((i) => i.text));
  const evalItems = items.filter((i) => !trainingIds.has(i.id) && !trainingTexts.has(i.text));
  const evalClips: EvalClip[] = [];
  for (const item of evalItems) {
    evalClips.push({ item, kind: 'native', logMel: normalise(logMelSpectrogram(rendition(item.text))) });
    if (item.partner && differingPositions(item).length > 0) evalClips.push({ item, kind: 'partner', logMel: normalise(logMelSpectrogram(rendition(item.partner))) });
  }
  console.error(`teacher: ${renditions.length} rms renditions; evaluation: ${evalClips.filter((c) => c.kind === 'native').length} native, ${evalClips.filter((c) => c.kind === 'partner').length} partner clips`);

  const baseWeights = readHeadWeights(model);
  const base = await measure(model, evalClips, calibration);
  const runs: { label: string; seconds: number; result: FineTuneResult; figures: Figures }[] = [];
  for (const { label: settingLabel, options } of SETTINGS) {
    const { clips, label, judge } = teacherTuning(renditions, calibration);
    const t0 = performance.now();
    const result = await fineTuneHead(model, clips, label, judge, options);
    const seconds = (performance.now() - t0) / 1000;
    applyHeadWeights(model, result.weights);
    const figures = await measure(model, evalClips, calibration);
    applyHeadWeights(model, baseWeights);
    runs.push({ label: settingLabel, seconds, result, figures });
    console.error(`${settingLabel}: ${seconds.toFixed(1)} s, adopt ${result.adopt}, false rejections ${figures.falseRejections}/${figures.nativePhones} (base ${base.falseRejections}), partners ${figures.partnerDetected}/${figures.partnerClips} (base ${base.partnerDetected})`);
  }

  const lines: string[] = [];
  lines.push('# Fine-tuning the head on a teacher\'s voice: results');
  lines.push('');
  lines.push(`Written by \`npm run eval:teacher\` (training/teacher/evaluate.ts) on ${new Date().toISOString().slice(0, 10)}; base model ${version}; tfjs ${tf.getBackend()} backend in Node, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), while other jobs ran on the machine.`);
  lines.push('');
  lines.push(`Teacher: flite voice **${TEACHER_VOICE}** (voice family rms, not in the shipped model's training). ${renditions.length} renditions of ${renditions.length} lesson items (words, pairs and sentences from every pack, duration stretch 0.90–1.13) to fine-tune on; the app's own procedure holds back ${runs[0].result.heldOutClips.length} of them for the adopt decision. Evaluation on rms renditions of ${evalClips.filter((c) => c.kind === 'native').length} *other* lesson items (no text shared with the teacher's), and on ${evalClips.filter((c) => c.kind === 'partner').length} minimal-pair partner words said instead of the target. Thresholds: the shipped calibration.json. Settings: 20 epochs, Adam 1e-3, 256 frames a step; what varies is the distillation (share of the base model's posteriors in each frame's target) and the L2 pull towards the base weights. Times are wall-clock for the whole \`fineTuneHead\` call (trunk features, training, held-back evaluation) and grow with the machine's load.`);
  lines.push('');
  lines.push('| head | fine-tuning time (20 recordings) | held-back frame acc. base → new | held-back false rej. base → new | adopted | false rejections (native phones) | native clips with every phone ok | partner words detected |');
  lines.push('|---|---|---|---|---|---|---|---|');
  lines.push(`| base | – | – | – | – | ${base.falseRejections}/${base.nativePhones} (${pct(base.falseRejections, base.nativePhones)}) | ${base.nativeClipsAllOk}/${base.nativeClips} | ${base.partnerDetected}/${base.partnerClips} (${pct(base.partnerDetected, base.partnerClips)}) |`);
  for (const r of runs) {
    const e = r.result;
    lines.push(
      `| fine-tuned, ${r.label} | ${r.seconds.toFixed(1)} s | ${(100 * e.base.frameAccuracy).toFixed(1)} → ${(100 * e.tuned.frameAccuracy).toFixed(1)} % | ${e.base.falseRejections}/${e.base.phones} → ${e.tuned.falseRejections}/${e.tuned.phones} | ${e.adopt ? 'yes' : 'no (base kept)'} | ${r.figures.falseRejections}/${r.figures.nativePhones} (${pct(r.figures.falseRejections, r.figures.nativePhones)}) | ${r.figures.nativeClipsAllOk}/${r.figures.nativeClips} | ${r.figures.partnerDetected}/${r.figures.partnerClips} (${pct(r.figures.partnerDetected, r.figures.partnerClips)}) |`,
    );
  }
  lines.push('');
  const app = runs[0];
  const better = app.figures.falseRejections < base.falseRejections;
  const worseDetection = app.figures.partnerDetected < base.partnerDetected;
  lines.push('## Reading');
  lines.push('');
  lines.push(
    `With the app's default settings, false rejections on the teacher's voice go from ${pct(base.falseRejections, base.nativePhones)} to ${pct(app.figures.falseRejections, app.figures.nativePhones)} (${better ? 'better' : 'not better'}), and partner-word detection from ${pct(base.partnerDetected, base.partnerClips)} to ${pct(app.figures.partnerDetected, app.figures.partnerClips)}${worseDetection ? ' (worse: fewer substitutions caught — the head learns to accept this voice, mistakes included)' : ''}. ` +
      `The adopt rule (decided on the held-back recordings only) ${app.result.adopt ? 'adopted' : 'kept the base model for'} this run. Frame labels come from aligning the item's phones against the base model's posteriors, so frame accuracy partly measures agreement with the base; false rejections are the figure that matters to a teacher.`,
  );
  lines.push('');
  lines.push(
    'Why distillation: measured on the previous shipped model (1.0.0+70173513, same teacher set and evaluation), training on the aligned labels alone tripled the false rejections (120/858 → 317/858 with L2 1e-2, 360 with none, 251 with L2 1e-1): the head forgets the phones the 20 recordings lack. Mixing the base posteriors into the targets fixed that (distillation 0.5: 137, 0.8: 111, 0.9: 97/858, the only setting there that the adopt rule accepted; partner detection 40 → 37/68). The default is 0.9 from that run.',
  );
  lines.push('');
  lines.push('Caveats: one synthetic teacher voice; the rms renditions of different items share the synthesiser\'s regularity, which flatters any adaptation to it. The evaluation set is not the app\'s held-back set (that one is only 5 recordings); these figures are on many more clips.');
  writeFileSync(out, `${lines.join('\n')}\n`);
  console.error(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
