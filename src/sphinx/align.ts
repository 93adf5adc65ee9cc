/**
 * Forced alignment of a phone sequence with the Sphinx model: Viterbi over a graph of 3-state
 * left-to-right HMMs (the model's transition matrices; a skip only where the matrix allows it) whose
 * senones are the context-dependent ones pocketsphinx's FSG search would use:
 *
 *  - phone j of a word takes its neighbours as context, with the word position (begin / internal /
 *    end / single) of mdef; across a word boundary the context is the neighbouring word's phone, or
 *    SIL when a silence comes between them or at the ends of the utterance;
 *  - so a word's first phone exists in two copies (entered from the previous word or from a
 *    silence) and its last phone in two (leaving to the next word or to a silence), as
 *    pocketsphinx's lextree fans out left and right contexts; a single-phone word fans out its left
 *    context only and always takes SIL as its right context, as pocketsphinx does;
 *  - optional silence (the CI SIL HMM) before, between and after words, each costing
 *    `silencePenalty` (default pocketsphinx's: (ln silprob + ln wip)·lw = (ln 0.005 + ln 0.65)·6.5).
 *
 * Scores are natural logs: the senone scores of scorer.ts and the transition log-probabilities as
 * pocketsphinx quantises them.
 */
import { SphinxError } from './errors';
import { ciPhoneId, triphoneHmm, type PhoneHmm } from './sphinxModel';
import type { SenoneScores } from './scorer';
import { WordPosition, type SphinxModel } from './types';

/** Options of the aligner. */
export interface AlignOptions {
  /** Allow a silence before, between and after the words (default true). */
  readonly optionalSilence?: boolean;
  /** Log-probability added for each silence (default pocketsphinx's FSG search: −37.2 nats). */
  readonly silencePenalty?: number;
}

/** pocketsphinx's default cost of a silence in an FSG search: (ln silprob 0.005 + ln wip 0.65) · lw 6.5. */
export const SPHINX_SILENCE_PENALTY = (Math.log(0.005) + Math.log(0.65)) * 6.5;

/** One aligned segment, in Sphinx frames: `[start, end)`. */
export interface AlignedSegment {
  /** The phone (one of the 40 classes; SIL for an inserted silence). */
  readonly phone: string;
  /** Index of the word, or −1 for a silence. */
  readonly word: number;
  /** Index of the phone in its word, or −1 for a silence. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** The senones the segment was scored with (context-dependent where mdef has the triphone). */
  readonly senones: readonly number[];
}

/** Result of an alignment. */
export interface Alignment {
  readonly segments: readonly AlignedSegment[];
  /** Total log score of the best path (acoustic + transitions + penalties). */
  readonly score: number;
}

interface Node {
  readonly hmm: PhoneHmm;
  readonly phone: string;
  readonly word: number;
  readonly index: number;
  readonly preds: number[];
  readonly entryPenalty: number;
  start: boolean;
  end: boolean;
}

function buildGraph(model: SphinxModel, words: readonly (readonly string[])[], optionalSilence: boolean, silencePenalty: number): Node[] {
  const sil = model.silenceId;
  const ids = words.map((w) => w.map((p) => {
    if (p === 'SIL') throw new SphinxError('SPHINX_BAD_INPUT', 'The expected phones may not contain SIL: silence between words is optional and added by the aligner.');
    return ciPhoneId(model, p);
  }));
  const nodes: Node[] = [];
  const add = (hmm: PhoneHmm, phone: string, word: number, index: number, preds: number[], entryPenalty = 0): number => {
    nodes.push({ hmm, phone, word, index, preds, entryPenalty, start: false, end: false });
    return nodes.length - 1;
  };
  const silence = (preds: number[]): number => add(triphoneHmm(model, sil, sil, sil, WordPosition.single), 'SIL', -1, -1, preds, silencePenalty);
  // exits[rc] of the previous word: rc 0 = followed directly by the next word, 1 = by a silence.
  let exitsDirect: number[] = [];
  let exitsToSil: number[] = [];
  const startSil = optionalSilence ? silence([]) : -1;
  if (startSil >= 0) nodes[startSil].start = true;
  for (let w = 0; w < ids.length; w++) {
    const phones = ids[w];
    if (phones.length === 0) throw new SphinxError('SPHINX_BAD_INPUT', `Word ${w} has no phones.`);
    const first = w === 0;
    const last = w === ids.length - 1;
    const silBefore = first ? startSil : optionalSilence ? silence(exitsToSil) : -1;
    const prevLast = first ? sil : ids[w - 1][ids[w - 1].length - 1];
    const nextFirst = last ? sil : ids[w + 1][0];
    // Entry contexts: [lc, preds, isStart].
    const entries: [number, number[], boolean][] = [];
    if (first) entries.push([sil, silBefore >= 0 ? [silBefore] : [], true]);
    else {
      entries.push([prevLast, exitsDirect, false]);
      if (silBefore >= 0) entries.push([sil, [silBefore], false]);
    }
    // Exit contexts: [rc, toSilence]. The last word always meets SIL on its right.
    const exits: [number, boolean][] = last ? [[sil, false]] : optionalSilence ? [[nextFirst, false], [sil, true]] : [[nextFirst, false]];
    const n = phones.length;
    const name = (j: number): string => model.ciPhones[phones[j]];
    const nextDirect: number[] = [];
    const nextToSil: number[] = [];
    const markExit = (node: number, toSil: boolean): void => {
      if (last) nodes[node].end = true;
      (toSil ? nextToSil : nextDirect).push(node);
    };
    if (n === 1) {
      // pocketsphinx fans out only the left context of a single-phone word; its right context is
      // always SIL (dict2pid's lrdiph_rc(ci, lc, SIL), fsg_lextree.c).
      for (const [lc, preds, isStart] of entries) {
        const node = add(triphoneHmm(model, phones[0], lc, sil, WordPosition.single), name(0), w, 0, preds);
        nodes[node].start = isStart;
        for (const [, toSil] of exits) markExit(node, toSil);
      }
    } else {
      let prev: number[] = [];
      for (const [lc, preds, isStart] of entries) {
        const node = add(triphoneHmm(model, phones[0], lc, phones[1], WordPosition.begin), name(0), w, 0, preds);
        nodes[node].start = isStart;
        prev.push(node);
      }
      for (let j = 1; j < n - 1; j++) prev = [add(triphoneHmm(model, phones[j], phones[j - 1], phones[j + 1], WordPosition.internal), name(j), w, j, prev)];
      for (const [rc, toSil] of exits) markExit(add(triphoneHmm(model, phones[n - 1], phones[n - 2], rc, WordPosition.end), name(n - 1), w, n - 1, prev), toSil);
    }
    exitsDirect = nextDirect;
    exitsToSil = nextToSil;
  }
  if (optionalSilence && ids.length > 0) nodes[silence(exitsDirect)].end = true;
  return nodes;
}

/**
 * Aligns `words` (each a list of phone names from the 40 classes, not SIL) to the frames of
 * `scores`. Throws SphinxError when the clip is too short for the phones (3 frames each).
 */
export function alignPhones(model: SphinxModel, scores: SenoneScores, words: readonly (readonly string[])[], options: AlignOptions = {}): Alignment {
  const nodes = buildGraph(model, words, options.optionalSilence ?? true, options.silencePenalty ?? SPHINX_SILENCE_PENALTY);
  const T = scores.frames;
  const N = nodes.length;
  const cols = nodes.map((n) => n.hmm.senones.map((s) => scores.column(s)));
  const tm = model.logTmat;
  // Current and previous state scores, and the token (history record) each state carries.
  let cur = new Float64Array(N * 3).fill(-Infinity);
  let prev = new Float64Array(N * 3).fill(-Infinity);
  let curTok = new Int32Array(N * 3).fill(-1);
  let prevTok = new Int32Array(N * 3).fill(-1);
  // Tokens: node, entry frame, predecessor token.
  let tokNode = new Int32Array(1024);
  let tokStart = new Int32Array(1024);
  let tokPrev = new Int32Array(1024);
  let tokens = 0;
  const newToken = (node: number, start: number, from: number): number => {
    if (tokens === tokNode.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      tokNode = grow(tokNode);
      tokStart = grow(tokStart);
      tokPrev = grow(tokPrev);
    }
    tokNode[tokens] = node;
    tokStart[tokens] = start;
    tokPrev[tokens] = from;
    return tokens++;
  };
  const exitScore = new Float64Array(N);
  for (let t = 0; t < T; t++) {
    // Exit scores of the previous frame.
    for (let n = 0; n < N; n++) {
      const a = nodes[n].hmm.tmat * 12;
      const via2 = prev[n * 3 + 2] + tm[a + 2 * 4 + 3];
      const via1 = prev[n * 3 + 1] + tm[a + 1 * 4 + 3];
      exitScore[n] = via2 >= via1 ? via2 : via1;
    }
    for (let n = 0; n < N; n++) {
      const node = nodes[n];
      const a = node.hmm.tmat * 12;
      const b = n * 3;
      // Entry into state 0 at frame t.
      let entry = -Infinity;
      let entryFrom = -1;
      if (t === 0) {
        if (node.start) entry = node.entryPenalty;
      } else {
        for (const p of node.preds) {
          const e = exitScore[p];
          if (e > entry) {
            entry = e;
            entryFrom = p;
          }
        }
        if (entryFrom >= 0) entry += node.entryPenalty;
      }
      for (let s = 2; s >= 0; s--) {
        let best = prev[b + s] + tm[a + s * 4 + s];
        let tok = prevTok[b + s];
        if (s >= 1) {
          const v = prev[b + s - 1] + tm[a + (s - 1) * 4 + s];
          if (v > best) {
            best = v;
            tok = prevTok[b + s - 1];
          }
        }
        if (s === 2) {
          const v = prev[b] + tm[a + 2];
          if (v > best) {
            best = v;
            tok = prevTok[b];
          }
        }
        if (s === 0 && entry > best) {
          best = entry;
          tok = -2; // a new token, made below
        }
        cur[b + s] = best === -Infinity ? -Infinity : best + cols[n][s][t];
        curTok[b + s] = tok;
      }
      if (curTok[b] === -2) {
        const fromTok = t === 0 || entryFrom < 0 ? -1 : exitTokenOf(entryFrom);
        curTok[b] = newToken(n, t, fromTok);
      }
    }
    [cur, prev] = [prev, cur];
    [curTok, prevTok] = [prevTok, curTok];
  }

  // The previous frame's exit token of node p (the state the exit score came from).
  function exitTokenOf(p: number): number {
    const a = nodes[p].hmm.tmat * 12;
    const via2 = prev[p * 3 + 2] + tm[a + 2 * 4 + 3];
    const via1 = prev[p * 3 + 1] + tm[a + 1 * 4 + 3];
    return via2 >= via1 ? prevTok[p * 3 + 2] : prevTok[p * 3 + 1];
  }

  let bestScore = -Infinity;
  let bestTok = -1;
  for (let n = 0; n < N; n++) {
    if (!nodes[n].end) continue;
    const a = nodes[n].hmm.tmat * 12;
    for (const s of [2, 1]) {
      const v = prev[n * 3 + s] + tm[a + s * 4 + 3];
      if (v > bestScore) {
        bestScore = v;
        bestTok = prevTok[n * 3 + s];
      }
    }
  }
  if (bestTok < 0 || bestScore === -Infinity) {
    const phones = words.reduce((k, w) => k + w.length, 0);
    throw new SphinxError('SPHINX_BAD_INPUT', `The clip (${T} frames) is too short to align ${phones} phones: each needs at least 3 frames.`, { frames: T, phones });
  }
  const chain: number[] = [];
  for (let k = bestTok; k >= 0; k = tokPrev[k]) chain.push(k);
  chain.reverse();
  const segments: AlignedSegment[] = chain.map((k, i) => {
    const node = nodes[tokNode[k]];
    const start = tokStart[k];
    const end = i + 1 < chain.length ? tokStart[chain[i + 1]] : T;
    return { phone: node.phone, word: node.word, index: node.index, start, end, senones: [...node.hmm.senones] };
  });
  return { segments, score: bestScore };
}
