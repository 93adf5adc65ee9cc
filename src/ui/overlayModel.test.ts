import { describe, expect, it } from 'vitest';
import { frameAt, frameSeconds, overlayModel, playableSpan } from './overlayModel';

describe('overlay model', () => {
  it('frame times round-trip', () => {
    expect(frameSeconds(0)).toBeCloseTo(0.0125, 6);
    expect(frameAt(frameSeconds(37), 100)).toBe(37);
  });

  it('maps native phones onto the learner axis through the path (native twice as slow)', () => {
    // Learner 50 frames, native 100: native frame j ↔ learner frame j/2.
    const path: [number, number][] = [];
    for (let i = 0; i < 50; i++) path.push([i, 2 * i], [i, 2 * i + 1]);
    const model = overlayModel({
      learnerFrames: 50,
      learnerOffsetSeconds: 0.2,
      nativeFrames: 100,
      nativeOffsetSeconds: 0.1,
      path,
      learnerPhones: [
        { phone: 'TH', start: 0.2125, end: 0.4125, score: 20, verdict: 'mispronounced', heard: 'T' },
        { phone: 'IY', start: 0.4125, end: 0.7125, score: 90, verdict: 'ok', heard: null },
      ],
      nativePhones: [
        { phone: 'SIL', start: 0, end: 0.1 },
        { phone: 'TH', start: 0.1125, end: 0.5125 },
        { phone: 'IY', start: 0.5125, end: 1.1125 },
      ],
    });
    expect(model.learnerSegments.map((s) => [s.label, s.startFrame, s.endFrame, s.verdict, s.heard])).toEqual([
      ['TH', 0, 20, 'mispronounced', 'T'],
      ['IY', 20, 50, 'ok', null],
    ]);
    expect(model.nativeSegments.map((s) => [s.label, s.startFrame, s.endFrame])).toEqual([
      ['TH', 0, 20],
      ['IY', 20, 50],
    ]);
    // Tapping the learner's TH plays the native TH.
    expect(model.learnerSegments[0].native.start).toBeCloseTo(0.1 + frameSeconds(0) - 0.005, 4);
    expect(model.learnerSegments[0].native.end).toBeCloseTo(0.1 + frameSeconds(39) + 0.005, 4);
  });
});

describe('playable span of a tapped sound', () => {
  it('plays at least 300 ms around a short sound, with context on each side', () => {
    const span = playableSpan({ start: 0.5, end: 0.57 }, 2);
    expect(span.end - span.start).toBeCloseTo(0.31, 5);
    expect(span.start).toBeLessThan(0.5 - 0.1);
    expect(span.end).toBeGreaterThan(0.57 + 0.1);
  });
  it('keeps a long sound whole, plus its context', () => {
    expect(playableSpan({ start: 0.5, end: 1.0 }, 2)).toEqual({ start: 0.38, end: 1.12 });
  });
  it('shifts at the edges of the recording instead of cutting the stretch short', () => {
    const first = playableSpan({ start: 0, end: 0.03 }, 2);
    expect(first.start).toBe(0);
    expect(first.end).toBeCloseTo(0.3, 5);
    const last = playableSpan({ start: 1.97, end: 2 }, 2);
    expect(last.end).toBe(2);
    expect(last.start).toBeCloseTo(1.7, 5);
    expect(playableSpan({ start: 0.05, end: 0.1 }, 0.2)).toEqual({ start: 0, end: 0.2 });
  });
});
