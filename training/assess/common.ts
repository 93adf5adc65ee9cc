/** Shared set-up of the assessment scripts: paths, the model and the assessor. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { createAssessor, createLexicon, type Assessor, type Calibration } from '../../src/assess';
import { createPhoneModelFromDir } from '../../src/model/node';
import type { ModelMetadata } from '../../src/model/types';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHIPPED_MODEL_DIR = join(ROOT, 'public/models/phones');
/** The voice family the shipped model's thresholds are fitted on (held out from training and test). */
export const CALIBRATION_FAMILIES = ['awb'];
/** The voice family the shipped model's assessment is tested on (held out from training and calibration). */
export const TEST_FAMILIES = ['rms'];

/** The cache root of the corpora, models and calibrations ($SOTAQUE_CACHE, else ~/.cache/sotaque). */
export function cacheRoot(): string {
  return resolve(process.env.SOTAQUE_CACHE ?? join(homedir(), '.cache', 'sotaque'));
}

export function defaultCorpusDir(): string {
  return join(cacheRoot(), 'corpus');
}

/** A calibration that passes every phone: alignment and GOP do not depend on thresholds. */
export const NEUTRAL_CALIBRATION: Calibration = { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1.5, fittedOn: { note: 'neutral, for measuring' } };

/** Loads the model once and builds an assessor over it. */
export async function loadAssessor(modelDir: string, calibration: Calibration): Promise<{ assessor: Assessor; metadata: ModelMetadata }> {
  const model = await createPhoneModelFromDir(modelDir);
  await model.ensureLoaded();
  const assessor = createAssessor({ classifier: model, lexicon: createLexicon(dictionary), calibration });
  return { assessor, metadata: model.metadata! };
}
