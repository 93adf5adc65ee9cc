/**
 * `npm run calibrate:real`: fits the shipped thresholds on real native speech (CONTRACTS.md splits):
 * the Asterisk calibration split, through the app's own pipeline, with the synthetic calibration
 * family (awb) standing in only for phones that have fewer than `minCorrect` real renditions there.
 *
 * Two thresholds per phone: the pass point, where at most `passBudget` of the correct renditions
 * fall below it, and a stricter rejection point, `rejectBudget`; between the two a phone is `unsure`
 * ("not sure — listen and try again"), below the rejection point it is mispronounced. Asterisk is one
 * voice, held out by prompt: thresholds fitted on it carry imperfectly to other voices, so the budgets
 * are set below the product's aim (≤ 5% false rejection on new speakers) rather than at it. The
 * contrast margins use the same merged samples. Alignment penalties are kept from the current file.
 *
 * The fusion of the two acoustic models (src/assess/fusion.ts: the Sphinx model's weight and scale) is
 * chosen first, on the same data, from a small grid: for each setting the thresholds are fitted and
 * the setting that detects the most substitutions at the rejection point wins (real substitutions of
 * the calibration split, plus half weight on awb's so that the synthetic contrasts are not given up).
 *   --model DIR  --real DIR  --corpus DIR  --pass-budget F  --reject-budget F  --contrast-budget F  --out FILE
 *   --fusion-weight F --fusion-scale F (skip the grid)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CALIBRATION_OPTIONS, fitCalibration, fitContrastMargins, type Calibration, type FusionSettings, type GopSample } from '../../src/assess';
import { buildCases } from '../assess/cases';
import { cacheRoot, defaultCorpusDir, NEUTRAL_CALIBRATION, SHIPPED_MODEL_DIR } from '../assess/common';
import { gopSamples, runCases } from '../assess/measure';
import { readIndex } from '../corpus/shards';
import { buildRealCases } from './cases';
import { loadRealEngine } from './engine';
import { realLexicon } from './lexicon';
import { realGopSamples, runRealCases } from './measure';
import type { RealIndexEntry } from './types';

/** The budgets of the shipped calibration (see the header). */
export const REAL_CALIBRATION_BUDGETS = { pass: 0.08, reject: 0.02, contrast: 0.01 } as const;
/** The synthetic family that stands in where real data is thin. */
const FALLBACK_FAMILY = 'awb';

const { values } = parseArgs({
  options: {
    model: { type: 'string' }, real: { type: 'string' }, corpus: { type: 'string' }, out: { type: 'string' },
    'pass-budget': { type: 'string' }, 'reject-budget': { type: 'string' }, 'contrast-budget': { type: 'string' }, 'fallback-max': { type: 'string' },
    'fusion-weight': { type: 'string' }, 'fusion-scale': { type: 'string' },
  },
});
const cache = cacheRoot();
const modelDir = resolve(values.model ?? SHIPPED_MODEL_DIR);
const realDir = resolve(values.real ?? join(cache, 'corpus-real'));
const corpusDir = resolve(values.corpus ?? defaultCorpusDir());
const out = resolve(values.out ?? join(modelDir, 'calibration.json'));
const passBudget = Number(values['pass-budget'] ?? REAL_CALIBRATION_BUDGETS.pass);
const rejectBudget = Number(values['reject-budget'] ?? REAL_CALIBRATION_BUDGETS.reject);
const contrastBudget = Number(values['contrast-budget'] ?? REAL_CALIBRATION_BUDGETS.contrast);
const previous = existsSync(join(modelDir, 'calibration.json')) ? (JSON.parse(readFileSync(join(modelDir, 'calibration.json'), 'utf8')) as Calibration) : null;
const align = previous?.align ?? {};

const started = performance.now();
const engine = await loadRealEngine(modelDir, true);
const entries = readIndex(realDir) as unknown as RealIndexEntry[];
const realCases = buildRealCases(realDir, entries, realLexicon(), { splits: ['calibration'] });
const synthCases = buildCases(corpusDir, { families: [FALLBACK_FAMILY], maxUtterancesPerFamily: values['fallback-max'] ? Number(values['fallback-max']) : 600 });
const minCorrect = DEFAULT_CALIBRATION_OPTIONS.minCorrect;

/** The samples under one fusion setting: real ones for phones with enough real renditions, awb's for the rest. */
async function samplesWith(fusion: FusionSettings) {
  const neutral = engine.assessor({ ...NEUTRAL_CALIBRATION, align, fusion });
  const real = realGopSamples(await runRealCases(neutral, realCases));
  const synthetic = gopSamples(await runCases(neutral, synthCases));
  const realCorrect = new Map<string, number>();
  for (const s of real) if (s.correct && Number.isFinite(s.gop)) realCorrect.set(s.phone, (realCorrect.get(s.phone) ?? 0) + 1);
  const fromReal = (phone: string) => (realCorrect.get(phone) ?? 0) >= minCorrect;
  const merged: GopSample[] = [...real.filter((s) => fromReal(s.phone)), ...synthetic.filter((s) => !fromReal(s.phone))];
  return { real, synthetic, merged, fromReal, realPhones: [...realCorrect.keys()].filter(fromReal).sort() };
}

/** Share of substitutions below the rejection point of thresholds fitted on `merged`. */
function detection(merged: readonly GopSample[], probe: readonly GopSample[]): number {
  const reject = fitCalibration(merged, {}, { ...DEFAULT_CALIBRATION_OPTIONS, maxFalseRejection: rejectBudget });
  const subs = probe.filter((s) => !s.correct);
  return subs.filter((s) => s.gop < (reject.thresholds[s.phone] ?? reject.defaultThreshold)).length / Math.max(1, subs.length);
}

const FUSION_GRID = { weight: [0, 0.2, 0.35, 0.5, 0.65, 0.8, 1], scale: [0.25, 0.5, 1] };
let fusion: FusionSettings = { weight: Number(values['fusion-weight'] ?? NaN), scale: Number(values['fusion-scale'] ?? 0.5) };
const tried: { weight: number; scale: number; real: number; awb: number; objective: number }[] = [];
if (!Number.isFinite(fusion.weight)) {
  let best = -Infinity;
  for (const weight of FUSION_GRID.weight) {
    for (const scale of weight === 0 ? [1] : FUSION_GRID.scale) {
      const trial = await samplesWith({ weight, scale });
      const real = detection(trial.merged, trial.real);
      const awb = detection(trial.merged, trial.synthetic);
      const objective = real + 0.5 * awb;
      tried.push({ weight, scale, real: Math.round(real * 1000) / 1000, awb: Math.round(awb * 1000) / 1000, objective: Math.round(objective * 1000) / 1000 });
      console.error(`  fusion weight ${weight} scale ${scale}: real substitutions below the rejection point ${(100 * real).toFixed(1)}%, awb ${(100 * awb).toFixed(1)}%`);
      if (objective > best) {
        best = objective;
        fusion = { weight, scale };
      }
    }
  }
}
/** The calibration fitted under one fusion setting. */
async function calibrationWith(fusion: FusionSettings): Promise<Calibration> {
  const { merged, fromReal, realPhones } = await samplesWith(fusion);
  const fittedOn = {
    real: { family: 'real-asterisk', split: 'calibration', recordings: realCases.filter((c) => c.kind === 'native').length, substitutions: realCases.filter((c) => c.kind === 'substitution').length, phones: realPhones },
    fallback: { family: FALLBACK_FAMILY, cases: synthCases.length, phones: [...new Set(merged.filter((s) => !fromReal(s.phone)).map((s) => s.phone))].sort() },
    families: ['real-asterisk (calibration split)', `${FALLBACK_FAMILY} (phones with < ${minCorrect} real renditions)`],
    budgets: { pass: passBudget, reject: rejectBudget, contrast: contrastBudget },
    fusionGrid: tried,
    model: engine.metadata.version,
    modelRecipeHash: engine.metadata.recipeHash,
    created: new Date().toISOString(),
  };
  const pass = fitCalibration(merged, fittedOn, { ...DEFAULT_CALIBRATION_OPTIONS, maxFalseRejection: passBudget });
  const reject = fitCalibration(merged, fittedOn, { ...DEFAULT_CALIBRATION_OPTIONS, maxFalseRejection: rejectBudget });
  const unsureBands: Record<string, number> = {};
  for (const [phone, t] of Object.entries(pass.thresholds)) unsureBands[phone] = Math.max(0, Math.round((t - (reject.thresholds[phone] ?? reject.defaultThreshold)) * 1000) / 1000);
  const { fits: _fits, ...fitted } = pass;
  return {
    ...fitted,
    unsureBands,
    defaultUnsureBand: Math.max(0, Math.round((pass.defaultThreshold - reject.defaultThreshold) * 1000) / 1000),
    contrastMargins: fitContrastMargins(merged, pass.thresholds, pass.defaultThreshold, contrastBudget),
    fusion,
    align,
    fittedOn: { ...pass.fittedOn, ...fittedOn },
  };
}

const calibration = await calibrationWith(fusion);
writeFileSync(out, `${JSON.stringify(calibration, null, 1)}\n`);
// Each model alone, calibrated the same way, for eval:real's side-by-side rows (not shipped).
const aloneDir = join(cache, 'calibrations', engine.metadata.recipeHash.slice(0, 16));
mkdirSync(aloneDir, { recursive: true });
const sphinxScale = tried.filter((t) => t.weight === 1).sort((a, b) => b.objective - a.objective)[0]?.scale ?? fusion.scale;
writeFileSync(join(aloneDir, 'cnn.json'), `${JSON.stringify(await calibrationWith({ weight: 0, scale: 1 }), null, 1)}\n`);
writeFileSync(join(aloneDir, 'sphinx.json'), `${JSON.stringify(await calibrationWith({ weight: 1, scale: sphinxScale }), null, 1)}\n`);
console.error(`calibrate:real: fusion ${JSON.stringify(fusion)}; real threshold for ${(calibration.fittedOn.real as { phones: string[] }).phones.length} phones; wrote ${out} (and each model alone in ${aloneDir}) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
