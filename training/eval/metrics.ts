/**
 * Evaluation metrics over frame posteriors (pure functions; no tfjs, no files).
 *
 * - Frame accuracy: argmax of the posteriors equals the frame label, over every frame (silence included).
 * - Phone-segment accuracy: a segment is a labelled phone interval (docs/CONTRACTS.md: a frame belongs to the
 *   phone whose interval contains its centre); silence segments are left out. The segment's predicted
 *   class is the argmax, over all 40 classes, of its segment score: the mean log posterior over its
 *   frames (`meanLog`, what goodness-of-pronunciation compares in src/assess) or the mean posterior
 *   (`mean`).
 * - Contrast 2-way accuracy: for a pair (a, b), each segment labelled a (or b) is right when its segment
 *   score of the true phone exceeds that of the other one. Reported balanced: the mean of the two
 *   directions, so a frequent phone (T) does not drown a rare one (TH).
 * - Contrast confusion: for each group (e.g. TH T F S), segments of each member, counted by the
 *   argmax of the mean posterior restricted to the group — the choice assessment has to make.
 */

/** Brazilian-Portuguese speakers' contrasts (issue 4). */
export const CONTRAST_GROUPS: readonly (readonly string[])[] = [
  ['TH', 'T', 'F', 'S'], ['DH', 'D', 'Z'], ['IH', 'IY'], ['EH', 'AE'], ['UH', 'UW'], ['AH', 'AA'], ['R', 'HH'], ['T', 'CH'], ['D', 'JH'],
];

/** The 2-way choices: each group's first phone against each other member. */
export const CONTRAST_PAIRS: readonly (readonly [string, string])[] = CONTRAST_GROUPS.flatMap((g) => g.slice(1).map((b) => [g[0], b] as const));

/** A labelled phone interval in frames, [start, end). */
export interface Segment {
  readonly phone: number;
  readonly start: number;
  readonly end: number;
}

/** Maximal runs of one label (used when an utterance has no phone times). */
export function segmentsFromLabels(labels: ArrayLike<number>): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= labels.length; i++) {
    if (i === labels.length || labels[i] !== labels[start]) {
      out.push({ phone: labels[start], start, end: i });
      start = i;
    }
  }
  return out;
}

/** How a segment's frames are summarised into one score per class. */
export type SegmentScore = 'meanLog' | 'mean';

/** Floor of posteriors before the log (float32 softmax can underflow to 0). */
export const LOG_FLOOR = 1e-8;

/** Mean log posterior over frames [start, end) of a frames × classes matrix. */
export function meanLogPosterior(data: Float32Array, classes: number, start: number, end: number): Float64Array {
  const mean = new Float64Array(classes);
  for (let f = start; f < end; f++) for (let c = 0; c < classes; c++) mean[c] += Math.log(Math.max(data[f * classes + c], LOG_FLOOR));
  const n = Math.max(end - start, 1);
  for (let c = 0; c < classes; c++) mean[c] /= n;
  return mean;
}

/** Mean posterior over frames [start, end) of a frames × classes matrix. */
export function meanPosterior(data: Float32Array, classes: number, start: number, end: number): Float64Array {
  const mean = new Float64Array(classes);
  for (let f = start; f < end; f++) for (let c = 0; c < classes; c++) mean[c] += data[f * classes + c];
  const n = Math.max(end - start, 1);
  for (let c = 0; c < classes; c++) mean[c] /= n;
  return mean;
}

function argmax(values: ArrayLike<number>, from = 0, to = values.length): number {
  let best = from;
  for (let i = from + 1; i < to; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Counts gathered over utterances; `summary()` turns them into rates. */
export class EvalAccumulator {
  frames = 0;
  framesRight = 0;
  segments = 0;
  segmentsRight = 0;
  /** pair "A/B" → [right, total] for segments of A, and for segments of B. */
  readonly pairs = new Map<string, { a: [number, number]; b: [number, number] }>();
  /** group "TH T F S" → true phone → counts of the group-restricted choice. */
  readonly confusion = new Map<string, Map<string, Map<string, number>>>();
  private readonly index: Map<string, number>;

  constructor(readonly phones: readonly string[], readonly score: SegmentScore = 'meanLog', readonly silence = 0) {
    this.index = new Map(phones.map((p, i) => [p, i]));
    for (const [a, b] of CONTRAST_PAIRS) this.pairs.set(`${a}/${b}`, { a: [0, 0], b: [0, 0] });
    for (const g of CONTRAST_GROUPS) this.confusion.set(g.join(' '), new Map(g.map((p) => [p, new Map(g.map((q) => [q, 0]))])));
  }

  /** Adds one utterance: posteriors (frames × classes), frame labels, and its phone segments. */
  add(data: Float32Array, classes: number, labels: ArrayLike<number>, segments: readonly Segment[]): void {
    const frames = labels.length;
    for (let f = 0; f < frames; f++) {
      this.frames++;
      if (argmax(data.subarray(f * classes, (f + 1) * classes)) === labels[f]) this.framesRight++;
    }
    for (const seg of segments) {
      if (seg.phone === this.silence || seg.end <= seg.start) continue;
      const mean = this.score === 'meanLog' ? meanLogPosterior(data, classes, seg.start, seg.end) : meanPosterior(data, classes, seg.start, seg.end);
      this.segments++;
      if (argmax(mean) === seg.phone) this.segmentsRight++;
      const phone = this.phones[seg.phone];
      for (const [a, b] of CONTRAST_PAIRS) {
        const counts = this.pairs.get(`${a}/${b}`)!;
        const ia = this.index.get(a)!;
        const ib = this.index.get(b)!;
        if (phone === a) {
          counts.a[1]++;
          if (mean[ia] > mean[ib]) counts.a[0]++;
        } else if (phone === b) {
          counts.b[1]++;
          if (mean[ib] > mean[ia]) counts.b[0]++;
        }
      }
      for (const g of CONTRAST_GROUPS) {
        if (!g.includes(phone)) continue;
        const members = g.map((p) => this.index.get(p)!);
        let best = 0;
        for (let k = 1; k < members.length; k++) if (mean[members[k]] > mean[members[best]]) best = k;
        const row = this.confusion.get(g.join(' '))!.get(phone)!;
        row.set(g[best], row.get(g[best])! + 1);
      }
    }
  }

  summary(): EvalSummary {
    const pairs: Record<string, PairSummary> = {};
    for (const [name, { a, b }] of this.pairs) {
      const ra = a[1] ? a[0] / a[1] : null;
      const rb = b[1] ? b[0] / b[1] : null;
      const balanced = ra !== null && rb !== null ? (ra + rb) / 2 : (ra ?? rb);
      pairs[name] = { balanced, first: ra, second: rb, n: [a[1], b[1]] };
    }
    const confusion: Record<string, Record<string, Record<string, number>>> = {};
    for (const [group, rows] of this.confusion) {
      confusion[group] = Object.fromEntries([...rows].map(([p, cols]) => [p, Object.fromEntries(cols)]));
    }
    return {
      frameAccuracy: this.frames ? this.framesRight / this.frames : null,
      segmentAccuracy: this.segments ? this.segmentsRight / this.segments : null,
      frames: this.frames,
      segments: this.segments,
      pairs,
      confusion,
    };
  }
}

/** One contrast pair's 2-way accuracy: balanced, and per direction (segments of the first, of the second phone). */
export interface PairSummary {
  readonly balanced: number | null;
  readonly first: number | null;
  readonly second: number | null;
  readonly n: readonly [number, number];
}

export interface EvalSummary {
  readonly frameAccuracy: number | null;
  readonly segmentAccuracy: number | null;
  readonly frames: number;
  readonly segments: number;
  readonly pairs: Record<string, PairSummary>;
  readonly confusion: Record<string, Record<string, Record<string, number>>>;
}

/** Mean and sample standard deviation (0 for one value) of the non-null values. */
export function meanSd(values: readonly (number | null)[]): { mean: number | null; sd: number | null; n: number } {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return { mean: null, sd: null, n: 0 };
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd, n: v.length };
}
