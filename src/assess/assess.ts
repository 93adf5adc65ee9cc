/**
 * The assessment pipeline, shared by the app and the CLI: samples at any rate → 16 kHz → checks
 * (length, silence, clipping, level) → trim → log-mel → per-band normalisation → frame posteriors
 * (injected: the model lives in src/model) → forced alignment → GOP scores and verdicts.
 */
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram, normalise, resampleTo16k, trimSilence, type LogMel, type TrimResult } from '../dsp';
import { PHONE_COUNT } from '../model/phones';
import { AssessError } from './errors';
import { fuseEvidence, fusesSecondModel, type PhoneEvidenceSource } from './fusion';
import { buildAlignGraph, DEFAULT_ALIGN_OPTIONS, viterbiAlign, type AlignGraph, type AlignOptions, type Alignment, type ExpectedWord } from './forcedAlign';
import { splitWords, withAccentVariants, type Lexicon, type Pronunciation } from './lexicon';
import { LOG_FLOOR, scoreAlignment, utteranceScore, type PhoneMeasurement } from './score';
import { measureStage } from './timing';
import type { AssessResult, AssessWarning, Calibration } from './types';

/** Longest clip `assess` accepts (docs/CONTRACTS.md). */
export const MAX_ASSESS_SECONDS = 30;

/** Frame posteriors of a normalised log-mel: `frames × classes` probabilities, row-major. */
export interface FramePosteriors {
  readonly data: Float32Array;
  readonly frames: number;
}

/** What `assess` needs from the phone model. */
export interface PhoneClassifier {
  posteriors(normalisedLogMel: LogMel): Promise<FramePosteriors>;
}

export interface AssessRequest {
  readonly id: string;
  readonly text: string;
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  /** A lesson item's own phones, one pronunciation list per word; otherwise the lexicon is used. */
  readonly pronunciations?: readonly (readonly Pronunciation[])[];
}

/** Intermediate results the app shows (overlay, spectrogram) and calibration measures. */
export interface AssessDetails {
  readonly samples16k: Float32Array;
  readonly trim: TrimResult;
  readonly logMel: LogMel;
  /** The evidence alignment and GOP ran on: the fused frame log-posteriors (the CNN's alone without a second model). */
  readonly logPosteriors: Float32Array;
  /** The CNN's own frame log-posteriors (what native references are compared with). */
  readonly cnnLogPosteriors: Float32Array;
  readonly graph: AlignGraph;
  readonly alignment: Alignment;
  readonly words: readonly ExpectedWord[];
  readonly measurements: readonly PhoneMeasurement[];
}

export interface AssessorOptions {
  readonly classifier: PhoneClassifier;
  /** Needed for free text; lesson items may bring their own phones. */
  readonly lexicon?: Lexicon;
  readonly calibration: Calibration;
  /**
   * A second acoustic model's frame evidence (the Sphinx PTM model), fused with the CNN's by
   * `calibration.fusion`; without it, or with a fusion weight of 0, the CNN alone decides.
   */
  readonly secondary?: PhoneEvidenceSource;
  /** Computes the log-mel of 16 kHz samples (GPU or CPU); defaults to the CPU reference. */
  readonly logMel?: (samples16k: Float32Array) => LogMel | Promise<LogMel>;
}

export interface Assessor {
  readonly calibration: Calibration;
  readonly lexicon?: Lexicon;
  /** GOP verdicts only; `judgeAttempt(assessor, …)` gives what the learner sees (minimal pairs included). */
  assess(request: AssessRequest): Promise<AssessResult>;
  assessDetailed(request: AssessRequest): Promise<{ result: AssessResult; details: AssessDetails }>;
}


/** Expected words with their pronunciations, from the lesson's phones or the lexicon, plus the accepted native variants. */
export function expectedWords(text: string, lexicon: Lexicon | undefined, pronunciations?: AssessRequest['pronunciations']): ExpectedWord[] {
  const words = splitWords(text);
  if (words.length === 0) throw new AssessError('EMPTY_TEXT', 'There is no word to assess: the text is empty. Type or choose what you are going to say.');
  if (pronunciations) {
    if (pronunciations.length !== words.length) {
      throw new AssessError('BAD_PHONES', `The item has ${words.length} words but phones for ${pronunciations.length}.`, { words, pronunciations });
    }
    return words.map((word, i) => ({ word, pronunciations: withAccentVariants(word, pronunciations[i]) }));
  }
  if (!lexicon) throw new AssessError('BAD_PHONES', 'No pronouncing dictionary is loaded, and the item brings no phones of its own.');
  return words.map((word) => ({ word, pronunciations: withAccentVariants(word, lexicon.pronunciations(word)) }));
}

/** Level warnings for a clip (samples in [−1, 1]) and its trim. */
export function levelWarnings(samples: Float32Array, trim: TrimResult): AssessWarning[] {
  const warnings: AssessWarning[] = [];
  let clipped = 0;
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]) >= 0.99) clipped++;
  if (clipped > Math.max(3, samples.length * 1e-4)) warnings.push('clipped');
  if (trim.floorDb > -45 && trim.peakDb - trim.floorDb < 25) warnings.push('noisy');
  if (trim.peakDb < -30) warnings.push('quiet');
  return warnings;
}

export function createAssessor(options: AssessorOptions): Assessor {
  const alignOptions: AlignOptions = { ...DEFAULT_ALIGN_OPTIONS, ...(options.calibration.align ?? {}) };
  const computeLogMel = options.logMel ?? ((s: Float32Array) => logMelSpectrogram(s, DEFAULT_FEATURE_CONFIG));

  async function assessDetailed(request: AssessRequest) {
    const words = expectedWords(request.text, options.lexicon, request.pronunciations);
    const seconds = request.samples.length / request.sampleRateHz;
    if (seconds > MAX_ASSESS_SECONDS) {
      throw new AssessError('CLIP_TOO_LONG', `The recording is ${seconds.toFixed(1)} s long; assessment takes at most ${MAX_ASSESS_SECONDS} s. Record one word or sentence at a time.`, { seconds });
    }
    let t = performance.now();
    const samples16k = resampleTo16k(request.samples, request.sampleRateHz);
    t = measureStage('resample', t);
    const trim = trimSilence(samples16k);
    if (trim.silent) {
      throw new AssessError('CLIP_SILENT', 'The recording is silent: no speech was heard. Check that the microphone is on and speak a little closer to it.', { peakDb: trim.peakDb });
    }
    const warnings = levelWarnings(samples16k, trim);
    const logMel = await computeLogMel(samples16k.subarray(trim.start, trim.end));
    t = measureStage('log-mel', t);
    const posteriors = await options.classifier.posteriors(normalise(logMel));
    t = measureStage('inference', t);
    const cnnLogPosteriors = new Float32Array(posteriors.data.length);
    for (let i = 0; i < cnnLogPosteriors.length; i++) cnnLogPosteriors[i] = Math.max(LOG_FLOOR, Math.log(posteriors.data[i]));
    const fusion = options.calibration.fusion;
    let logPosteriors: Float32Array = cnnLogPosteriors;
    if (options.secondary && fusion && fusesSecondModel(options.calibration)) {
      const second = await options.secondary.evidence(samples16k.subarray(trim.start, trim.end));
      logPosteriors = fuseEvidence(cnnLogPosteriors, posteriors.frames, PHONE_COUNT, second, fusion);
      t = measureStage('second-model', t);
    }
    const graph = buildAlignGraph(words, alignOptions);
    const alignment = viterbiAlign(graph, logPosteriors, posteriors.frames, PHONE_COUNT);
    if (!alignment) {
      throw new AssessError('CLIP_TOO_SHORT', `The speech is too short (${(logMel.frames / 100).toFixed(2)} s) for "${request.text}". Say the whole item.`, { frames: logMel.frames });
    }
    const scored = scoreAlignment({
      words,
      graph,
      alignment,
      logPosteriors,
      contrastLogPosteriors: cnnLogPosteriors,
      classes: PHONE_COUNT,
      calibration: options.calibration,
      offsetSeconds: trim.start / DEFAULT_FEATURE_CONFIG.sampleRateHz,
    });
    measureStage('alignment', t);
    const result: AssessResult = { id: request.id, text: request.text, score: utteranceScore(scored.words), warnings, words: scored.words };
    const details: AssessDetails = { samples16k, trim, logMel, logPosteriors, cnnLogPosteriors, graph, alignment, words, measurements: scored.measurements };
    return { result, details };
  }

  return {
    calibration: options.calibration,
    ...(options.lexicon ? { lexicon: options.lexicon } : {}),
    assessDetailed,
    assess: async (request) => (await assessDetailed(request)).result,
  };
}
