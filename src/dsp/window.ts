/** Periodic Hann window of `length` points: w[k] = 0.5 − 0.5·cos(2πk/length). */
export function hannWindow(length: number): Float64Array {
  const w = new Float64Array(length);
  for (let k = 0; k < length; k++) w[k] = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / length);
  return w;
}
