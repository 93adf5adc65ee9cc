/** Small sequence alignments: phones to words (engines that report no words) and variant checks. */

/** Levenshtein distance between two phone sequences. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * Splits `phones` into `candidates.length` contiguous runs, one per word, minimising the summed edit
 * distance of each run to the closest of that word's pronunciations. Returns the start index of each
 * run (run k is [starts[k], starts[k+1])) and the total cost.
 */
export function segmentWords(phones: readonly string[], candidates: readonly (readonly (readonly string[])[])[]): { starts: number[]; cost: number } {
  const n = phones.length;
  const w = candidates.length;
  const cost: number[][] = Array.from({ length: w + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const back: number[][] = Array.from({ length: w + 1 }, () => new Array<number>(n + 1).fill(-1));
  cost[0][0] = 0;
  for (let k = 1; k <= w; k++) {
    const longest = Math.max(...candidates[k - 1].map((c) => c.length)) + 3;
    for (let end = 0; end <= n; end++) {
      for (let start = Math.max(0, end - longest); start <= end; start++) {
        if (cost[k - 1][start] === Infinity) continue;
        const run = phones.slice(start, end);
        const c = cost[k - 1][start] + Math.min(...candidates[k - 1].map((cand) => editDistance(run, cand)));
        if (c < cost[k][end]) {
          cost[k][end] = c;
          back[k][end] = start;
        }
      }
    }
  }
  const starts = new Array<number>(w).fill(0);
  let end = n;
  for (let k = w; k >= 1; k--) {
    starts[k - 1] = back[k][end];
    end = back[k][end];
  }
  return { starts, cost: cost[w][n] };
}

/**
 * Aligns `said` (what was meant) to `heard` (what the engine produced) and returns, for each
 * position of `said`, the index in `heard` it was matched to (or -1 when deleted or substituted).
 */
export function matchedPositions(said: readonly string[], heard: readonly string[]): number[] {
  const n = said.length;
  const m = heard.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (said[i - 1] === heard[j - 1] ? 0 : 1));
    }
  }
  const match = new Array<number>(n).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const same = said[i - 1] === heard[j - 1];
    if (d[i][j] === d[i - 1][j - 1] + (same ? 0 : 1)) {
      if (same) match[i - 1] = j - 1;
      i--;
      j--;
    } else if (d[i][j] === d[i - 1][j] + 1) {
      i--;
    } else {
      j--;
    }
  }
  return match;
}
