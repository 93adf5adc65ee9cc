/**
 * Turns a log-mel spectrogram into RGBA pixels: one pixel per (frame, band), time left to right, low
 * bands at the bottom. Values are mapped over a fixed dynamic range below the clip's maximum (14 nats
 * ≈ 61 dB) through a perceptually even colour ramp (five stops of viridis, linearly interpolated).
 */
import type { LogMel } from '../dsp';

/** Dynamic range shown below the loudest cell, in natural-log units (ln energy). */
export const DISPLAY_RANGE_NATS = 14;

const STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Colour of `t` ∈ [0, 1] on the ramp. */
export function rampColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** RGBA bytes of a `frames × bands` image (width = frames, height = bands). */
export function logMelToRgba(logMel: LogMel): Uint8ClampedArray<ArrayBuffer> {
  const { data, frames, bands } = logMel;
  const pixels = new Uint8ClampedArray(frames * bands * 4);
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) if (data[i] > top) top = data[i];
  const bottom = top - DISPLAY_RANGE_NATS;
  for (let f = 0; f < frames; f++) {
    for (let b = 0; b < bands; b++) {
      const [r, g, bl] = rampColour((data[f * bands + b] - bottom) / DISPLAY_RANGE_NATS);
      const o = ((bands - 1 - b) * frames + f) * 4;
      pixels[o] = r;
      pixels[o + 1] = g;
      pixels[o + 2] = bl;
      pixels[o + 3] = 255;
    }
  }
  return pixels;
}
