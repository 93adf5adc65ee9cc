/**
 * The assessor the real-speech scripts run: the app's judgement over a model folder, with the Sphinx
 * model as the second source of evidence (fused as the calibration says), the real-speech lexicon,
 * and optional memoisation of both models' outputs so that a calibration can try many fusion
 * settings without recomputing them.
 */
import { createAssessor, type Assessor, type Calibration, type FramePosteriors, type PhoneClassifier, type PhoneEvidenceSource } from '../../src/assess';
import type { LogMel } from '../../src/dsp/index';
import { createPhoneModelFromDir } from '../../src/model/node';
import type { ModelMetadata } from '../../src/model/types';
import { sphinxEvidenceSource } from '../../src/sphinx';
import { loadSphinxModelFromDir } from '../../src/sphinx/node';
import { realLexicon } from './lexicon';

export interface RealEngine {
  readonly metadata: ModelMetadata;
  readonly classifier: PhoneClassifier;
  readonly secondary: PhoneEvidenceSource;
  assessor(calibration: Calibration): Assessor;
}

const keyOf = (data: Float32Array) => `${data.length}:${data[0]}:${data[data.length >> 1]}:${data[data.length - 1]}:${data[data.length >> 2]}`;

/** Loads the CNN from `modelDir` and the Sphinx model; `memo` caches their outputs per input. */
export async function loadRealEngine(modelDir: string, memo = false): Promise<RealEngine> {
  const model = await createPhoneModelFromDir(modelDir);
  await model.ensureLoaded();
  const sphinx = sphinxEvidenceSource(await loadSphinxModelFromDir());
  let classifier: PhoneClassifier = model;
  let secondary: PhoneEvidenceSource = sphinx;
  if (memo) {
    const grams = new Map<string, Promise<FramePosteriors>>();
    const evidence = new Map<string, { frames: number; logLik: Float32Array }>();
    classifier = {
      posteriors(logMel: LogMel) {
        const key = keyOf(logMel.data);
        let p = grams.get(key);
        if (!p) grams.set(key, (p = model.posteriors(logMel)));
        return p;
      },
    };
    secondary = {
      evidence(samples16k: Float32Array) {
        const key = keyOf(samples16k);
        let e = evidence.get(key);
        if (!e) evidence.set(key, (e = sphinx.evidence(samples16k)));
        return e;
      },
    };
  }
  return {
    metadata: model.metadata!,
    classifier,
    secondary,
    assessor: (calibration) => createAssessor({ classifier, secondary, lexicon: realLexicon(), calibration }),
  };
}
