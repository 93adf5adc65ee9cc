/** One measured row of a benchmark table. */
export interface BenchRow {
  implementation: string;
  clip: string;
  seconds: number;
  medianMs: number;
  runs: number;
  note?: string;
}

/** Median of a non-empty list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Timings in ms of `repeats` runs of `run`, after one untimed warm-up run (plans, shaders, kernels). */
export async function time(run: () => unknown, repeats: number): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}
