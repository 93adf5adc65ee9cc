/**
 * The practice slice: a lesson item → native playback (the UI plays the files) → record with the
 * live level and an automatic stop on trailing silence → save the attempt (audio blob) → assess →
 * for minimal pairs, combine GOP with the reference comparison → the result and the overlay data.
 *
 * The recording is stored before any analysis starts; a failed analysis marks the stored attempt
 * failed with its error and keeps the audio. The engine (model, calibration) loads lazily; while it
 * is missing the slice says `unavailable` and why, and recording still works (attempts are kept).
 */
import type { StateCreator } from 'zustand/vanilla';
import { AssessError, clearStageTimings, combineJudgements, COMMIT_MARK, compareWithReferences, measureStage, splitWords, STOP_MARK, type AssessDetails, type AssessResult, type Lexicon, type Posteriorgram, type Pronunciation } from '../assess';
import { clampMaxSeconds, encodeWav, type Recorder, type RecorderOptions, type Recording } from '../audio';
import { judgeUsability } from '../assess/usability';
import { activeLearner, asStorageError, completeAttempt, failAttempt, refuseAttempt, requestPersistence, saveAttempt, type AttemptRefusal, type SotaqueDb } from '../db';
import { createStreamingResampler, dtw, normalise, resampleTo16k, trimSilence, type LogMel, type StreamingResampler } from '../dsp';
import { findLessonItem, lessonPacks } from '../lessons/packs';
import type { LessonItem } from '../lessons/schema';
import type { ReferenceIndex } from '../lessons/references';
import { applyPairJudgement, pairFocus } from './pairJudgement';
import type { NativeReference, PracticeEngine } from './practiceEngine';
import { createSilenceStopper } from './silenceStop';

export interface PracticeSliceDeps {
  createRecorder(options: RecorderOptions): Recorder;
  openDb(): SotaqueDb;
  loadEngine(): Promise<PracticeEngine>;
  loadReferenceIndex(): Promise<ReferenceIndex>;
  loadNativeReference(index: ReferenceIndex, clip: string, voice: string): Promise<NativeReference>;
  /** Milliseconds, monotonic (performance.now in the browser). */
  now(): number;
  /** The pronouncing dictionary for free text (loaded on first use); absent: free text is unavailable. */
  loadLexicon?(): Promise<Lexicon>;
}

/** What a take is judged against: a lesson item, or the learner's own text with its dictionary pronunciations. */
interface PracticeTarget {
  readonly itemId: string;
  readonly pattern: string | null;
  readonly text: string;
  /** Per word, every pronunciation to try (a lesson item has one). */
  readonly pronunciations: readonly (readonly Pronunciation[])[];
  readonly item: LessonItem | null;
}

/** Longest free text, characters. */
export const MAX_FREE_TEXT = 200;

/** `refused`: the take could not be scored (silent, clipped, far longer than the item…) and asks for a new one. */
export type PracticeStatus = 'idle' | 'recording' | 'saving' | 'analysing' | 'done' | 'error' | 'refused';
export type EngineStatus = 'idle' | 'loading' | 'ready' | 'unavailable';

/** The learner's and the native log-mel aligned by DTW, with what the overlay labels. */
export interface OverlayData {
  readonly learnerLogMel: LogMel;
  /** Seconds from the start of the learner's recording to the first log-mel frame. */
  readonly learnerOffsetSeconds: number;
  readonly native: NativeReference;
  /** DTW path over (learner frame, native frame). */
  readonly path: readonly [number, number][];
}

export interface PairOutcome {
  readonly focusPhone: string;
  readonly partnerPhone: string;
  readonly partner: string;
  readonly targetDistance: number;
  readonly partnerDistance: number;
  readonly pTarget: number;
  readonly pOk: number;
}

export interface PracticeData {
  readonly packId: string;
  readonly itemId: string;
  /** Native voice used for the overlay and the "native" button. */
  readonly voice: string;
  /** The learner's own text when practising free text (then the lesson item is not used), else null. */
  readonly freeText: string | null;
  readonly status: PracticeStatus;
  readonly level: { readonly rms: number; readonly peak: number };
  readonly elapsedSeconds: number;
  readonly engine: EngineStatus;
  readonly engineMessage: string | null;
  readonly recording: Recording | null;
  readonly attemptId: number | null;
  readonly result: AssessResult | null;
  readonly pair: PairOutcome | null;
  readonly overlay: OverlayData | null;
  readonly error: { readonly code: string; readonly message: string; readonly word?: string } | null;
  /** Why the last take was refused instead of scored (status `refused`). */
  readonly refusal: AttemptRefusal | null;
  /** A problem beside the result (e.g. the attempt could not be stored). */
  readonly notice: { readonly code: string; readonly message: string } | null;
  /** Milliseconds from the end of the recording to the result in the state. */
  readonly analysisMs: number | null;
}

export interface PracticeSlice {
  readonly practice: PracticeData;
  selectItem(packId: string, itemId: string): void;
  setVoice(voice: string): void;
  /** Practise the learner's own text (null: back to the lesson item); clears the last result. */
  setFreeText(text: string | null): void;
  startPractice(): Promise<void>;
  stopPractice(): void;
  /**
   * Stores the current recording again after saving it failed (e.g. STORAGE_FULL: the learner made
   * room); on success the notice becomes `SAVED` and the attempt gets its result or error.
   */
  retrySave(): Promise<void>;
  /** Loads the model and calibration ahead of the first attempt; safe to call twice. */
  loadEngine(): Promise<void>;
  disposePracticeResources(): void;
}

const firstPack = lessonPacks()[0];
export const INITIAL_PRACTICE_DATA: PracticeData = {
  packId: firstPack.id,
  itemId: firstPack.items[0].id,
  voice: 'slt',
  freeText: null,
  status: 'idle',
  level: { rms: 0, peak: 0 },
  elapsedSeconds: 0,
  engine: 'idle',
  engineMessage: null,
  recording: null,
  attemptId: null,
  result: null,
  pair: null,
  overlay: null,
  error: null,
  refusal: null,
  notice: null,
  analysisMs: null,
};

function problem(error: unknown, fallback: string): { code: string; message: string; word?: string } {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const details = 'details' in error ? (error.details as { word?: unknown } | undefined) : undefined;
    return typeof details?.word === 'string' ? { code: error.code, message: error.message, word: details.word } : { code: error.code, message: error.message };
  }
  return { code: fallback, message: error instanceof Error ? error.message : String(error) };
}

/** Frame posteriors back from the assessor's log posteriors. */
function posteriorgramOf(details: AssessDetails, classes: number): Posteriorgram {
  const data = new Float32Array(details.logPosteriors.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.exp(details.logPosteriors[i]);
  return { data, frames: data.length / classes, classes };
}

export function createPracticeSlice<S extends PracticeSlice & { recorder: { maxSeconds: number }; settings: { language: 'pt-BR' | 'en' } }>(deps: PracticeSliceDeps): StateCreator<S, [], [], PracticeSlice> {
  return (set, get) => {
    let recorder: Recorder | null = null;
    let engine: Promise<PracticeEngine> | null = null;
    let generation = 0;
    /** When the current recording was asked to stop (button or auto-stop), `now()` ms; 0 until then. */
    let stoppedAt = 0;
    /** What the current (or last) take is judged against, resolved when Record is pressed. */
    let target: PracticeTarget | null = null;
    let lexicon: Promise<Lexicon> | null = null;
    const patch = (data: Partial<PracticeData>) => set((state) => ({ practice: { ...state.practice, ...data } }) as Partial<S>);

    function ensureEngine(): Promise<PracticeEngine> {
      if (!engine) {
        patch({ engine: 'loading', engineMessage: null });
        engine = deps.loadEngine().then(
          (e) => {
            patch({ engine: 'ready', engineMessage: null });
            return e;
          },
          (error: unknown) => {
            engine = null;
            patch({ engine: 'unavailable', engineMessage: problem(error, 'MODEL_UNAVAILABLE').message });
            throw error;
          },
        );
      }
      return engine;
    }

    /**
     * Readies the current item's references ahead of the attempt (decoded audio, features and, for
     * pairs, posteriorgrams of target and partner in every voice), so stop-to-verdict does not pay
     * for them. Failures are ignored here: the attempt reports them if they persist.
     */
    async function prefetch(): Promise<void> {
      const { itemId } = get().practice;
      try {
        const index = await deps.loadReferenceIndex();
        const entry = index.items[itemId];
        if (!entry) return;
        const clips = [entry.clip, ...(entry.partnerClip ? [entry.partnerClip] : [])];
        const refs = await Promise.all(clips.flatMap((clip) => index.voices.map((v) => deps.loadNativeReference(index, clip, v.id))));
        if (!entry.partnerClip) return;
        const active = await ensureEngine();
        await Promise.all(refs.map((r) => active.posteriorgram(r)));
      } catch {
        // reported by the attempt, if it still fails then
      }
    }

    /** The lesson item, or the free text with its pronunciations (an unknown word is UNKNOWN_WORD, naming it). */
    function lessonTarget(): PracticeTarget {
      const { itemId } = get().practice;
      const found = findLessonItem(itemId);
      if (!found) throw new Error(`unknown lesson item ${itemId}`);
      return { itemId, pattern: found.pack.pattern, text: found.item.text, pronunciations: found.item.phones.map((p) => [p]), item: found.item };
    }

    async function resolveTarget(): Promise<PracticeTarget> {
      const { freeText } = get().practice;
      if (freeText === null) return lessonTarget();
      const text = freeText.trim().slice(0, MAX_FREE_TEXT);
      const words = splitWords(text);
      if (words.length === 0) throw new AssessError('EMPTY_TEXT', 'There is no word to practise: type a word or a sentence in English.');
      if (!deps.loadLexicon) throw Object.assign(new Error('Free text needs the pronouncing dictionary, which this build does not have.'), { code: 'LEXICON_UNAVAILABLE' });
      lexicon ??= deps.loadLexicon().catch((error: unknown) => {
        lexicon = null;
        throw Object.assign(new Error(`The pronouncing dictionary could not be loaded (${error instanceof Error ? error.message : String(error)}).`), { code: 'LEXICON_UNAVAILABLE' });
      });
      const dictionary = await lexicon;
      return { itemId: `free:${text}`, pattern: null, text, pronunciations: words.map((w) => dictionary.pronunciations(w)), item: null };
    }

    /**
     * Stores the recording as an attempt of the current item. A full storage gives the STORAGE_FULL
     * notice (nothing stored before is touched; the recording stays in memory for a retry or a
     * download), any other failure SAVE_FAILED. The first saved attempt asks for persistent storage.
     */
    async function store(db: SotaqueDb, recording: Recording): Promise<{ attemptId: number } | { notice: NonNullable<PracticeData['notice']> }> {
      const current = target;
      try {
        if (!current) throw new Error('nothing to store the recording against');
        // The active profile (the first run creates one).
        const learnerId = await activeLearner(db, get().settings.language);
        const audio = new Blob([encodeWav(recording.samples, recording.sampleRateHz)], { type: 'audio/wav' });
        const attemptId = await saveAttempt(db, { learnerId, itemId: current.itemId, pattern: current.pattern, text: current.text, durationSeconds: recording.durationSeconds, sampleRateHz: recording.sampleRateHz, audio });
        void requestPersistence(db);
        return { attemptId };
      } catch (error) {
        const p = problem(asStorageError(error), 'SAVE_FAILED');
        if (p.code === 'STORAGE_FULL') return { notice: p };
        return { notice: { code: 'SAVE_FAILED', message: `The recording could not be stored on this device (${p.message}); it is analysed anyway.` } };
      }
    }

    /** `samples16k`: the recording already at 16 kHz (resampled while it was captured), or null. */
    async function analyse(recording: Recording, samples16k: Float32Array | null, mine: number, stoppedAt: number): Promise<void> {
      const { packId, voice } = get().practice;
      const current = target;
      if (!current) return;
      const { item, itemId } = current;
      patch({ status: 'saving', recording, level: { rms: 0, peak: 0 } });
      const db = deps.openDb();
      let attemptId: number | null = null;
      let notice: PracticeData['notice'] =
        recording.endedBy === 'max-length' ? { code: 'MAX_LENGTH', message: `The recording reached its ${recording.durationSeconds.toFixed(0)} s limit and stopped; what was recorded is kept.` } : null;
      const saveStart = performance.now();
      const stored = await store(db, recording);
      if ('attemptId' in stored) attemptId = stored.attemptId;
      else notice = stored.notice;
      measureStage('save', saveStart);
      if (mine !== generation) return;
      patch({ status: 'analysing', attemptId, notice });
      let t = performance.now();
      try {
        // A take that cannot be scored (silent, clipped, far longer than the item) is refused before
        // the model is needed: kept with its reason, never scored or counted.
        const at16k = samples16k ?? resampleTo16k(recording.samples, recording.sampleRateHz);
        const usability = judgeUsability({ samples16k: at16k, trim: trimSilence(at16k), expected: { words: current.pronunciations.length, phones: current.pronunciations.reduce((n, alternatives) => n + (alternatives[0]?.length ?? 0), 0) } });
        if (!usability.usable) {
          const refusal: AttemptRefusal = { reason: usability.reason, speechSeconds: Math.round(usability.speechSeconds * 100) / 100 };
          if (attemptId !== null) await refuseAttempt(db, attemptId, refusal).catch(() => undefined);
          if (mine === generation) patch({ status: 'refused', refusal });
          return;
        }
        const active = await ensureEngine();
        measureStage('precheck', t);
        const { result: gopResult, details } = await active.assessDetailed({
          id: attemptId === null ? 'attempt' : `attempt-${attemptId}`,
          text: current.text,
          samples: at16k,
          sampleRateHz: 16_000,
          pronunciations: current.pronunciations,
        });
        let result = gopResult;
        let pair: PairOutcome | null = null;
        t = performance.now();
        // Free text has no native recording: no pair comparison, no overlay.
        const index = item ? await deps.loadReferenceIndex() : null;
        const entry = item ? index?.items[itemId] : undefined;
        const focus = item?.partnerPhones ? pairFocus(item.phones, item.partnerPhones) : null;
        if (index && entry?.partnerClip && focus && item?.partner) {
          const voices = index.voices.map((v) => v.id);
          const grams = async (clip: string) => Promise.all(voices.map(async (v) => active.posteriorgram(await deps.loadNativeReference(index, clip, v))));
          const [targets, partners] = await Promise.all([grams(entry.clip), grams(entry.partnerClip)]);
          const classes = targets[0].classes;
          const judgement = compareWithReferences(posteriorgramOf(details, classes), targets, partners);
          const measurement = details.measurements.filter((m) => m.word === focus.word)[focus.index];
          if (measurement && !measurement.skipped) {
            const threshold = active.calibration.thresholds[focus.phone] ?? active.calibration.defaultThreshold;
            const combined = combineJudgements(measurement.gop, threshold, active.calibration.slope, judgement);
            result = applyPairJudgement(gopResult, focus, combined);
            pair = { focusPhone: focus.phone, partnerPhone: focus.partnerPhone, partner: item.partner, ...judgement, pOk: combined.pOk };
          }
        }
        if (pair) t = measureStage('pair-compare', t);
        let overlay: OverlayData | null = null;
        if (index && entry) {
          const native = await deps.loadNativeReference(index, entry.clip, voice);
          const a = normalise(details.logMel);
          const b = normalise(native.logMel);
          const { path } = dtw(a.data, a.frames, b.data, b.frames, a.bands, { band: 0.5 });
          overlay = { learnerLogMel: details.logMel, learnerOffsetSeconds: details.trim.start / 16_000, native, path };
          t = measureStage('overlay', t);
        }
        if (mine !== generation) return;
        if (attemptId !== null) await completeAttempt(db, attemptId, result, active.modelVersion).catch(() => undefined);
        measureStage('store-result', t);
        performance.mark(COMMIT_MARK);
        patch({ status: 'done', result, pair, overlay, analysisMs: Math.round(deps.now() - stoppedAt), packId });
      } catch (error) {
        const p = problem(error, 'ANALYSIS_FAILED');
        if (attemptId !== null) await failAttempt(db, attemptId, p).catch(() => undefined);
        if (mine === generation) patch({ status: 'error', error: p });
      }
    }

    return {
      practice: INITIAL_PRACTICE_DATA,
      selectItem(packId, itemId) {
        if (get().practice.status === 'recording') return;
        generation++;
        setTimeout(() => void prefetch(), 0);
        patch({ packId, itemId, status: 'idle', recording: null, attemptId: null, result: null, pair: null, overlay: null, error: null, refusal: null, notice: null, analysisMs: null });
      },
      setVoice(voice) {
        patch({ voice });
      },
      setFreeText(text) {
        if (get().practice.status === 'recording') return;
        generation++;
        patch({ freeText: text === null ? null : text.slice(0, MAX_FREE_TEXT), status: 'idle', recording: null, attemptId: null, result: null, pair: null, overlay: null, error: null, refusal: null, notice: null, analysisMs: null });
      },
      async startPractice() {
        const { status } = get().practice;
        if (status === 'recording' || status === 'saving' || status === 'analysing') return;
        recorder?.dispose();
        const mine = ++generation;
        // What this take is judged against; free text with an unknown word is refused before recording, naming the word.
        try {
          // A lesson item resolves at once (no await: the recorder starts in this same turn); free text reads the dictionary.
          target = get().practice.freeText === null ? lessonTarget() : await resolveTarget();
        } catch (error) {
          if (mine === generation) patch({ status: 'error', error: problem(error, 'TEXT_INVALID'), recording: null, result: null, pair: null, overlay: null, refusal: null, notice: null, analysisMs: null });
          return;
        }
        if (mine !== generation) return;
        const stopper = createSilenceStopper();
        // Resampled to 16 kHz while it is captured, so the stop only waits for the last blocks.
        let stream: StreamingResampler | null = null;
        let streamRateHz = 0;
        stoppedAt = 0;
        clearStageTimings();
        const current = deps.createRecorder({
          maxSeconds: clampMaxSeconds(get().recorder.maxSeconds),
          onSamples: (block, rateHz) => {
            if (!stream) {
              stream = createStreamingResampler(rateHz, 16_000);
              streamRateHz = rateHz;
            }
            stream.push(block);
          },
          onLevel: (level) => {
            if (mine !== generation) return;
            patch({ level: { rms: level.rms, peak: level.peak }, elapsedSeconds: level.elapsedSeconds });
            if (stopper.update(level.rms, level.elapsedSeconds) && current.state === 'recording') {
              stoppedAt = deps.now();
              performance.mark(STOP_MARK);
              void current.stop().catch(() => undefined);
            }
          },
        });
        recorder = current;
        patch({ status: 'recording', elapsedSeconds: 0, recording: null, attemptId: null, result: null, pair: null, overlay: null, error: null, refusal: null, notice: null, analysisMs: null });
        void ensureEngine().catch(() => undefined);
        try {
          await current.start();
          const recording = await current.finished;
          const stopMark = performance.getEntriesByName(STOP_MARK, 'mark').at(-1);
          if (stopMark) measureStage('capture-flush', stopMark.startTime);
          else performance.mark(STOP_MARK); // stopped by the length limit or the device: no flush to wait for
          if (stoppedAt === 0) stoppedAt = deps.now();
          const resampleStart = performance.now();
          const streamed = stream as StreamingResampler | null;
          // The blocks are the recording, in order: the same length means the same samples.
          const samples16k = streamed && streamed.pushed === recording.samples.length && streamRateHz === recording.sampleRateHz ? streamed.finish() : null;
          if (samples16k) measureStage('resample', resampleStart);
          if (mine === generation) await analyse(recording, samples16k, mine, stoppedAt);
        } catch (error) {
          if (mine === generation) patch({ status: 'error', error: problem(error, 'CAPTURE_FAILED'), level: { rms: 0, peak: 0 } });
        } finally {
          if (recorder === current) recorder = null;
          current.dispose();
        }
      },
      stopPractice() {
        if (get().practice.status !== 'recording' || !recorder) return;
        stoppedAt = deps.now();
        performance.mark(STOP_MARK);
        void recorder.stop().catch(() => undefined);
      },
      async retrySave() {
        const { recording, attemptId, status, result, error } = get().practice;
        if (!recording || attemptId !== null || status === 'recording' || status === 'saving' || status === 'analysing') return;
        const mine = generation;
        const db = deps.openDb();
        const stored = await store(db, recording);
        if (mine !== generation) return;
        if (!('attemptId' in stored)) {
          patch({ notice: stored.notice });
          return;
        }
        const id = stored.attemptId;
        if (result) {
          const modelVersion = engine ? await engine.then((e) => e.modelVersion, () => null) : null;
          await completeAttempt(db, id, result, modelVersion).catch(() => undefined);
        } else if (error) {
          await failAttempt(db, id, error).catch(() => undefined);
        }
        if (mine === generation) patch({ attemptId: id, notice: { code: 'SAVED', message: 'The recording is now stored on this device.' } });
      },
      async loadEngine() {
        await ensureEngine().catch(() => undefined);
        await prefetch();
      },
      disposePracticeResources() {
        generation++;
        recorder?.dispose();
        recorder = null;
      },
    };
  };
}
