/**
 * Geometry of the spectrogram overlay, pure: the learner's log-mel frames are the time axis; the
 * native log-mel is resampled onto it through the DTW path (each learner frame shows the native
 * frame it maps to), so both rows line up sound by sound. Phone segments of both speakers are
 * expressed in learner frames for drawing, and in each file's own seconds for playing slices.
 */
import type { PhoneAssessment, Verdict } from '../assess';
import { DEFAULT_FEATURE_CONFIG, warpIndex } from '../dsp';

const { hopLengthSamples: HOP, frameLengthSamples: WINDOW, sampleRateHz: RATE } = DEFAULT_FEATURE_CONFIG;

/** Centre time (s, from the log-mel's first sample) of frame i. */
export function frameSeconds(i: number): number {
  return (HOP * i + WINDOW / 2) / RATE;
}

/** Nearest frame to a time (s, from the log-mel's first sample), clamped to [0, frames]. */
export function frameAt(seconds: number, frames: number): number {
  return Math.min(frames, Math.max(0, Math.round((seconds * RATE - WINDOW / 2) / HOP)));
}

export interface OverlaySegment {
  readonly label: string;
  /** Learner frames [start, end) the segment covers on the shared axis. */
  readonly startFrame: number;
  readonly endFrame: number;
  readonly verdict: Verdict | null;
  readonly heard: string | null;
  /** The learner's slice, seconds in the learner's recording. */
  readonly learner: { readonly start: number; readonly end: number };
  /** The matching native slice, seconds in the native file. */
  readonly native: { readonly start: number; readonly end: number };
}

export interface OverlayModel {
  readonly frames: number;
  /** Native frame shown at each learner frame. */
  readonly warp: Int32Array;
  readonly learnerSegments: readonly OverlaySegment[];
  readonly nativeSegments: readonly OverlaySegment[];
}

export interface OverlayInput {
  readonly learnerFrames: number;
  readonly learnerOffsetSeconds: number;
  readonly nativeFrames: number;
  readonly nativeOffsetSeconds: number;
  readonly path: readonly [number, number][];
  readonly learnerPhones: readonly PhoneAssessment[];
  readonly nativePhones: readonly { readonly phone: string; readonly start: number; readonly end: number }[];
}

export function overlayModel(input: OverlayInput): OverlayModel {
  const { learnerFrames: n, nativeFrames: m } = input;
  const warp = warpIndex(input.path, n);
  // Inverse map: the first learner frame showing native frame j or later.
  const learnerOf = (j: number) => {
    for (let i = 0; i < n; i++) if (warp[i] >= j) return i;
    return n;
  };
  /** Native seconds covered by learner frames [a, b): the first to the last native frame the path pairs with them. */
  const nativeSpan = (a: number, b: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const [i, j] of input.path) {
      if (i < a || i >= Math.max(b, a + 1)) continue;
      lo = Math.min(lo, j);
      hi = Math.max(hi, j);
    }
    if (!Number.isFinite(lo)) return { start: input.nativeOffsetSeconds, end: input.nativeOffsetSeconds };
    return { start: input.nativeOffsetSeconds + frameSeconds(lo) - HOP / RATE / 2, end: input.nativeOffsetSeconds + frameSeconds(hi) + HOP / RATE / 2 };
  };
  const learnerSegments = input.learnerPhones.map((p) => {
    const startFrame = frameAt(p.start - input.learnerOffsetSeconds, n);
    const endFrame = Math.max(startFrame, frameAt(p.end - input.learnerOffsetSeconds, n));
    return {
      label: p.phone,
      startFrame,
      endFrame,
      verdict: p.verdict,
      heard: p.heard,
      learner: { start: p.start, end: p.end },
      native: nativeSpan(startFrame, endFrame),
    };
  });
  const nativeSegments = input.nativePhones
    .filter((p) => p.phone !== 'SIL')
    .map((p) => {
      const startFrame = learnerOf(frameAt(p.start - input.nativeOffsetSeconds, m));
      const endFrame = Math.max(startFrame, learnerOf(frameAt(p.end - input.nativeOffsetSeconds, m)));
      return {
        label: p.phone,
        startFrame,
        endFrame,
        verdict: null,
        heard: null,
        learner: { start: input.learnerOffsetSeconds + frameSeconds(startFrame), end: input.learnerOffsetSeconds + frameSeconds(endFrame) },
        native: { start: p.start, end: p.end },
      };
    });
  return { frames: n, warp, learnerSegments, nativeSegments };
}

/** Shortest stretch a tapped sound plays of each recording, seconds. */
export const MIN_SLICE_SECONDS = 0.3;
/** Context kept on each side of a tapped sound, seconds. */
export const SLICE_CONTEXT_SECONDS = 0.12;

/**
 * The stretch of a recording to play for a tapped sound: the sound with `contextSeconds` on each side,
 * widened evenly to at least `minSeconds`, kept inside [0, clipSeconds] (shifted, not cut, at an edge).
 */
export function playableSpan(span: { readonly start: number; readonly end: number }, clipSeconds: number, minSeconds = MIN_SLICE_SECONDS, contextSeconds = SLICE_CONTEXT_SECONDS): { start: number; end: number } {
  let start = Math.min(span.start, span.end) - contextSeconds;
  let end = Math.max(span.start, span.end) + contextSeconds;
  if (end - start < minSeconds) {
    const grow = (minSeconds - (end - start)) / 2;
    start -= grow;
    end += grow;
  }
  if (start < 0) {
    end = Math.min(clipSeconds, end - start);
    start = 0;
  }
  if (end > clipSeconds) {
    start = Math.max(0, start - (end - clipSeconds));
    end = clipSeconds;
  }
  return { start, end };
}
