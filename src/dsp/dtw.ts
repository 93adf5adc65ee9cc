/**
 * Dynamic time warping between two sequences of feature vectors (row-major, `dims` per frame).
 * Local cost: Euclidean distance (or cosine distance). Steps (1,0), (0,1), (1,1), all weight 1,
 * optionally restricted to a Sakoe–Chiba band around the diagonal scaled to the two lengths.
 * Returns the optimal path as pairs (i, j) from (0, 0) to (n−1, m−1) and the cost normalised by
 * the path length, so clips of different lengths compare.
 */

export interface DtwOptions {
  readonly distance?: 'euclidean' | 'cosine';
  /** Half-width of the band as a fraction of the longer sequence (1 = no band). */
  readonly band?: number;
}

export interface DtwResult {
  /** Pairs of frame indices along the path: path[k] = [i, j]. */
  readonly path: [number, number][];
  /** Total cost divided by the path length. */
  readonly cost: number;
}

function frameDistance(a: Float32Array, i: number, b: Float32Array, j: number, dims: number, cosine: boolean): number {
  const ai = i * dims;
  const bj = j * dims;
  if (cosine) {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let d = 0; d < dims; d++) {
      dot += a[ai + d] * b[bj + d];
      na += a[ai + d] * a[ai + d];
      nb += b[bj + d] * b[bj + d];
    }
    return 1 - dot / Math.sqrt(na * nb + 1e-12);
  }
  let sum = 0;
  for (let d = 0; d < dims; d++) {
    const diff = a[ai + d] - b[bj + d];
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/** DTW alignment of `a` (n frames) with `b` (m frames), both with `dims` values per frame. */
export function dtw(a: Float32Array, n: number, b: Float32Array, m: number, dims: number, options: DtwOptions = {}): DtwResult {
  if (n === 0 || m === 0) return { path: [], cost: Infinity };
  const cosine = options.distance === 'cosine';
  const band = Math.max(options.band ?? 1, Math.abs(n - m) / Math.max(n, m));
  const halfWidth = Math.ceil(band * Math.max(n, m)) + 1;
  const acc = new Float64Array(n * m).fill(Infinity);
  const step = new Uint8Array(n * m); // 0: diagonal, 1: from i−1, 2: from j−1
  for (let i = 0; i < n; i++) {
    const centre = (i * (m - 1)) / Math.max(1, n - 1);
    const jFrom = Math.max(0, Math.floor(centre - halfWidth));
    const jTo = Math.min(m - 1, Math.ceil(centre + halfWidth));
    for (let j = jFrom; j <= jTo; j++) {
      const d = frameDistance(a, i, b, j, dims, cosine);
      const k = i * m + j;
      if (i === 0 && j === 0) {
        acc[k] = d;
        continue;
      }
      let best = Infinity;
      let from = 0;
      if (i > 0 && j > 0 && acc[k - m - 1] < best) {
        best = acc[k - m - 1];
        from = 0;
      }
      if (i > 0 && acc[k - m] < best) {
        best = acc[k - m];
        from = 1;
      }
      if (j > 0 && acc[k - 1] < best) {
        best = acc[k - 1];
        from = 2;
      }
      acc[k] = best + d;
      step[k] = from;
    }
  }
  const path: [number, number][] = [];
  let i = n - 1;
  let j = m - 1;
  const total = acc[n * m - 1];
  while (i > 0 || j > 0) {
    path.push([i, j]);
    const s = step[i * m + j];
    if (s === 0) {
      i--;
      j--;
    } else if (s === 1) i--;
    else j--;
  }
  path.push([0, 0]);
  path.reverse();
  return { path, cost: total / path.length };
}

/** For each frame of `a`, the frame of `b` it maps to on a DTW path (the middle one where several do). */
export function warpIndex(path: readonly [number, number][], n: number): Int32Array {
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  for (const [i, j] of path) {
    if (first[i] < 0) first[i] = j;
    last[i] = j;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round((first[i] + last[i]) / 2);
  return out;
}
