/**
 * Real FFT of a power-of-two size n, computed as an n/2-point complex radix-2 FFT of the even/odd
 * interleaved input followed by the standard split step:
 *   X[k] = E[k] + e^{−2πik/n}·O[k],  E[k] = (Z[k] + conj Z[n/2−k]) / 2,  O[k] = (Z[k] − conj Z[n/2−k]) / 2i.
 * One plan per size holds its twiddles and bit-reversal table; `powerSpectrum` writes |X[k]|² for
 * k = 0 … n/2 without allocating.
 */
export interface RealFftPlan {
  readonly size: number;
  /** |X[k]|², k = 0 … size/2, of the real input (length `size`) into `out` (length size/2 + 1). */
  powerSpectrum(input: Float64Array, out: Float64Array): void;
}

export function createRealFft(size: number): RealFftPlan {
  if (size < 4 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two ≥ 4, got ${size}`);
  const half = size / 2;
  const bits = Math.log2(half);
  const reverse = new Uint32Array(half);
  for (let i = 0; i < half; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    reverse[i] = r;
  }
  // Twiddles for the half-size complex FFT: e^{−2πij/half}, j < half/2.
  const cosH = new Float64Array(half / 2);
  const sinH = new Float64Array(half / 2);
  for (let j = 0; j < half / 2; j++) {
    cosH[j] = Math.cos((2 * Math.PI * j) / half);
    sinH[j] = -Math.sin((2 * Math.PI * j) / half);
  }
  // Twiddles for the split step: e^{−2πik/size}, k ≤ half.
  const cosS = new Float64Array(half + 1);
  const sinS = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    cosS[k] = Math.cos((2 * Math.PI * k) / size);
    sinS[k] = -Math.sin((2 * Math.PI * k) / size);
  }
  const re = new Float64Array(half);
  const im = new Float64Array(half);

  function powerSpectrum(input: Float64Array, out: Float64Array): void {
    for (let i = 0; i < half; i++) {
      const r = reverse[i];
      re[r] = input[2 * i];
      im[r] = input[2 * i + 1];
    }
    for (let len = 2; len <= half; len <<= 1) {
      const step = half / len;
      const h = len >> 1;
      for (let start = 0; start < half; start += len) {
        for (let j = 0; j < h; j++) {
          const wr = cosH[j * step];
          const wi = sinH[j * step];
          const a = start + j;
          const b = a + h;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    // k = 0 and k = half from Z[0]: X[0] = Re Z0 + Im Z0, X[half] = Re Z0 − Im Z0.
    out[0] = (re[0] + im[0]) ** 2;
    out[half] = (re[0] - im[0]) ** 2;
    for (let k = 1; k < half; k++) {
      const zr = re[k];
      const zi = im[k];
      const cr = re[half - k];
      const ci = -im[half - k];
      const er = 0.5 * (zr + cr);
      const ei = 0.5 * (zi + ci);
      // O = (Z − conj Z') / 2i  →  (dr + i·di) / 2i = (di − i·dr) / 2
      const or = 0.5 * (zi - ci);
      const oi = -0.5 * (zr - cr);
      const xr = er + cosS[k] * or - sinS[k] * oi;
      const xi = ei + cosS[k] * oi + sinS[k] * or;
      out[k] = xr * xr + xi * xi;
    }
  }

  return { size, powerSpectrum };
}
