/**
 * Viterbi forced alignment of an expected phone sequence over frame log-posteriors.
 *
 * The expected text becomes a left-to-right graph of units. A unit is an expected phone (of one of a
 * word's pronunciations), an optional silence (before, between and after words), or an optional
 * epenthetic vowel after a word-final obstruent (Brazilian learners' "bigi" for "big"), which emits
 * the best of a few vowels. Each unit lasts at least `minFrames` frames (a chain of states whose last
 * one loops). Edges carry log-score costs: skipping an expected phone (it was not said) and inserting
 * a vowel are penalised, so they win only where the posteriors clearly ask for them. An expected phone
 * may also be matched by any other speech sound at a cost (`substitutionPenalty`), so that a
 * substituted sound ("tree" for "three") stays in the phone's place, where scoring judges it, rather
 * than being absorbed by a neighbouring silence.
 * The best path through the graph from a start unit to a final unit is found by dynamic programming
 * over frames × states; each unit on it gets the span of frames it covered.
 */
import { isVowel, phoneIndex, SIL_INDEX } from '../model/phones';
import type { Pronunciation } from './lexicon';

export type UnitKind = 'phone' | 'silence' | 'epenthesis';

/** A node of the alignment graph. */
export interface AlignUnit {
  readonly kind: UnitKind;
  /** Word the unit belongs to (the word it follows, for epenthesis); −1 for silence. */
  readonly word: number;
  /** Pronunciation of that word; −1 for silence. */
  readonly alternative: number;
  /** Position of the phone in the pronunciation; −1 for silence and epenthesis. */
  readonly position: number;
  /** Phone classes the unit may emit (the score per frame is the best of them). */
  readonly classes: readonly number[];
  readonly minFrames: number;
}

interface Edge {
  readonly to: number;
  readonly cost: number;
}

/** The graph: units, edges between them, entry costs and exit costs (−Infinity: not allowed). */
export interface AlignGraph {
  readonly units: readonly AlignUnit[];
  readonly edges: readonly (readonly Edge[])[];
  readonly startCost: Float64Array;
  readonly endCost: Float64Array;
  /** Per-frame cost of a phone unit emitting another speech sound. */
  readonly substitutionPenalty: number;
}

/** Tunable scores of the alignment; penalties are in nats of log posterior. */
export interface AlignOptions {
  /** Minimum frames of a vowel / consonant / silence / inserted vowel unit. */
  readonly minFramesVowel: number;
  readonly minFramesConsonant: number;
  readonly minFramesSilence: number;
  readonly minFramesEpenthesis: number;
  /** Cost of leaving out an expected phone (allowing it lets "missing" be found). */
  readonly skipPenalty: number;
  /** Cost of an inserted vowel after a word-final obstruent. */
  readonly epenthesisPenalty: number;
  /** Vowels an inserted vowel may be. */
  readonly epenthesisVowels: readonly string[];
  /** Cost of an optional silence between words. */
  readonly silencePenalty: number;
  /** Cost per frame of matching an expected phone by another speech sound. */
  readonly substitutionPenalty: number;
}

export const DEFAULT_ALIGN_OPTIONS: AlignOptions = Object.freeze({
  minFramesVowel: 3,
  minFramesConsonant: 2,
  minFramesSilence: 3,
  minFramesEpenthesis: 4,
  skipPenalty: 5,
  epenthesisPenalty: 4,
  epenthesisVowels: ['IY', 'IH', 'AH', 'UW'],
  silencePenalty: 0.5,
  substitutionPenalty: 3,
});

const OBSTRUENTS = new Set(['P', 'B', 'T', 'D', 'K', 'G', 'F', 'V', 'TH', 'DH', 'S', 'Z', 'SH', 'ZH', 'CH', 'JH']);

/** True for the consonants after which Brazilian learners tend to add a vowel. */
export function takesEpenthesis(phone: string): boolean {
  return OBSTRUENTS.has(phone);
}

/** One expected word with its alternative pronunciations. */
export interface ExpectedWord {
  readonly word: string;
  readonly pronunciations: readonly Pronunciation[];
}

/**
 * Builds the alignment graph of a sequence of words:
 * [sil] word₁ [ə] [sil] word₂ [ə] … [sil], each word one of its pronunciations, phones skippable.
 */
export function buildAlignGraph(words: readonly ExpectedWord[], options: AlignOptions = DEFAULT_ALIGN_OPTIONS): AlignGraph {
  const units: AlignUnit[] = [];
  const edges: Edge[][] = [];
  const add = (unit: AlignUnit): number => {
    units.push(unit);
    edges.push([]);
    return units.length - 1;
  };
  const silence = () => add({ kind: 'silence', word: -1, alternative: -1, position: -1, classes: [SIL_INDEX], minFrames: options.minFramesSilence });
  const vowelClasses = options.epenthesisVowels.map(phoneIndex);

  // "Frontier": the units a path may currently be in, with the cost of leaving each toward what comes next.
  // Entry points of the graph are represented by the pseudo-unit −1.
  type Exit = { from: number; cost: number };
  let frontier: Exit[] = [{ from: -1, cost: 0 }];
  const startCostList: { unit: number; cost: number }[] = [];
  const link = (exits: Exit[], to: number, extra = 0) => {
    for (const { from, cost } of exits) {
      if (from < 0) startCostList.push({ unit: to, cost: cost + extra });
      else edges[from].push({ to, cost: cost + extra });
    }
  };

  const leading = silence();
  link(frontier, leading);
  frontier = [...frontier, { from: leading, cost: 0 }];

  words.forEach((expected, w) => {
    const next: Exit[] = [];
    expected.pronunciations.forEach((pron, a) => {
      // Phones of this pronunciation; a phone may be skipped at `skipPenalty`.
      let reach: Exit[] = frontier;
      pron.forEach((phone, position) => {
        const unit = add({
          kind: 'phone',
          word: w,
          alternative: a,
          position,
          classes: [phoneIndex(phone)],
          minFrames: isVowel(phone) ? options.minFramesVowel : options.minFramesConsonant,
        });
        link(reach, unit);
        // Skipping this phone: whatever reached it reaches the next one, at a cost.
        reach = [{ from: unit, cost: 0 }, ...reach.map((e) => ({ from: e.from, cost: e.cost + options.skipPenalty }))];
      });
      // A pronunciation skipped entirely is not a way through the word: drop exits that skipped all its
      // phones (they still carry `frontier` units).
      const own = reach.filter((e) => e.from >= 0 && units[e.from].word === w && units[e.from].alternative === a);
      next.push(...own);
      const last = pron[pron.length - 1];
      if (last && takesEpenthesis(last)) {
        const vowel = add({ kind: 'epenthesis', word: w, alternative: a, position: -1, classes: vowelClasses, minFrames: options.minFramesEpenthesis });
        link(own, vowel, options.epenthesisPenalty);
        next.push({ from: vowel, cost: 0 });
      }
    });
    if (w < words.length - 1) {
      const gap = silence();
      link(next, gap, options.silencePenalty);
      frontier = [...next, { from: gap, cost: 0 }];
    } else {
      frontier = next;
    }
  });

  const trailing = silence();
  link(frontier, trailing);
  frontier = [...frontier, { from: trailing, cost: 0 }];

  const startCost = new Float64Array(units.length).fill(-Infinity);
  for (const { unit, cost } of startCostList) startCost[unit] = Math.max(startCost[unit], -cost);
  const endCost = new Float64Array(units.length).fill(-Infinity);
  for (const { from, cost } of frontier) if (from >= 0) endCost[from] = Math.max(endCost[from], -cost);
  // Costs on edges are stored as negative log-scores.
  const scored = edges.map((list) => list.map((e) => ({ to: e.to, cost: -e.cost })));
  return { units, edges: scored, startCost, endCost, substitutionPenalty: options.substitutionPenalty };
}

/** A unit on the best path and the frames it covered, `[startFrame, endFrame)`. */
export interface AlignedUnit {
  readonly unit: number;
  readonly startFrame: number;
  readonly endFrame: number;
}

/** The best path: the units in order with their frame spans, and its total log-score. */
export interface Alignment {
  readonly path: AlignedUnit[];
  readonly score: number;
}

/**
 * Viterbi over `frames × classes` log-posteriors (row-major). Returns null when no path fits
 * (the clip is shorter than the shortest way through the graph).
 */
export function viterbiAlign(graph: AlignGraph, logPosteriors: Float32Array, frames: number, classes: number): Alignment | null {
  const { units, edges, startCost, endCost } = graph;
  // State layout: unit u owns states [offset[u], offset[u] + minFrames).
  const offset = new Int32Array(units.length + 1);
  for (let u = 0; u < units.length; u++) offset[u + 1] = offset[u] + units[u].minFrames;
  const states = offset[units.length];
  const stateUnit = new Int32Array(states);
  for (let u = 0; u < units.length; u++) stateUnit.fill(u, offset[u], offset[u + 1]);
  if (frames === 0 || states === 0) return null;

  // Best speech (non-silence) log-posterior per frame, less the substitution penalty.
  const substitute = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let best = -Infinity;
    for (let c = 0; c < classes; c++) if (c !== SIL_INDEX) best = Math.max(best, logPosteriors[t * classes + c]);
    substitute[t] = best - graph.substitutionPenalty;
  }
  const emission = (u: number, t: number): number => {
    const unit = units[u];
    const cls = unit.classes;
    const row = t * classes;
    let best = logPosteriors[row + cls[0]];
    for (let i = 1; i < cls.length; i++) best = Math.max(best, logPosteriors[row + cls[i]]);
    return unit.kind === 'phone' ? Math.max(best, substitute[t]) : best;
  };

  let prev = new Float64Array(states).fill(-Infinity);
  let curr = new Float64Array(states);
  const back = new Int32Array(frames * states).fill(-1);
  for (let u = 0; u < units.length; u++) if (startCost[u] > -Infinity) prev[offset[u]] = startCost[u] + emission(u, 0);

  for (let t = 1; t < frames; t++) {
    curr.fill(-Infinity);
    const row = t * states;
    for (let u = 0; u < units.length; u++) {
      const first = offset[u];
      const last = offset[u + 1] - 1;
      // Within the unit: advance along the chain, or loop on its last state.
      for (let s = first; s < last; s++) {
        if (prev[s] > curr[s + 1]) {
          curr[s + 1] = prev[s];
          back[row + s + 1] = s;
        }
      }
      if (prev[last] > curr[last]) {
        curr[last] = prev[last];
        back[row + last] = last;
      }
      // Leaving the unit from its last state.
      if (prev[last] === -Infinity) continue;
      for (const { to, cost } of edges[u]) {
        const score = prev[last] + cost;
        const target = offset[to];
        if (score > curr[target]) {
          curr[target] = score;
          back[row + target] = last;
        }
      }
    }
    for (let s = 0; s < states; s++) if (curr[s] > -Infinity) curr[s] += emission(stateUnit[s], t);
    [prev, curr] = [curr, prev];
  }

  let bestState = -1;
  let bestScore = -Infinity;
  for (let u = 0; u < units.length; u++) {
    const last = offset[u + 1] - 1;
    const score = prev[last] + endCost[u];
    if (score > bestScore) {
      bestScore = score;
      bestState = last;
    }
  }
  if (bestState < 0 || bestScore === -Infinity) return null;

  const path: AlignedUnit[] = [];
  let state = bestState;
  let end = frames;
  for (let t = frames - 1; t >= 0; t--) {
    const previous = t > 0 ? back[t * states + state] : -1;
    const u = stateUnit[state];
    // Units never link to themselves, so a change of unit between t−1 and t marks an entry.
    if (t === 0 || previous < 0 || stateUnit[previous] !== u) {
      path.push({ unit: u, startFrame: t, endFrame: end });
      end = t;
    }
    state = previous;
  }
  path.reverse();
  return { path, score: bestScore };
}
