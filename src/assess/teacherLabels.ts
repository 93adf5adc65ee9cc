/**
 * What fine-tuning on a teacher's recordings needs from the assessment, as pure functions over
 * posteriors: frame labels (the forced alignment of the lesson item's own phones, each frame labelled
 * with the phone whose aligned span holds it, silence SIL), and the native-rendition judge (how many of
 * the expected phones the assessment rejects — on a native rendition every rejection is a false one).
 */
import { logMelSpectrogram, normalise } from '../dsp';
import type { ClipJudge, FrameLabeller, TuningClip } from '../model/finetune';
import { PHONE_COUNT, phoneIndex, SIL_INDEX } from '../model/phones';
import { buildAlignGraph, DEFAULT_ALIGN_OPTIONS, viterbiAlign, type AlignOptions, type ExpectedWord } from './forcedAlign';
import type { Pronunciation } from './lexicon';
import { LOG_FLOOR, scoreAlignment } from './score';
import type { Calibration } from './types';


/** Posteriors of one clip, `frames × classes` probabilities. */
export interface ClipPosteriors {
  readonly data: Float32Array;
  readonly frames: number;
}

/** Log posteriors floored as the assessor floors them. */
export function logPosteriorsOf(posteriors: ClipPosteriors): Float32Array {
  const out = new Float32Array(posteriors.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(LOG_FLOOR, Math.log(posteriors.data[i]));
  return out;
}

/** Expected words of an item: its text split on spaces, one pronunciation per word. */
export function itemWords(text: string, phones: readonly (readonly string[])[]): ExpectedWord[] {
  const words = text.trim().split(/\s+/);
  return words.map((word, i) => ({ word, pronunciations: [phones[i] as Pronunciation] }));
}

/**
 * Frame labels of a clip by forced alignment of `words` over its posteriors: the expected phone for
 * frames of a phone unit, SIL for silence, the strongest allowed vowel for an inserted vowel. Null
 * when the clip is too short for the phones.
 */
export function alignedFrameLabels(posteriors: ClipPosteriors, words: readonly ExpectedWord[], options: Partial<AlignOptions> = {}): Int32Array | null {
  const logPosteriors = logPosteriorsOf(posteriors);
  const graph = buildAlignGraph(words, { ...DEFAULT_ALIGN_OPTIONS, ...options });
  const alignment = viterbiAlign(graph, logPosteriors, posteriors.frames, PHONE_COUNT);
  if (!alignment) return null;
  const labels = new Int32Array(posteriors.frames).fill(SIL_INDEX);
  for (const step of alignment.path) {
    const unit = graph.units[step.unit];
    let label = SIL_INDEX;
    if (unit.kind === 'phone') {
      label = phoneIndex(words[unit.word].pronunciations[unit.alternative][unit.position]);
    } else if (unit.kind === 'epenthesis') {
      let best = -Infinity;
      for (const c of unit.classes) {
        let sum = 0;
        for (let t = step.startFrame; t < step.endFrame; t++) sum += logPosteriors[t * PHONE_COUNT + c];
        if (sum > best) {
          best = sum;
          label = c;
        }
      }
    }
    labels.fill(label, step.startFrame, step.endFrame);
  }
  return labels;
}

/** Phones of `words` the assessment judges, and how many it rejects (not ok, or a vowel it says was inserted). */
export function judgeRendition(posteriors: ClipPosteriors, words: readonly ExpectedWord[], calibration: Calibration): { phones: number; rejected: number; verdicts: string[] } | null {
  const logPosteriors = logPosteriorsOf(posteriors);
  const graph = buildAlignGraph(words, { ...DEFAULT_ALIGN_OPTIONS, ...(calibration.align ?? {}) });
  const alignment = viterbiAlign(graph, logPosteriors, posteriors.frames, PHONE_COUNT);
  if (!alignment) return null;
  const scored = scoreAlignment({ words, graph, alignment, logPosteriors, classes: PHONE_COUNT, calibration, offsetSeconds: 0 });
  const entries = scored.words.flatMap((w) => w.phones);
  const expected = words.reduce((n, w) => n + w.pronunciations[0].length, 0);
  return { phones: expected, rejected: entries.filter((p) => p.verdict !== 'ok').length, verdicts: entries.map((p) => `${p.phone}:${p.verdict}`) };
}

/** A teacher's rendition of a lesson item: its id, the item's text and phones, the trimmed 16 kHz samples. */
export interface TeacherRendition {
  readonly id: string;
  readonly text: string;
  readonly phones: readonly (readonly string[])[];
  readonly samples16k: Float32Array;
}

/** Fine-tuning inputs from teacher renditions: clips (normalised log-mel), labels by alignment, and the native judge. */
export function teacherTuning(renditions: readonly TeacherRendition[], calibration: Calibration): { clips: TuningClip[]; label: FrameLabeller; judge: ClipJudge } {
  const words = new Map(renditions.map((r) => [r.id, itemWords(r.text, r.phones)]));
  const clips = renditions.map((r) => ({ id: r.id, logMel: normalise(logMelSpectrogram(r.samples16k)) }));
  return {
    clips,
    label: (clip, posteriors) => alignedFrameLabels(posteriors, words.get(clip.id)!, calibration.align ?? {}),
    judge: (clip, posteriors) => judgeRendition(posteriors, words.get(clip.id)!, calibration),
  };
}
