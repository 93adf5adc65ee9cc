/**
 * The learner's log-mel (top) and the native speaker's (bottom) on one time axis: the native rows
 * are warped onto the learner's frames by the DTW path (overlayModel.ts), so each sound sits above
 * its native counterpart. Phone boundaries of both are drawn and labelled; mispronounced sounds are
 * highlighted across both rows; each learner sound is a button that plays that slice of both, with
 * context (at least 300 ms of each, `playableSpan`), highlighting the sound while it plays.
 *
 * Drawn with canvas 2D: the image is at most a few thousand columns × 129 rows, built in one
 * `putImageData` in well under a millisecond; WebGPU would add device and pipeline set-up for no
 * measurable gain at this size (and is slower still on software adapters). Labels and tap targets
 * are HTML over the canvas, so they stay crisp at 360 px and reachable by keyboard and screen readers.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PhoneAssessment } from '../assess';
import type { LogMel } from '../dsp';
import type { UiStrings } from '../lessons/i18n';
import type { OverlayData } from '../store';
import { rampColour, DISPLAY_RANGE_NATS } from './logMelImage';
import { soundLabel } from '../lessons/strings/sounds';
import type { Clip } from './playback';
import { overlayModel, playableSpan, type OverlaySegment } from './overlayModel';

/** The two slices a tapped sound plays: the learner's then the native's, each with context (`playableSpan`). */
export function segmentSlices(segment: OverlaySegment, learner: Clip, native: Clip): { clip: Clip; start: number; end: number }[] {
  const seconds = (c: Clip) => c.samples.length / c.sampleRateHz;
  return [
    { clip: learner, ...playableSpan(segment.learner, seconds(learner)) },
    { clip: native, ...playableSpan(segment.native, seconds(native)) },
  ];
}

const GAP_ROWS = 3;

function topOf(logMel: LogMel): number {
  let top = -Infinity;
  for (let i = 0; i < logMel.data.length; i++) if (logMel.data[i] > top) top = logMel.data[i];
  return top;
}

/** RGBA of the two spectrograms stacked (learner above, warped native below), width = learner frames. */
function overlayPixels(learner: LogMel, native: LogMel, warp: Int32Array): { pixels: Uint8ClampedArray<ArrayBuffer>; width: number; height: number } {
  const width = learner.frames;
  const bands = learner.bands;
  const height = 2 * bands + GAP_ROWS;
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
  const paint = (logMel: LogMel, column: (x: number) => number, rowOffset: number) => {
    const bottom = topOf(logMel) - DISPLAY_RANGE_NATS;
    for (let x = 0; x < width; x++) {
      const f = column(x);
      for (let b = 0; b < bands; b++) {
        const [r, g, bl] = rampColour((logMel.data[f * bands + b] - bottom) / DISPLAY_RANGE_NATS);
        const o = ((rowOffset + bands - 1 - b) * width + x) * 4;
        pixels[o] = r;
        pixels[o + 1] = g;
        pixels[o + 2] = bl;
        pixels[o + 3] = 255;
      }
    }
  };
  paint(learner, (x) => x, 0);
  paint(native, (x) => Math.min(native.frames - 1, Math.max(0, warp[x])), bands + GAP_ROWS);
  return { pixels, width, height };
}

const pct = (frames: number, total: number) => `${(100 * frames) / Math.max(1, total)}%`;

export interface SpectrogramOverlayProps {
  readonly overlay: OverlayData;
  readonly phones: readonly PhoneAssessment[];
  readonly strings: UiStrings;
  readonly verdictText: (p: { verdict: string; heard: string | null }) => string;
  /** Plays the sound; the sound stays highlighted until the returned promise settles. */
  readonly onPlaySegment: (segment: OverlaySegment) => Promise<void> | void;
}

export function SpectrogramOverlay({ overlay, phones, strings, verdictText, onPlaySegment }: SpectrogramOverlayProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [playing, setPlaying] = useState<number | null>(null);
  const model = useMemo(
    () =>
      overlayModel({
        learnerFrames: overlay.learnerLogMel.frames,
        learnerOffsetSeconds: overlay.learnerOffsetSeconds,
        nativeFrames: overlay.native.logMel.frames,
        nativeOffsetSeconds: overlay.native.offsetSeconds,
        path: overlay.path,
        learnerPhones: phones,
        nativePhones: overlay.native.phones,
      }),
    [overlay, phones],
  );
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || model.frames === 0) return;
    const { pixels, width, height } = overlayPixels(overlay.learnerLogMel, overlay.native.logMel, model.warp);
    element.width = width;
    element.height = height;
    context.putImageData(new ImageData(pixels, width, height), 0, 0);
  }, [overlay, model]);

  const total = model.frames;
  return (
    <figure className="overlay" data-testid="overlay" data-frames={total}>
      <div className="overlay__labels overlay__labels--learner" aria-hidden="true">
        {model.learnerSegments.map((s, i) => (
          <span key={i} className="overlay__label" style={{ left: pct(s.startFrame, total), width: pct(s.endFrame - s.startFrame, total) }}>
            {soundLabel(s.label)}
          </span>
        ))}
      </div>
      <div className="overlay__stage">
        <canvas ref={canvas} className="overlay__canvas" role="img" aria-label={strings.overlayLabel} />
        {model.learnerSegments.map((s, i) =>
          s.verdict && s.verdict !== 'ok' ? (
            <div key={`h${i}`} className="overlay__highlight" data-testid="overlay-highlight" style={{ left: pct(s.startFrame, total), width: pct(Math.max(1, s.endFrame - s.startFrame), total) }} />
          ) : null,
        )}
        {playing !== null && model.learnerSegments[playing] ? (
          <div
            className="overlay__highlight overlay__highlight--playing"
            data-testid="overlay-playing"
            style={{ left: pct(model.learnerSegments[playing].startFrame, total), width: pct(Math.max(1, model.learnerSegments[playing].endFrame - model.learnerSegments[playing].startFrame), total) }}
          />
        ) : null}
        {model.learnerSegments.map((s, i) => (
          <div key={`b${i}`} className="overlay__boundary overlay__boundary--learner" style={{ left: pct(s.startFrame, total) }} />
        ))}
        {model.nativeSegments.map((s, i) => (
          <div key={`n${i}`} className="overlay__boundary overlay__boundary--native" style={{ left: pct(s.startFrame, total) }} />
        ))}
      </div>
      <div className="overlay__labels overlay__labels--native" aria-hidden="true" data-testid="overlay-native-labels">
        {model.nativeSegments.map((s, i) => (
          <span key={i} className="overlay__label" style={{ left: pct(s.startFrame, total), width: pct(s.endFrame - s.startFrame, total) }}>
            {soundLabel(s.label)}
          </span>
        ))}
      </div>
      {/* One button per sound, in order and of equal width (short sounds stay tappable at 360 px). */}
      <div className="overlay__taps" role="group" aria-label={strings.overlayHint}>
        {model.learnerSegments.map((s, i) => (
          <button
            key={i}
            type="button"
            className={`overlay__tap overlay__tap--${s.verdict ?? 'ok'}${playing === i ? ' overlay__tap--playing' : ''}`}
            aria-label={`${strings.playPhone} ${soundLabel(s.label)}: ${verdictText({ verdict: s.verdict ?? 'ok', heard: s.heard })}`}
            data-phone={s.label}
            onClick={() => {
              setPlaying(i);
              void Promise.resolve(onPlaySegment(s)).finally(() => setPlaying((current) => (current === i ? null : current)));
            }}
          >
            {soundLabel(s.label)}
            {s.heard && s.verdict === 'mispronounced' ? ` → ${soundLabel(s.heard)}` : s.verdict === 'unsure' ? ' ?' : ''}
          </button>
        ))}
      </div>
      <figcaption className="muted small">{strings.overlayHint}</figcaption>
    </figure>
  );
}
