/** Synthetic frame log-posteriors for tests: each run of frames strongly favours one phone. */
import { PHONE_COUNT, phoneIndex } from '../model/phones';

/** `runs` like [['SIL', 10], ['TH', 8]]; `confidence` is the posterior of the favoured phone. */
export function syntheticLogPosteriors(runs: [string, number][], confidence = 0.9): { data: Float32Array; frames: number } {
  const frames = runs.reduce((n, [, count]) => n + count, 0);
  const data = new Float32Array(frames * PHONE_COUNT);
  const rest = Math.log((1 - confidence) / (PHONE_COUNT - 1));
  data.fill(rest);
  let t = 0;
  for (const [phone, count] of runs) {
    const index = phoneIndex(phone);
    for (let i = 0; i < count; i++, t++) data[t * PHONE_COUNT + index] = Math.log(confidence);
  }
  return { data, frames };
}
