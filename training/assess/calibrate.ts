/**
 * `npm run calibrate`: fits the per-phone GOP thresholds on voice families held out from training
 * and from the test (default: awb), through the app's own pipeline, and writes
 * public/models/phones/calibration.json. The alignment penalties (skipping a phone, matching it by
 * another sound, inserting a vowel) are chosen on the same family from a small grid: for each setting
 * the thresholds are fitted, and the setting with the best mean of detection recall and diagnosis
 * accuracy, less the false-rejection rate, wins. The test family is never looked at.
 *   --corpus DIR   the corpus (default ~/.cache/sotaque/corpus)   --model DIR (default public/models/phones)
 *   --families a,b --max N (source utterances per family)        --out FILE
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ALIGN_OPTIONS, DEFAULT_CALIBRATION_OPTIONS, fitCalibration, fitContrastMargins, type Calibration } from '../../src/assess';
import { readManifest } from '../corpus/shards';
import { buildCases } from './cases';
import { CALIBRATION_FAMILIES, defaultCorpusDir, loadAssessor, NEUTRAL_CALIBRATION, SHIPPED_MODEL_DIR } from './common';
import { figuresBy, gopSamples, rate, runCases } from './measure';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, model: { type: 'string' }, families: { type: 'string' }, max: { type: 'string' }, out: { type: 'string' } } });
const corpusDir = resolve(values.corpus ?? defaultCorpusDir());
const modelDir = resolve(values.model ?? SHIPPED_MODEL_DIR);
const families = values.families ? values.families.split(',') : CALIBRATION_FAMILIES;
const out = resolve(values.out ?? join(modelDir, 'calibration.json'));

const cases = buildCases(corpusDir, { families, maxUtterancesPerFamily: values.max ? Number(values.max) : undefined });
console.error(`calibrate: ${cases.length} cases from ${families.join(', ')}`);
const GRID = {
  skipPenalty: [3, 5, 8],
  substitutionPenalty: [2, 3, 5],
  epenthesisPenalty: [2, 4, 6],
};
/** False-rejection budgets tried for each contrast pair's margin (0: no contrast check). */
const CONTRAST_BUDGETS = [0, 0.01, 0.02, 0.04];
const settings: Record<string, number>[] = [];
for (const skipPenalty of GRID.skipPenalty) for (const substitutionPenalty of GRID.substitutionPenalty) settings.push({ skipPenalty, substitutionPenalty, epenthesisPenalty: DEFAULT_ALIGN_OPTIONS.epenthesisPenalty });

const started = performance.now();
async function fitWith(align: Record<string, number>, contrastBudget = 0) {
  const { assessor, metadata } = await loadAssessor(modelDir, { ...NEUTRAL_CALIBRATION, align });
  const samples = gopSamples(await runCases(assessor, cases));
  const { fits, ...calibration } = fitCalibration(samples, {
    families,
    model: metadata.version,
    modelRecipeHash: metadata.recipeHash,
    corpusRecipeHash: readManifest(corpusDir)?.recipeHash ?? null,
    cases: Object.fromEntries(['native', 'substitution', 'epenthesis'].map((k) => [k, cases.filter((c) => c.kind === k).length])),
    created: new Date().toISOString(),
  }, DEFAULT_CALIBRATION_OPTIONS);
  const contrastMargins = fitContrastMargins(samples, calibration.thresholds, calibration.defaultThreshold, contrastBudget);
  const shipped: Calibration = { ...calibration, contrastMargins, align, fittedOn: { ...calibration.fittedOn, contrastBudget } };
  // Figures on the calibration family itself with the fitted thresholds (not a test: fitted here).
  const { assessor: fitted } = await loadAssessor(modelDir, shipped);
  const f = figuresBy(await runCases(fitted, cases), () => null).get('all')!;
  const frr = f.falseRejections / Math.max(1, f.correctPhones);
  const recall = f.detected / Math.max(1, f.substitutions);
  const diagnosis = f.diagnosed / Math.max(1, f.detected);
  const insertion = f.epentheses ? f.insertionsFound / f.epentheses : 1;
  const falseInsertion = f.falseInsertions / Math.max(1, f.nativeCases);
  return { shipped, fits, f, objective: (recall + diagnosis) / 2 - frr + (insertion - falseInsertion) / 4 };
}

let best: Awaited<ReturnType<typeof fitWith>> | null = null;
for (const align of settings) {
  const trial = await fitWith(align);
  console.error(`  ${JSON.stringify(align)}: false rejection ${rate(trial.f.falseRejections, trial.f.correctPhones)}, detection ${rate(trial.f.detected, trial.f.substitutions)}, diagnosis ${rate(trial.f.diagnosed, trial.f.detected)}, objective ${trial.objective.toFixed(3)}`);
  if (!best || trial.objective > best.objective) best = trial;
}
// The inserted-vowel penalty, with the best of the others.
for (const epenthesisPenalty of GRID.epenthesisPenalty.filter((p) => p !== best!.shipped.align!.epenthesisPenalty)) {
  const align = { ...best!.shipped.align!, epenthesisPenalty };
  const trial = await fitWith(align);
  console.error(`  ${JSON.stringify(align)}: inserted found ${rate(trial.f.insertionsFound, trial.f.epentheses)}, false insertions ${rate(trial.f.falseInsertions, trial.f.nativeCases)}, objective ${trial.objective.toFixed(3)}`);
  if (trial.objective > best!.objective) best = trial;
}
// The contrast check's false-rejection budget per pair (0 = off), with the best alignment.
for (const contrastBudget of CONTRAST_BUDGETS.filter((b) => b > 0)) {
  const trial = await fitWith(best!.shipped.align!, contrastBudget);
  console.error(`  contrast budget ${contrastBudget}: ${Object.keys(trial.shipped.contrastMargins ?? {}).length} pairs, false rejection ${rate(trial.f.falseRejections, trial.f.correctPhones)}, detection ${rate(trial.f.detected, trial.f.substitutions)}, diagnosis ${rate(trial.f.diagnosed, trial.f.detected)}, objective ${trial.objective.toFixed(3)}`);
  if (trial.objective > best!.objective) best = trial;
}
const { shipped, fits, f } = best!;
writeFileSync(out, `${JSON.stringify({ ...shipped, fittedOn: { ...shipped.fittedOn, alignGrid: GRID, contrastBudgets: CONTRAST_BUDGETS } }, null, 1)}\n`);
console.error(`calibrate: wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s; alignment ${JSON.stringify(shipped.align)}`);
console.error(`  on ${families.join(', ')} (fitted here): false rejection ${rate(f.falseRejections, f.correctPhones)}, detection ${rate(f.detected, f.substitutions)}, diagnosis ${rate(f.diagnosed, f.detected)}, inserted vowels ${rate(f.insertionsFound, f.epentheses)}, false insertions ${rate(f.falseInsertions, f.nativeCases)}`);
console.error(`  thresholds: ${Object.keys(shipped.thresholds).length} phones, default ${shipped.defaultThreshold}; own fits: ${Object.keys(fits).filter((k) => k.startsWith('phone:')).length}`);
