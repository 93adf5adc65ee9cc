/**
 * `npm run calibrate`: fits the per-phone GOP thresholds on voice families held out from training
 * and from the test (default: awb), through the app's own pipeline, and writes
 * public/models/phones/calibration.json.
 *   --corpus DIR   the corpus (default ~/.cache/sotaque/corpus)   --model DIR (default public/models/phones)
 *   --families a,b --max N (source utterances per family)        --out FILE
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CALIBRATION_OPTIONS, fitCalibration } from '../../src/assess';
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
const { assessor, metadata } = await loadAssessor(modelDir, NEUTRAL_CALIBRATION);
const started = performance.now();
const outcomes = await runCases(assessor, cases, (n) => console.error(`  ${n}/${cases.length}`));
const samples = gopSamples(outcomes);
const calibration = fitCalibration(samples, {
  families,
  model: metadata.version,
  modelRecipeHash: metadata.recipeHash,
  corpusRecipeHash: readManifest(corpusDir)?.recipeHash ?? null,
  cases: Object.fromEntries(['native', 'substitution', 'epenthesis'].map((k) => [k, cases.filter((c) => c.kind === k).length])),
  created: new Date().toISOString(),
}, DEFAULT_CALIBRATION_OPTIONS);
const { fits, ...shipped } = calibration;
writeFileSync(out, `${JSON.stringify(shipped, null, 1)}\n`);

// Figures on the calibration family itself, with the fitted thresholds (not a test: it was fitted here).
const { assessor: fitted } = await loadAssessor(modelDir, shipped);
const check = figuresBy(await runCases(fitted, cases), () => null).get('all')!;
console.error(`calibrate: wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.error(`  on ${families.join(', ')} (fitted here): false rejection ${rate(check.falseRejections, check.correctPhones)}, detection ${rate(check.detected, check.substitutions)}, diagnosis ${rate(check.diagnosed, check.detected)}`);
console.error(`  thresholds: ${Object.keys(shipped.thresholds).length} phones, default ${shipped.defaultThreshold}; own fits: ${Object.keys(fits).filter((k) => k.startsWith('phone:')).length}`);
