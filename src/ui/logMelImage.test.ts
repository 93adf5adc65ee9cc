import { describe, expect, it } from 'vitest';
import { DISPLAY_RANGE_NATS, logMelToRgba, rampColour } from './logMelImage';

describe('logMelToRgba', () => {
  it('puts time on x and the lowest band at the bottom, loudest cell at the top of the ramp', () => {
    // 2 frames × 3 bands; frame 1, band 0 is the loudest cell, everything else far below the range.
    const data = Float32Array.from([-30, -30, -30, 0, -30, -30]);
    const rgba = logMelToRgba({ data, frames: 2, bands: 3 });
    expect(rgba.length).toBe(2 * 3 * 4);
    const pixel = (x: number, y: number) => Array.from(rgba.subarray((y * 2 + x) * 4, (y * 2 + x) * 4 + 4));
    expect(pixel(1, 2)).toEqual([...rampColour(1), 255]); // bottom row, right column
    expect(pixel(0, 2)).toEqual([...rampColour(0), 255]);
    expect(pixel(1, 0)).toEqual([...rampColour(0), 255]);
  });

  it('maps the middle of the displayed range to the middle of the ramp', () => {
    const data = Float32Array.from([0, -DISPLAY_RANGE_NATS / 2]);
    const rgba = logMelToRgba({ data, frames: 1, bands: 2 });
    expect(Array.from(rgba.subarray(0, 3))).toEqual(rampColour(0.5)); // band 1 is drawn on the top row
  });

  it('clamps the ramp', () => {
    expect(rampColour(-1)).toEqual(rampColour(0));
    expect(rampColour(2)).toEqual(rampColour(1));
  });
});
