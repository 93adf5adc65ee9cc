import { describe, expect, it } from 'vitest';
import { PHONE_COUNT } from '../model/phones';
import { buildAlignGraph, viterbiAlign, type AlignGraph, type Alignment, type ExpectedWord } from './forcedAlign';
import { syntheticLogPosteriors } from './testPosteriors';

const word = (w: string, ...prons: string[]): ExpectedWord => ({ word: w, pronunciations: prons.map((p) => p.split(' ')) });

function describePath(graph: AlignGraph, alignment: Alignment): string[] {
  return alignment.path.map(({ unit, startFrame, endFrame }) => {
    const u = graph.units[unit];
    const name = u.kind === 'silence' ? 'sil' : u.kind === 'epenthesis' ? '+V' : `${u.word}.${u.alternative}.${u.position}`;
    return `${name}@${startFrame}-${endFrame}`;
  });
}

function align(words: ExpectedWord[], runs: [string, number][]) {
  const graph = buildAlignGraph(words);
  const { data, frames } = syntheticLogPosteriors(runs);
  const alignment = viterbiAlign(graph, data, frames, PHONE_COUNT);
  if (!alignment) throw new Error('no alignment');
  return describePath(graph, alignment);
}

describe('forced alignment', () => {
  it('finds the boundaries of the expected phones', () => {
    expect(align([word('three', 'TH R IY')], [['SIL', 10], ['TH', 8], ['R', 5], ['IY', 12], ['SIL', 6]])).toEqual([
      'sil@0-10', '0.0.0@10-18', '0.0.1@18-23', '0.0.2@23-35', 'sil@35-41',
    ]);
  });

  it('works without edge silence', () => {
    expect(align([word('three', 'TH R IY')], [['TH', 4], ['R', 3], ['IY', 6]])).toEqual(['0.0.0@0-4', '0.0.1@4-7', '0.0.2@7-13']);
  });

  it('keeps a substituted phone in place (the scorer judges it), rather than skipping it', () => {
    expect(align([word('three', 'TH R IY')], [['SIL', 5], ['T', 8], ['R', 5], ['IY', 12], ['SIL', 5]])).toEqual([
      'sil@0-5', '0.0.0@5-13', '0.0.1@13-18', '0.0.2@18-30', 'sil@30-35',
    ]);
  });

  it('reports an inserted vowel after a word-final consonant instead of smearing it', () => {
    expect(align([word('big', 'B IH G')], [['SIL', 5], ['B', 5], ['IH', 10], ['G', 6], ['IY', 10], ['SIL', 5]])).toEqual([
      'sil@0-5', '0.0.0@5-10', '0.0.1@10-20', '0.0.2@20-26', '+V@26-36', 'sil@36-41',
    ]);
  });

  it('does not invent an inserted vowel where there is none', () => {
    const path = align([word('big', 'B IH G')], [['SIL', 5], ['B', 5], ['IH', 10], ['G', 6], ['SIL', 8]]);
    expect(path.some((p) => p.startsWith('+V'))).toBe(false);
  });

  it('skips a phone that was not said', () => {
    const path = align([word('big', 'B IH G')], [['SIL', 5], ['B', 5], ['IH', 12], ['SIL', 12]]);
    expect(path).toEqual(['sil@0-5', '0.0.0@5-10', '0.0.1@10-22', 'sil@22-34']);
  });

  it('chooses the pronunciation the speaker used', () => {
    const path = align([word('tomato', 'T AH M EY T OW', 'T AH M AA T OW')], [
      ['SIL', 4], ['T', 4], ['AH', 4], ['M', 5], ['AA', 10], ['T', 4], ['OW', 10], ['SIL', 4],
    ]);
    expect(path.slice(1, -1).every((p) => p.startsWith('0.1.'))).toBe(true);
  });

  it('aligns several words with an optional pause between them', () => {
    const words = [word('three', 'TH R IY'), word('trees', 'T R IY Z')];
    const runs: [string, number][] = [['SIL', 5], ['TH', 6], ['R', 4], ['IY', 8], ['SIL', 10], ['T', 5], ['R', 4], ['IY', 8], ['Z', 7], ['SIL', 5]];
    expect(align(words, runs)).toEqual([
      'sil@0-5', '0.0.0@5-11', '0.0.1@11-15', '0.0.2@15-23', 'sil@23-33', '1.0.0@33-38', '1.0.1@38-42', '1.0.2@42-50', '1.0.3@50-57', 'sil@57-62',
    ]);
    const joined = align(words, runs.filter(([p, n]) => !(p === 'SIL' && n === 10)));
    expect(joined.filter((p) => p.startsWith('sil'))).toHaveLength(2);
  });

  it('returns null when the clip is too short for the expected phones', () => {
    const graph = buildAlignGraph([word('three', 'TH R IY')]);
    const { data } = syntheticLogPosteriors([['TH', 3]]);
    // 3 frames cannot hold TH (2) + R (2) + IY (3) — but skipping R and IY at a cost can: that is a path.
    const alignment = viterbiAlign(graph, data, 3, PHONE_COUNT);
    expect(alignment?.path.length ?? 0).toBeGreaterThan(0);
    expect(viterbiAlign(graph, data, 1, PHONE_COUNT)).toBeNull();
    expect(viterbiAlign(graph, new Float32Array(0), 0, PHONE_COUNT)).toBeNull();
  });
});
