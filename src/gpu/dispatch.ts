/**
 * Dispatch arithmetic for mel.wgsl: workgroup sizes, workgroup grids and buffer sizes. Pure and
 * GPU-free so that it is tested without a device (dispatch.test.ts); melProgram.ts only applies it.
 */
import { frameCount, type FeatureConfig } from '../dsp';

/** The device limits the mel program depends on (a subset of `GPUSupportedLimits`). */
export interface MelDeviceLimits {
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupSizeX: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
}

/** The limits every WebGPU device guarantees (the spec's defaults). */
export const DEFAULT_MEL_DEVICE_LIMITS: MelDeviceLimits = Object.freeze({
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupsPerDimension: 65_535,
  maxComputeWorkgroupStorageSize: 16_384,
  maxStorageBufferBindingSize: 134_217_728,
  maxBufferSize: 268_435_456,
});

/** Bytes of one f32 / u32. */
const WORD_BYTES = 4;
/** Size of the uniform block `MelParams` in mel.wgsl (one u32, padded to 16 bytes). */
export const MEL_PARAMS_BYTES = 16;

/** A `dispatchWorkgroups(x, y, z)` grid. */
export interface WorkgroupGrid {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/**
 * Grid of at least `count` workgroups, none of whose dimensions exceeds `maxPerDimension`: a row of
 * `count` when it fits, else rows of `maxPerDimension`. The shader numbers workgroups
 * `id.x + id.y · grid.x` and returns early past `count`, so at most `grid.x − 1` are idle.
 */
export function workgroupGrid(count: number, maxPerDimension: number): WorkgroupGrid {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`workgroup count must be a non-negative integer, got ${count}`);
  if (!Number.isInteger(maxPerDimension) || maxPerDimension < 1) {
    throw new RangeError(`maxPerDimension must be a positive integer, got ${maxPerDimension}`);
  }
  if (count === 0) return { x: 0, y: 0, z: 0 };
  const x = Math.min(count, maxPerDimension);
  const y = Math.ceil(count / x);
  if (y > maxPerDimension) {
    throw new RangeError(`${count} workgroups exceed a ${maxPerDimension} × ${maxPerDimension} grid`);
  }
  return { x, y, z: 1 };
}

/** Workgroups a grid launches (including the idle tail of its last row). */
export function gridSize(grid: WorkgroupGrid): number {
  return grid.x * grid.y * grid.z;
}

/**
 * Invocations per workgroup on software adapters such as SwiftShader, which run a workgroup as SIMD
 * groups of 4 lanes on CPU threads and pay for every barrier in every group. Measured on the 2-core
 * development machine (a 10 s clip): 256 → ~3.3 s, 64 → ~0.8 s, 16 → ~0.4 s, 4 → ~0.2 s, 1 → ~0.6 s.
 */
export const SOFTWARE_MEL_WORKGROUP_SIZE = 4;

/**
 * Invocations per workgroup: one per butterfly of an FFT stage (fftSize/2) within the device's limits
 * on hardware GPUs; `SOFTWARE_MEL_WORKGROUP_SIZE` on software adapters (mel.wgsl loops either way).
 */
export function melWorkgroupSize(fftSize: number, limits: MelDeviceLimits = DEFAULT_MEL_DEVICE_LIMITS, softwareAdapter = false): number {
  const perButterfly = Math.max(1, Math.min(fftSize / 2, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX));
  return softwareAdapter ? Math.min(perButterfly, SOFTWARE_MEL_WORKGROUP_SIZE) : perButterfly;
}

/** Workgroup memory mel.wgsl declares: the complex spectrum (fftSize × vec2<f32>) and the power (fftSize/2 + 1 × f32). */
export function melWorkgroupStorageBytes(fftSize: number): number {
  return fftSize * 2 * WORD_BYTES + (fftSize / 2 + 1) * WORD_BYTES;
}

/** Throws a RangeError naming the field when mel.wgsl cannot run `config` within `limits`. */
export function checkMelConfig(config: FeatureConfig, limits: MelDeviceLimits = DEFAULT_MEL_DEVICE_LIMITS): void {
  const { fftSize, frameLengthSamples, hopLengthSamples, melBands, logOffset } = config;
  if (!Number.isInteger(fftSize) || fftSize < 2 || (fftSize & (fftSize - 1)) !== 0) {
    throw new RangeError(`fftSize must be a power of two ≥ 2 for the radix-2 GPU FFT, got ${fftSize}`);
  }
  if (!Number.isInteger(frameLengthSamples) || frameLengthSamples < 1 || frameLengthSamples > fftSize) {
    throw new RangeError(`frameLengthSamples must be an integer in 1…fftSize (${fftSize}), got ${frameLengthSamples}`);
  }
  if (!Number.isInteger(hopLengthSamples) || hopLengthSamples < 1) {
    throw new RangeError(`hopLengthSamples must be a positive integer, got ${hopLengthSamples}`);
  }
  if (!Number.isInteger(melBands) || melBands < 1) throw new RangeError(`melBands must be a positive integer, got ${melBands}`);
  if (!(logOffset > 0)) throw new RangeError(`logOffset must be positive, got ${logOffset}`);
  const storage = melWorkgroupStorageBytes(fftSize);
  if (storage > limits.maxComputeWorkgroupStorageSize) {
    throw new RangeError(
      `fftSize ${fftSize} needs ${storage} bytes of workgroup memory; this device allows ${limits.maxComputeWorkgroupStorageSize}`,
    );
  }
}

/** What one clip needs: frames, the samples those frames read, the grid and the buffer sizes. */
export interface MelRunLayout {
  readonly frames: number;
  /** Samples the frames cover: (frames − 1)·hop + frameLength, 0 without frames. Later samples are not uploaded. */
  readonly samplesUsed: number;
  readonly grid: WorkgroupGrid;
  /** Bytes of the samples buffer (≥ 4: WebGPU bindings cannot be empty). */
  readonly samplesBytes: number;
  /** Bytes of the output (and readback) buffer: frames × bands f32 (≥ 4). */
  readonly outputBytes: number;
}

/** Layout of one clip of `sampleCount` samples; throws a RangeError when it exceeds the device's buffers or grid. */
export function melRunLayout(sampleCount: number, config: FeatureConfig, limits: MelDeviceLimits = DEFAULT_MEL_DEVICE_LIMITS): MelRunLayout {
  const frames = frameCount(sampleCount, config);
  const samplesUsed = frames === 0 ? 0 : (frames - 1) * config.hopLengthSamples + config.frameLengthSamples;
  const samplesBytes = Math.max(WORD_BYTES, samplesUsed * WORD_BYTES);
  const outputBytes = Math.max(WORD_BYTES, frames * config.melBands * WORD_BYTES);
  const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const [what, bytes] of [['samples', samplesBytes], ['log-mel output', outputBytes]] as const) {
    if (bytes > maxBinding) {
      throw new RangeError(`the clip's ${what} needs ${bytes} bytes; this device binds at most ${maxBinding} bytes (clip of ${sampleCount} samples)`);
    }
  }
  return { frames, samplesUsed, grid: workgroupGrid(frames, limits.maxComputeWorkgroupsPerDimension), samplesBytes, outputBytes };
}

/**
 * Capacity to allocate so that `neededBytes` fit: the current capacity when it suffices, else at least
 * double it (so a run of growing clips reallocates O(log n) times), a multiple of 256 bytes, never
 * above `maxBytes` (the caller has already checked `neededBytes ≤ maxBytes`).
 */
export function grownCapacity(currentBytes: number, neededBytes: number, maxBytes: number = Number.MAX_SAFE_INTEGER): number {
  if (neededBytes <= currentBytes) return currentBytes;
  const doubled = Math.max(neededBytes, currentBytes * 2);
  const aligned = Math.ceil(doubled / 256) * 256;
  return Math.max(neededBytes, Math.min(aligned, Math.floor(maxBytes / WORD_BYTES) * WORD_BYTES));
}

/** Per band, the half-open range of FFT bins with a non-zero weight in a dense `bands × bins` matrix ([0, 0) when none). */
export function bandBinRanges(dense: Float32Array, bands: number, bins: number): Uint32Array {
  if (dense.length !== bands * bins) throw new RangeError(`filterbank has ${dense.length} weights, expected ${bands} × ${bins}`);
  const ranges = new Uint32Array(bands * 2);
  for (let b = 0; b < bands; b++) {
    let first = -1;
    let last = -1;
    for (let k = 0; k < bins; k++) {
      if (dense[b * bins + k] !== 0) {
        if (first < 0) first = k;
        last = k;
      }
    }
    ranges[2 * b] = first < 0 ? 0 : first;
    ranges[2 * b + 1] = first < 0 ? 0 : last + 1;
  }
  return ranges;
}

/** FFT twiddles e^(−2πik/fftSize) for k < fftSize/2, computed in float64, stored as interleaved (re, im) float32. */
export function fftTwiddles(fftSize: number): Float32Array {
  const half = fftSize / 2;
  const table = new Float32Array(half * 2);
  for (let k = 0; k < half; k++) {
    const angle = (-2 * Math.PI * k) / fftSize;
    table[2 * k] = Math.cos(angle);
    table[2 * k + 1] = Math.sin(angle);
  }
  return table;
}
