import { describe, expect, it } from 'vitest';
import { frameAt, frameSeconds, overlayModel } from './overlayModel';

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
