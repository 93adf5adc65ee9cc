import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, frameCount, melFilterbankDense, type FeatureConfig } from '../dsp';
import {
  bandBinRanges,
  checkMelConfig,
  DEFAULT_MEL_DEVICE_LIMITS,
  fftTwiddles,
  gridSize,
  grownCapacity,
  melRunLayout,
  melWorkgroupSize,
  melWorkgroupStorageBytes,
  SOFTWARE_MEL_WORKGROUP_SIZE,
  workgroupGrid,
} from './dispatch';

const config = DEFAULT_FEATURE_CONFIG;

describe('workgroupGrid', () => {
  it('is one row while the count fits a dimension', () => {
    expect(workgroupGrid(1, 65_535)).toEqual({ x: 1, y: 1, z: 1 });
    expect(workgroupGrid(5_998, 65_535)).toEqual({ x: 5_998, y: 1, z: 1 });
    expect(workgroupGrid(65_535, 65_535)).toEqual({ x: 65_535, y: 1, z: 1 });
  });

  it('wraps into rows past the per-dimension limit, covering every workgroup with less than a row idle', () => {
    for (const [count, max] of [
      [65_536, 65_535],
      [200_000, 65_535],
      [40, 7],
      [49, 7],
      [8, 7],
    ]) {
      const grid = workgroupGrid(count, max);
      expect(grid.x).toBeLessThanOrEqual(max);
      expect(grid.y).toBeLessThanOrEqual(max);
      expect(grid.z).toBe(1);
      expect(gridSize(grid)).toBeGreaterThanOrEqual(count);
      expect(gridSize(grid) - count).toBeLessThan(grid.x);
    }
    expect(workgroupGrid(65_536, 65_535)).toEqual({ x: 65_535, y: 2, z: 1 });
  });

  it('dispatches nothing for no workgroups', () => {
    expect(workgroupGrid(0, 65_535)).toEqual({ x: 0, y: 0, z: 0 });
  });

  it('refuses counts beyond a square grid and nonsense input', () => {
    expect(() => workgroupGrid(65_535 * 65_535 + 1, 65_535)).toThrow(RangeError);
    expect(() => workgroupGrid(50, 7)).toThrow(/50 workgroups exceed a 7 × 7 grid/);
    expect(() => workgroupGrid(-1, 10)).toThrow(RangeError);
    expect(() => workgroupGrid(1.5, 10)).toThrow(RangeError);
    expect(() => workgroupGrid(3, 0)).toThrow(RangeError);
  });
});

describe('melWorkgroupSize', () => {
  it('uses one invocation per butterfly on hardware, within the device limits', () => {
    expect(melWorkgroupSize(512)).toBe(256);
    expect(melWorkgroupSize(256)).toBe(128);
    expect(melWorkgroupSize(2048)).toBe(256);
    expect(melWorkgroupSize(512, { ...DEFAULT_MEL_DEVICE_LIMITS, maxComputeInvocationsPerWorkgroup: 64 })).toBe(64);
  });

  it('uses a few invocations on software adapters', () => {
    expect(melWorkgroupSize(512, DEFAULT_MEL_DEVICE_LIMITS, true)).toBe(SOFTWARE_MEL_WORKGROUP_SIZE);
    expect(melWorkgroupSize(4, DEFAULT_MEL_DEVICE_LIMITS, true)).toBe(2);
  });
});

describe('checkMelConfig', () => {
  it('accepts the pinned config', () => {
    expect(() => checkMelConfig(config)).not.toThrow();
    expect(melWorkgroupStorageBytes(512)).toBe(512 * 8 + 257 * 4);
  });

  it.each<[Partial<FeatureConfig>, RegExp]>([
    [{ fftSize: 400 }, /fftSize must be a power of two/],
    [{ frameLengthSamples: 600 }, /frameLengthSamples/],
    [{ hopLengthSamples: 0 }, /hopLengthSamples/],
    [{ melBands: 0 }, /melBands/],
    [{ logOffset: 0 }, /logOffset/],
    [{ fftSize: 4096, frameLengthSamples: 4000 }, /workgroup memory/],
  ])('rejects %o', (change, message) => {
    expect(() => checkMelConfig({ ...config, ...change })).toThrow(message);
  });
});

describe('melRunLayout', () => {
  it('has no frames and minimal buffers below one frame', () => {
    for (const n of [0, 1, 399]) {
      const layout = melRunLayout(n, config);
      expect(layout.frames).toBe(0);
      expect(layout.samplesUsed).toBe(0);
      expect(layout.grid).toEqual({ x: 0, y: 0, z: 0 });
      expect(layout.samplesBytes).toBe(4);
      expect(layout.outputBytes).toBe(4);
    }
  });

  it('uploads only the samples the frames cover', () => {
    expect(melRunLayout(400, config)).toMatchObject({ frames: 1, samplesUsed: 400, samplesBytes: 1_600, outputBytes: 256 });
    expect(melRunLayout(559, config)).toMatchObject({ frames: 1, samplesUsed: 400 });
    expect(melRunLayout(560, config)).toMatchObject({ frames: 2, samplesUsed: 560 });
    const minute = melRunLayout(60 * 16_000, config);
    expect(minute.frames).toBe(5_998);
    expect(minute.frames).toBe(frameCount(60 * 16_000, config));
    expect(minute.samplesUsed).toBe(5_997 * 160 + 400);
    expect(minute.outputBytes).toBe(5_998 * 64 * 4);
    expect(minute.grid).toEqual({ x: 5_998, y: 1, z: 1 });
  });

  it('uses a 2-D grid past the per-dimension limit', () => {
    const samples = (70_000 - 1) * 160 + 400;
    const layout = melRunLayout(samples, config);
    expect(layout.frames).toBe(70_000);
    expect(layout.grid).toEqual({ x: 65_535, y: 2, z: 1 });
  });

  it('refuses clips whose buffers exceed the device binding limit', () => {
    const limits = { ...DEFAULT_MEL_DEVICE_LIMITS, maxStorageBufferBindingSize: 1_000_000 };
    expect(() => melRunLayout(16_000 * 16, config, limits)).toThrow(/samples needs 1023680 bytes; this device binds at most 1000000 bytes/);
    expect(() => melRunLayout(16_000 * 15, config, limits)).not.toThrow();
  });
});

describe('grownCapacity', () => {
  it('keeps a buffer that is large enough', () => {
    expect(grownCapacity(4_096, 4_096)).toBe(4_096);
    expect(grownCapacity(4_096, 100)).toBe(4_096);
  });

  it('at least doubles, aligned to 256 bytes, never past the maximum', () => {
    expect(grownCapacity(0, 4)).toBe(256);
    expect(grownCapacity(0, 1_000)).toBe(1_024);
    expect(grownCapacity(1_024, 1_028)).toBe(2_048);
    expect(grownCapacity(1_024, 5_000)).toBe(5_120);
    expect(grownCapacity(1_000_000, 1_500_000, 1_600_000)).toBe(1_600_000);
  });
});

describe('bandBinRanges', () => {
  it('brackets exactly the non-zero weights of each band', () => {
    const bins = config.fftSize / 2 + 1;
    const dense = melFilterbankDense(config);
    const ranges = bandBinRanges(dense, config.melBands, bins);
    for (let b = 0; b < config.melBands; b++) {
      const [first, end] = [ranges[2 * b], ranges[2 * b + 1]];
      expect(end).toBeGreaterThan(first);
      for (let k = 0; k < bins; k++) {
        const inside = k >= first && k < end;
        if (!inside) expect(dense[b * bins + k]).toBe(0);
      }
      expect(dense[b * bins + first]).not.toBe(0);
      expect(dense[b * bins + end - 1]).not.toBe(0);
    }
  });

  it('gives an empty range to an all-zero band and checks the shape', () => {
    expect([...bandBinRanges(new Float32Array([0, 0, 0, 0, 1, 0]), 2, 3)]).toEqual([0, 0, 1, 2]);
    expect(() => bandBinRanges(new Float32Array(5), 2, 3)).toThrow(RangeError);
  });
});

describe('fftTwiddles', () => {
  it('holds e^(−2πik/N) for k < N/2, interleaved', () => {
    const table = fftTwiddles(512);
    expect(table.length).toBe(512);
    expect(table[0]).toBe(1);
    expect(table[1]).toBeCloseTo(0, 12);
    expect(table[2 * 128]).toBeCloseTo(0, 7);
    expect(table[2 * 128 + 1]).toBe(-1);
    for (let k = 0; k < 256; k++) {
      expect(Math.hypot(table[2 * k], table[2 * k + 1])).toBeCloseTo(1, 6);
      expect(table[2 * k]).toBeCloseTo(Math.cos((2 * Math.PI * k) / 512), 7);
    }
  });
});
