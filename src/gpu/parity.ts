/**
 * GPU-versus-CPU log-mel comparison as docs/CONTRACTS.md states it: over the cells whose reference value is
 * above the floor ln(logOffset) + 1, the largest and the 99th-percentile absolute difference.
 * Used by the tests, and available to self-checks and benchmarks.
 */
import { DEFAULT_FEATURE_CONFIG, type LogMel } from '../dsp';

/** The GPU tolerance of docs/CONTRACTS.md. */
export const GPU_PARITY_TOLERANCE = Object.freeze({ maxAbsDiff: 1e-2, p99AbsDiff: 1e-3 });

/** Differences between two log-mels over the compared cells. */
export interface LogMelParity {
  /** Cells compared (reference above the floor). */
  readonly cells: number;
  readonly maxAbsDiff: number;
  /** 99th percentile (nearest rank) of the absolute differences; 0 when no cell is compared. */
  readonly p99AbsDiff: number;
}

/** Compares `actual` with the reference `expected` (same shape) over cells above ln(logOffset) + 1. */
export function compareLogMel(actual: LogMel, expected: LogMel, logOffset: number = DEFAULT_FEATURE_CONFIG.logOffset): LogMelParity {
  if (actual.frames !== expected.frames || actual.bands !== expected.bands || actual.data.length !== expected.data.length) {
    throw new RangeError(
      `log-mel shapes differ: ${actual.frames}×${actual.bands} (${actual.data.length} values) versus ${expected.frames}×${expected.bands} (${expected.data.length})`,
    );
  }
  const floor = Math.log(logOffset) + 1;
  const diffs: number[] = [];
  for (let i = 0; i < expected.data.length; i++) {
    if (expected.data[i] > floor) diffs.push(Math.abs(actual.data[i] - expected.data[i]));
  }
  if (diffs.length === 0) return { cells: 0, maxAbsDiff: 0, p99AbsDiff: 0 };
  const sorted = Float64Array.from(diffs).sort();
  return {
    cells: sorted.length,
    maxAbsDiff: sorted[sorted.length - 1],
    p99AbsDiff: sorted[Math.ceil(0.99 * sorted.length) - 1],
  };
}
