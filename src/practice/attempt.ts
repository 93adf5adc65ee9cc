/**
 * One practice attempt's way from capture to screen, step by step, for the practice slice (which
 * holds the state between the steps):
 *
 *   lessonTarget / freeTextTarget → what the take is judged against: a lesson item, or the learner's
 *                     own text with its dictionary pronunciations (an unknown word is named before
 *                     anything is recorded)
 *   storeRecording  → the attempt row with its audio (before any analysis: the recording is never lost)
 *   takeRefusal     → a take that cannot be scored (silent, clipped, far longer than the item) is
 *                     refused with its reason (storeRefusal), never scored or counted
 *   judgeRecording  → silence check → src/assess `judgeAttempt` (GOP verdicts; for a minimal pair the
 *                     native references of both words, or the acoustic evidence) → the overlay data
 *   storeResult / storeFailure → the attempt row completed with the verdicts, or marked failed
 */
import { AssessError, judgeAttempt, splitWords, type AssessResult, type Lexicon, type PairOutcome, type PairRequest, type Pronunciation } from '../assess';
import { encodeWav, type Recording } from '../audio';
import { activeLearner, asStorageError, completeAttempt, failAttempt, refuseAttempt, requestPersistence, saveAttempt, type AttemptRefusal, type SotaqueDb } from '../db';
import type { LessonItem, LessonPack } from '../lessons/schema';
import type { ReferenceIndex } from '../lessons/references';
import type { MelBackendInfo } from '../gpu';
import { EngineError, type NativeReference, type PracticeEngine } from './engine';
import { FEATURE_RATE_HZ, isSilentRecording, overlayPath, takeUsability, type LogMel } from './features';

/** The learner's and the native log-mel aligned by DTW, with what the overlay labels. */
export interface OverlayData {
  readonly learnerLogMel: LogMel;
  /** Seconds from the start of the learner's recording to the first log-mel frame. */
  readonly learnerOffsetSeconds: number;
  readonly native: NativeReference;
  /** DTW path over (learner frame, native frame). */
  readonly path: readonly [number, number][];
}

/** The overlay of a learner's log-mel (starting `learnerOffsetSeconds` into the recording) against a native rendition. */
export function overlayData(learnerLogMel: LogMel, learnerOffsetSeconds: number, native: NativeReference): OverlayData {
  return { learnerLogMel, learnerOffsetSeconds, native, path: overlayPath(learnerLogMel, native.logMel) };
}

/** Longest free text, characters. */
export const MAX_FREE_TEXT = 200;

/** What a take is judged against: a lesson item, or the learner's own text with its dictionary pronunciations. */
export interface PracticeTarget {
  /** The attempt's item id (`free:<text>` for free text). */
  readonly itemId: string;
  /** The lesson's pattern; null for free text (counted in no lesson's progress). */
  readonly pattern: string | null;
  readonly text: string;
  /** Per word, every pronunciation to try (a lesson item has one). */
  readonly pronunciations: readonly (readonly Pronunciation[])[];
  /** The lesson item; null for free text (no native recording: no pair comparison, no overlay). */
  readonly item: LessonItem | null;
}

/** A lesson item as a target. */
export function lessonTarget(found: { pack: LessonPack; item: LessonItem }): PracticeTarget {
  const { pack, item } = found;
  return { itemId: item.id, pattern: pack.pattern, text: item.text, pronunciations: item.phones.map((p) => [p]), item };
}

/**
 * The pronouncing dictionary, loaded on first use and kept (`load` absent: this build has none). A
 * failed load is `LEXICON_UNAVAILABLE` and is tried again on the next call.
 */
export function lexiconOnDemand(load: (() => Promise<Lexicon>) | undefined): () => Promise<Lexicon> {
  let lexicon: Promise<Lexicon> | null = null;
  return () => {
    if (!load) return Promise.reject(new EngineError('LEXICON_UNAVAILABLE', 'Free text needs the pronouncing dictionary, which this build does not have.'));
    lexicon ??= load().catch((error: unknown) => {
      lexicon = null;
      throw new EngineError('LEXICON_UNAVAILABLE', `The pronouncing dictionary could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page and try again.`, {}, { cause: error });
    });
    return lexicon;
  };
}

/**
 * The learner's own text (trimmed, at most MAX_FREE_TEXT characters) as a target, every dictionary
 * pronunciation of each word to try. No word: `EMPTY_TEXT`; a word the dictionary lacks:
 * `UNKNOWN_WORD`, naming it in `details.word`.
 */
export async function freeTextTarget(freeText: string, lexicon: () => Promise<Lexicon>): Promise<PracticeTarget> {
  const text = freeText.trim().slice(0, MAX_FREE_TEXT).trimEnd();
  const words = splitWords(text);
  if (words.length === 0) throw new AssessError('EMPTY_TEXT', 'There is no word to practise: type a word or a sentence in English.');
  const dictionary = await lexicon();
  return { itemId: `free:${text}`, pattern: null, text, pronunciations: words.map((w) => dictionary.pronunciations(w)), item: null };
}

/** Where the native references come from (the shipped ones, or the teacher's). */
export interface ReferenceSource {
  loadReferenceIndex(): Promise<ReferenceIndex>;
  loadNativeReference(index: ReferenceIndex, clip: string, voice: string): Promise<NativeReference>;
}

/**
 * Stores the recording as an attempt of `target` for the active learner (the first run creates one,
 * named for `language`); the first stored attempt asks for persistent storage. Rejects with the
 * storage error (`StorageFullError` when the device is full); nothing stored before is touched.
 */
export async function storeRecording(db: SotaqueDb, target: Pick<PracticeTarget, 'itemId' | 'pattern' | 'text'>, language: 'pt-BR' | 'en', recording: Recording): Promise<number> {
  try {
    const learnerId = await activeLearner(db, language);
    const audio = new Blob([encodeWav(recording.samples, recording.sampleRateHz)], { type: 'audio/wav' });
    const attemptId = await saveAttempt(db, { learnerId, itemId: target.itemId, pattern: target.pattern, text: target.text, durationSeconds: recording.durationSeconds, sampleRateHz: recording.sampleRateHz, audio });
    void requestPersistence(db);
    return attemptId;
  } catch (error) {
    throw asStorageError(error);
  }
}

export interface JudgeRecordingRequest {
  /** What the take is judged against (a lesson item, or free text: then no pair and no overlay). */
  readonly target: PracticeTarget;
  /** The id the result carries (`attempt-<id>` once stored). */
  readonly id: string;
  readonly recording: Recording;
  /** The recording already at the features' rate (resampled while it was captured), or null. */
  readonly samples16k: Float32Array | null;
  /** The native voice of the overlay (lesson items only). */
  readonly voice: string;
  /** Called once the engine is ready (the silence check and the engine's load are behind). */
  readonly onEngineReady?: () => void;
  /** Called when the judgement is ready, before the overlay is computed. */
  readonly onJudged?: () => void;
}

export interface JudgedRecording {
  readonly result: AssessResult;
  readonly pair: PairOutcome | null;
  readonly overlay: OverlayData | null;
  readonly melPath: MelBackendInfo | null;
}

/**
 * The verdicts the learner sees and the overlay: silence is refused before the model is needed,
 * then `judgeAttempt` over the engine (with the target's pronunciations; for a lesson item its partner
 * and, where the references have them, native renditions of both words), then the overlay against the
 * chosen voice's rendition. Free text has no native recording: no pair comparison, no overlay.
 */
export async function judgeRecording(engine: () => Promise<PracticeEngine>, references: ReferenceSource, request: JudgeRecordingRequest): Promise<JudgedRecording> {
  const { target, recording, samples16k } = request;
  const { item } = target;
  // The assessor checks again on the 16 kHz samples; this check needs no model.
  if (isSilentRecording(recording.samples, recording.sampleRateHz)) {
    throw new AssessError('CLIP_SILENT', 'The recording is silent: no speech was heard. Check that the microphone is on and speak a little closer to it.');
  }
  const active = await engine();
  request.onEngineReady?.();
  const index = item ? await references.loadReferenceIndex() : null;
  const entry = item && index ? index.items[item.id] : undefined;
  const partner: PairRequest | null =
    item && index && item.partner && item.partnerPhones
      ? {
          text: item.partner,
          pronunciations: item.partnerPhones.map((p) => [p]),
          references: async () => {
            if (!entry?.partnerClip) return null;
            const voices = index.voices.map((v) => v.id);
            const grams = async (clip: string) => Promise.all(voices.map(async (v) => active.posteriorgram(await references.loadNativeReference(index, clip, v))));
            const [target, partnerGrams] = await Promise.all([grams(entry.clip), grams(entry.partnerClip)]);
            return { target, partner: partnerGrams };
          },
        }
      : null;
  const { result, details, pair } = await judgeAttempt(active, {
    id: request.id,
    text: target.text,
    samples: samples16k ?? recording.samples,
    sampleRateHz: samples16k ? FEATURE_RATE_HZ : recording.sampleRateHz,
    pronunciations: target.pronunciations,
    partner,
  });
  request.onJudged?.();
  const overlay = index && entry ? overlayData(details.logMel, details.trim.start / FEATURE_RATE_HZ, await references.loadNativeReference(index, entry.clip, request.voice)) : null;
  return { result, pair, overlay, melPath: active.melPath?.() ?? null };
}

/**
 * Why a take cannot be scored (src/assess `judgeUsability` on its 16 kHz samples, against the target's
 * words and the phones of their first pronunciations), or null when it can.
 */
export function takeRefusal(target: Pick<PracticeTarget, 'pronunciations'>, samples16k: Float32Array): AttemptRefusal | null {
  const usability = takeUsability(samples16k, target.pronunciations.map((alternatives) => alternatives[0] ?? []));
  return usability.usable ? null : { reason: usability.reason, speechSeconds: Math.round(usability.speechSeconds * 100) / 100 };
}

/** Marks the stored attempt refused with its reason (its audio is kept; it has no score). */
export function storeRefusal(db: SotaqueDb, attemptId: number, refusal: AttemptRefusal): Promise<void> {
  return refuseAttempt(db, attemptId, refusal);
}

/** Completes the stored attempt with its verdicts and the model that gave them. */
export function storeResult(db: SotaqueDb, attemptId: number, result: AssessResult, modelVersion: string | null): Promise<void> {
  return completeAttempt(db, attemptId, result, modelVersion);
}

/** Marks the stored attempt failed with the problem shown (its audio is kept). */
export function storeFailure(db: SotaqueDb, attemptId: number, problem: { readonly code: string; readonly message: string }): Promise<void> {
  return failAttempt(db, attemptId, problem);
}
