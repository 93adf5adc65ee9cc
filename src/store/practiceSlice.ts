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
import { combineJudgements, compareWithReferences, type AssessDetails, type AssessResult, type Posteriorgram } from '../assess';
import { clampMaxSeconds, encodeWav, type Recorder, type RecorderOptions, type Recording } from '../audio';
import { activeLearner, completeAttempt, failAttempt, saveAttempt, type SotaqueDb } from '../db';
import { dtw, normalise, trimSilence, type LogMel } from '../dsp';
import { findLessonItem, lessonPacks } from '../lessons/packs';
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
}

export type PracticeStatus = 'idle' | 'recording' | 'saving' | 'analysing' | 'done' | 'error';
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
  readonly error: { readonly code: string; readonly message: string } | null;
  /** A problem beside the result (e.g. the attempt could not be stored). */
  readonly notice: { readonly code: string; readonly message: string } | null;
  /** Milliseconds from the end of the recording to the result in the state. */
  readonly analysisMs: number | null;
}

export interface PracticeSlice {
  readonly practice: PracticeData;
  selectItem(packId: string, itemId: string): void;
  setVoice(voice: string): void;
  startPractice(): Promise<void>;
  stopPractice(): void;
  /** Loads the model and calibration ahead of the first attempt; safe to call twice. */
  loadEngine(): Promise<void>;
  disposePracticeResources(): void;
}

const firstPack = lessonPacks()[0];
export const INITIAL_PRACTICE_DATA: PracticeData = {
  packId: firstPack.id,
  itemId: firstPack.items[0].id,
  voice: 'slt',
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
  notice: null,
  analysisMs: null,
};

function problem(error: unknown, fallback: string): { code: string; message: string } {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return { code: error.code, message: error.message };
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

    async function analyse(recording: Recording, mine: number, stoppedAt: number): Promise<void> {
      const { packId, itemId, voice } = get().practice;
      const found = findLessonItem(itemId);
      if (!found) return;
      const { pack, item } = found;
      patch({ status: 'saving', recording, level: { rms: 0, peak: 0 } });
      const db = deps.openDb();
      let attemptId: number | null = null;
      let notice: PracticeData['notice'] =
        recording.endedBy === 'max-length' ? { code: 'MAX_LENGTH', message: `The recording reached its ${recording.durationSeconds.toFixed(0)} s limit and stopped; what was recorded is kept.` } : null;
      try {
        // The active profile (the first run creates one).
        const learnerId = await activeLearner(db, get().settings.language);
        const audio = new Blob([encodeWav(recording.samples, recording.sampleRateHz)], { type: 'audio/wav' });
        attemptId = await saveAttempt(db, { learnerId, itemId, pattern: pack.pattern, text: item.text, durationSeconds: recording.durationSeconds, sampleRateHz: recording.sampleRateHz, audio });
      } catch (error) {
        notice = { code: 'SAVE_FAILED', message: `The recording could not be stored on this device (${problem(error, 'SAVE_FAILED').message}); it is analysed anyway.` };
      }
      if (mine !== generation) return;
      patch({ status: 'analysing', attemptId, notice });
      try {
        // Silence is refused before the model is needed (the assessor checks again on the 16 kHz samples).
        if (trimSilence(recording.samples, { sampleRateHz: recording.sampleRateHz }).silent) {
          throw Object.assign(new Error('The recording is silent: no speech was heard. Check that the microphone is on and speak a little closer to it.'), { code: 'CLIP_SILENT' });
        }
        const active = await ensureEngine();
        const { result: gopResult, details } = await active.assessDetailed({
          id: attemptId === null ? 'attempt' : `attempt-${attemptId}`,
          text: item.text,
          samples: recording.samples,
          sampleRateHz: recording.sampleRateHz,
          pronunciations: item.phones.map((p) => [p]),
        });
        let result = gopResult;
        let pair: PairOutcome | null = null;
        const index = await deps.loadReferenceIndex();
        const entry = index.items[itemId];
        const focus = item.partnerPhones ? pairFocus(item.phones, item.partnerPhones) : null;
        if (entry?.partnerClip && focus && item.partner) {
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
        let overlay: OverlayData | null = null;
        if (entry) {
          const native = await deps.loadNativeReference(index, entry.clip, voice);
          const a = normalise(details.logMel);
          const b = normalise(native.logMel);
          const { path } = dtw(a.data, a.frames, b.data, b.frames, a.bands, { band: 0.5 });
          overlay = { learnerLogMel: details.logMel, learnerOffsetSeconds: details.trim.start / 16_000, native, path };
        }
        if (mine !== generation) return;
        if (attemptId !== null) await completeAttempt(db, attemptId, result, active.modelVersion).catch(() => undefined);
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
        patch({ packId, itemId, status: 'idle', recording: null, attemptId: null, result: null, pair: null, overlay: null, error: null, notice: null, analysisMs: null });
      },
      setVoice(voice) {
        patch({ voice });
      },
      async startPractice() {
        const { status } = get().practice;
        if (status === 'recording' || status === 'saving' || status === 'analysing') return;
        recorder?.dispose();
        const mine = ++generation;
        const stopper = createSilenceStopper();
        stoppedAt = 0;
        const current = deps.createRecorder({
          maxSeconds: clampMaxSeconds(get().recorder.maxSeconds),
          onLevel: (level) => {
            if (mine !== generation) return;
            patch({ level: { rms: level.rms, peak: level.peak }, elapsedSeconds: level.elapsedSeconds });
            if (stopper.update(level.rms, level.elapsedSeconds) && current.state === 'recording') {
              stoppedAt = deps.now();
              void current.stop().catch(() => undefined);
            }
          },
        });
        recorder = current;
        patch({ status: 'recording', elapsedSeconds: 0, recording: null, attemptId: null, result: null, pair: null, overlay: null, error: null, notice: null, analysisMs: null });
        void ensureEngine().catch(() => undefined);
        try {
          await current.start();
          const recording = await current.finished;
          if (stoppedAt === 0) stoppedAt = deps.now();
          if (mine === generation) await analyse(recording, mine, stoppedAt);
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
        void recorder.stop().catch(() => undefined);
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
