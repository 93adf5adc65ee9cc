import { describe, expect, it } from 'vitest';
import { createSilenceStopper } from './silenceStop';

/** Feeds 20 ms blocks of the given linear levels; returns the time the stopper fired, or null. */
function run(levels: number[]): number | null {
  const stopper = createSilenceStopper();
  for (let i = 0; i < levels.length; i++) if (stopper.update(levels[i], (i + 1) * 0.02)) return Math.round((i + 1) * 20) / 1000;
  return null;
}
const blocks = (seconds: number, level: number) => new Array<number>(Math.round(seconds / 0.02)).fill(level);

describe('silence stopper', () => {
  it('waits through leading silence, then stops 1 s after speech ends', () => {
    expect(run([...blocks(2, 0), ...blocks(0.5, 0.1), ...blocks(3, 0.001)])).toBeCloseTo(3.5, 2);
  });
  it('without any speech, stops after 3 s (the take is then refused as silent)', () => {
    expect(run(blocks(5, 0.001))).toBeCloseTo(3, 2);
  });
  it('speech that starts before 3 s is waited for', () => {
    expect(run([...blocks(2.9, 0), ...blocks(1, 0.1), ...blocks(0.5, 0)])).toBeNull();
  });
  it('a pause shorter than 1 s does not stop it', () => {
    expect(run([...blocks(0.5, 0.1), ...blocks(0.6, 0), ...blocks(0.5, 0.1), ...blocks(0.5, 0)])).toBeNull();
  });
  it('levels between the thresholds do not count as silence', () => {
    expect(run([...blocks(0.5, 0.1), ...blocks(3, 10 ** (-40 / 20))])).toBeNull();
  });
  it('a click shorter than the minimum speech does not arm it', () => {
    expect(run([...blocks(0.1, 0.5), ...blocks(3, 0)])).toBeNull();
  });
});
