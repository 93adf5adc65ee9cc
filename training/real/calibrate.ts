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
 *   --model DIR  --real DIR  --corpus DIR  --pass-budget F  --reject-budget F  --contrast-budget F  --out FILE
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAssessor, DEFAULT_CALIBRATION_OPTIONS, fitCalibration, fitContrastMargins, type Calibration, type GopSample } from '../../src/assess';
import { createPhoneModelFromDir } from '../../src/model/node';
import { buildCases } from '../assess/cases';
import { defaultCorpusDir, NEUTRAL_CALIBRATION, SHIPPED_MODEL_DIR } from '../assess/common';
import { gopSamples, runCases } from '../assess/measure';
import { readIndex } from '../corpus/shards';
import { buildRealCases } from './cases';
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
  },
});
const cache = resolve(process.env.SOTAQUE_CACHE ?? join(process.env.HOME ?? '.', '.cache', 'sotaque'));
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
const model = await createPhoneModelFromDir(modelDir);
await model.ensureLoaded();
const neutral = createAssessor({ classifier: model, lexicon: realLexicon(), calibration: { ...NEUTRAL_CALIBRATION, align } });
const entries = readIndex(realDir) as unknown as RealIndexEntry[];
const realCases = buildRealCases(realDir, entries, realLexicon(), { splits: ['calibration'] });
const real = realGopSamples(await runRealCases(neutral, realCases));
const synthCases = buildCases(corpusDir, { families: [FALLBACK_FAMILY], maxUtterancesPerFamily: values['fallback-max'] ? Number(values['fallback-max']) : 600 });
const synthetic = gopSamples(await runCases(neutral, synthCases));

const realCorrect = new Map<string, number>();
for (const s of real) if (s.correct && Number.isFinite(s.gop)) realCorrect.set(s.phone, (realCorrect.get(s.phone) ?? 0) + 1);
const minCorrect = DEFAULT_CALIBRATION_OPTIONS.minCorrect;
const fromReal = (phone: string) => (realCorrect.get(phone) ?? 0) >= minCorrect;
const merged: GopSample[] = [...real.filter((s) => fromReal(s.phone)), ...synthetic.filter((s) => !fromReal(s.phone))];
const realPhones = [...realCorrect.keys()].filter(fromReal).sort();
const fittedOn = {
  real: { family: 'real-asterisk', split: 'calibration', recordings: realCases.filter((c) => c.kind === 'native').length, substitutions: realCases.filter((c) => c.kind === 'substitution').length, phones: realPhones },
  fallback: { family: FALLBACK_FAMILY, cases: synthCases.length, phones: [...new Set(merged.filter((s) => !fromReal(s.phone)).map((s) => s.phone))].sort() },
  families: ['real-asterisk (calibration split)', `${FALLBACK_FAMILY} (phones with < ${minCorrect} real renditions)`],
  budgets: { pass: passBudget, reject: rejectBudget, contrast: contrastBudget },
  model: model.metadata!.version,
  modelRecipeHash: model.metadata!.recipeHash,
  created: new Date().toISOString(),
};
const pass = fitCalibration(merged, fittedOn, { ...DEFAULT_CALIBRATION_OPTIONS, maxFalseRejection: passBudget });
const reject = fitCalibration(merged, fittedOn, { ...DEFAULT_CALIBRATION_OPTIONS, maxFalseRejection: rejectBudget });
const unsureBands: Record<string, number> = {};
for (const [phone, t] of Object.entries(pass.thresholds)) unsureBands[phone] = Math.max(0, Math.round((t - (reject.thresholds[phone] ?? reject.defaultThreshold)) * 1000) / 1000);
const { fits: _fits, ...fitted } = pass;
const calibration: Calibration = {
  ...fitted,
  unsureBands,
  defaultUnsureBand: Math.max(0, Math.round((pass.defaultThreshold - reject.defaultThreshold) * 1000) / 1000),
  contrastMargins: fitContrastMargins(merged, pass.thresholds, pass.defaultThreshold, contrastBudget),
  align,
  fittedOn: { ...pass.fittedOn, ...fittedOn },
};
writeFileSync(out, `${JSON.stringify(calibration, null, 1)}\n`);
console.error(`calibrate:real: ${real.length} real samples (${realPhones.length} phones with their own real threshold), ${synthetic.length} ${FALLBACK_FAMILY} samples; wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
