/**
 * The practice slice: a lesson item (or the learner's own text, its words' pronunciations from the
 * dictionary) → native playback (the UI plays the files) → record with the
 * live level and an automatic stop on trailing silence → save the attempt (audio blob) → judge it
 * (src/assess `judgeAttempt`: GOP verdicts and, for minimal pairs, the pair evidence) → the result and
 * the overlay data.
 *
 * The recording is stored before any analysis starts; a failed analysis marks the stored attempt
 * failed with its error and keeps the audio. The engine (model, calibration) loads lazily; while it
 * is missing the slice says `unavailable` and why, and recording still works (attempts are kept).
 */
import type { StateCreator } from 'zustand/vanilla';
import { clearStageTimings, COMMIT_MARK, measureStage, STOP_MARK, type AssessResult, type Lexicon, type PairOutcome } from '../assess';
import { clampMaxSeconds, type Recorder, type RecorderOptions, type Recording } from '../audio';
import type { AttemptRefusal, SotaqueDb } from '../db';
import { findLessonItem, lessonPacks } from '../lessons/packs';
import type { ReferenceIndex } from '../lessons/references';
import {
  createCaptureResampler,
  freeTextTarget,
  judgeRecording,
  lessonTarget,
  lexiconOnDemand,
  MAX_FREE_TEXT,
  storeFailure,
  storeRecording,
  storeRefusal,
  storeResult,
  takeRefusal,
  toFeatureRate,
  type NativeReference,
  type OverlayData,
  type PracticeEngine,
  type PracticeTarget,
  type StreamingResampler,
} from '../practice';
import { toProblem, type Problem } from './problems';
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

export { MAX_FREE_TEXT };

/** `refused`: the take could not be scored (silent, clipped, far longer than the item…) and asks for a new one. */
export type PracticeStatus = 'idle' | 'recording' | 'saving' | 'analysing' | 'done' | 'error' | 'refused';
export type EngineStatus = 'idle' | 'loading' | 'ready' | 'unavailable';

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
  readonly error: Problem | null;
  /** Why the last take was refused instead of scored (status `refused`). */
  readonly refusal: AttemptRefusal | null;
  /** A problem beside the result (e.g. the attempt could not be stored). */
  readonly notice: Problem | null;
  /** Milliseconds from the end of the recording to the result in the state. */
  readonly analysisMs: number | null;
  /** Which path computed the last attempt's log-mel, and why (null until an attempt is analysed). */
  readonly melPath: { readonly path: 'webgpu' | 'cpu'; readonly reason: string; readonly adapter?: string } | null;
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
  melPath: null,
};


export function createPracticeSlice<S extends PracticeSlice & { recorder: { maxSeconds: number }; settings: { language: 'pt-BR' | 'en' } }>(deps: PracticeSliceDeps): StateCreator<S, [], [], PracticeSlice> {
  return (set, get) => {
    let recorder: Recorder | null = null;
    let engine: Promise<PracticeEngine> | null = null;
    let generation = 0;
    /** When the current recording was asked to stop (button or auto-stop), `now()` ms; 0 until then. */
    let stoppedAt = 0;
    /** What the current (or last) take is judged against, resolved when Record is pressed. */
    let target: PracticeTarget | null = null;
    const lexicon = lexiconOnDemand(deps.loadLexicon);
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
            patch({ engine: 'unavailable', engineMessage: toProblem(error, 'MODEL_UNAVAILABLE').message });
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

    /** The lesson item, or the free text with its pronunciations (src/practice `lessonTarget` / `freeTextTarget`: an unknown word is UNKNOWN_WORD, naming it). */
    function lessonItemTarget(): PracticeTarget {
      const { itemId } = get().practice;
      const found = findLessonItem(itemId);
      if (!found) throw new Error(`unknown lesson item ${itemId}`);
      return lessonTarget(found);
    }

    /**
     * Stores the recording as an attempt of the current target (src/practice `storeRecording`). A full
     * storage gives the STORAGE_FULL notice (nothing stored before is touched; the recording stays in
     * memory for a retry or a download), any other failure SAVE_FAILED.
     */
    async function store(db: SotaqueDb, recording: Recording): Promise<{ attemptId: number } | { notice: Problem }> {
      const current = target;
      try {
        if (!current) throw new Error('nothing to store the recording against');
        return { attemptId: await storeRecording(db, current, get().settings.language, recording) };
      } catch (error) {
        const p = toProblem(error, 'SAVE_FAILED');
        if (p.code === 'STORAGE_FULL') return { notice: p };
        return { notice: { code: 'SAVE_FAILED', message: `The recording could not be stored on this device (${p.message}); it is analysed anyway.` } };
      }
    }

    /**
     * The attempt's way to the screen: saving → analysing (src/practice `judgeRecording`) → done with
     * the verdicts and the overlay, or error. `samples16k`: the recording already at 16 kHz
     * (resampled while it was captured), or null.
     */
    async function analyse(recording: Recording, samples16k: Float32Array | null, mine: number, stoppedAt: number): Promise<void> {
      const { packId, voice } = get().practice;
      const current = target;
      if (!current) return;
      patch({ status: 'saving', recording, level: { rms: 0, peak: 0 } });
      const db = deps.openDb();
      const saveStart = performance.now();
      const stored = await store(db, recording);
      measureStage('save', saveStart);
      if (mine !== generation) return;
      const attemptId = 'attemptId' in stored ? stored.attemptId : null;
      const maxLength: Problem | null =
        recording.endedBy === 'max-length' ? { code: 'MAX_LENGTH', message: `The recording reached its ${recording.durationSeconds.toFixed(0)} s limit and stopped; what was recorded is kept.` } : null;
      patch({ status: 'analysing', attemptId, notice: 'notice' in stored ? stored.notice : maxLength });
      let t = performance.now();
      try {
        // A take that cannot be scored (silent, clipped, far longer than the item) is refused before
        // the model is needed: kept with its reason, never scored or counted.
        const at16k = samples16k ?? toFeatureRate(recording.samples, recording.sampleRateHz);
        const refusal = takeRefusal(current, at16k);
        if (refusal) {
          // The refusal is shown even if marking the stored attempt fails; its audio is kept either way.
          if (attemptId !== null) await storeRefusal(db, attemptId, refusal).catch(() => undefined);
          if (mine === generation) patch({ status: 'refused', refusal });
          return;
        }
        const judged = await judgeRecording(ensureEngine, deps, {
          target: current,
          id: attemptId === null ? 'attempt' : `attempt-${attemptId}`,
          recording,
          samples16k: at16k,
          voice,
          onEngineReady: () => (t = measureStage('precheck', t)),
          onJudged: () => (t = performance.now()),
        });
        if (judged.overlay) t = measureStage('overlay', t);
        if (mine !== generation) return;
        const modelVersion = (await ensureEngine()).modelVersion;
        // The result is shown even if storing it fails; the attempt row keeps its audio either way.
        if (attemptId !== null) await storeResult(db, attemptId, judged.result, modelVersion).catch(() => undefined);
        measureStage('store-result', t);
        performance.mark(COMMIT_MARK);
        patch({ status: 'done', result: judged.result, pair: judged.pair, overlay: judged.overlay, analysisMs: Math.round(deps.now() - stoppedAt), packId, melPath: judged.melPath });
      } catch (error) {
        const p = toProblem(error, 'ANALYSIS_FAILED');
        // The error is shown even if marking the stored attempt failed does not succeed.
        if (attemptId !== null) await storeFailure(db, attemptId, p).catch(() => undefined);
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
          const { freeText } = get().practice;
          target = freeText === null ? lessonItemTarget() : await freeTextTarget(freeText, lexicon);
        } catch (error) {
          if (mine === generation) patch({ status: 'error', error: toProblem(error, 'TEXT_INVALID'), recording: null, result: null, pair: null, overlay: null, refusal: null, notice: null, analysisMs: null });
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
              stream = createCaptureResampler(rateHz);
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
              void current.stop().catch(() => undefined); // `finished` reports how the recording ended
            }
          },
        });
        recorder = current;
        patch({ status: 'recording', elapsedSeconds: 0, recording: null, attemptId: null, result: null, pair: null, overlay: null, error: null, refusal: null, notice: null, analysisMs: null });
        void ensureEngine().catch(() => undefined); // loads while the learner speaks; the state says `unavailable` and the attempt reports it
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
          if (mine === generation) patch({ status: 'error', error: toProblem(error, 'CAPTURE_FAILED'), level: { rms: 0, peak: 0 } });
        } finally {
          if (recorder === current) recorder = null;
          current.dispose();
        }
      },
      stopPractice() {
        if (get().practice.status !== 'recording' || !recorder) return;
        stoppedAt = deps.now();
        performance.mark(STOP_MARK);
        void recorder.stop().catch(() => undefined); // `finished` reports how the recording ended
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
          // The row and its audio are stored (the point of the retry); the result is best effort.
          await storeResult(db, id, result, modelVersion).catch(() => undefined);
        } else if (error) {
          await storeFailure(db, id, error).catch(() => undefined); // likewise
        }
        if (mine === generation) patch({ attemptId: id, notice: { code: 'SAVED', message: 'The recording is now stored on this device.' } });
      },
      async loadEngine() {
        await ensureEngine().catch(() => undefined); // the state says `unavailable` and why
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
