import { describe, expect, it } from 'vitest';
import { fitCalibration, fitContrastMargins, fitThreshold, phoneClass, type GopSample } from './calibrate';

describe('fitThreshold', () => {
  it('keeps false rejection within the limit and reports recall', () => {
    const correct = Array.from({ length: 100 }, (_, i) => i / 10); // 0 … 9.9
    const substituted = Array.from({ length: 50 }, (_, i) => -5 + i / 10); // −5 … −0.1
    const fit = fitThreshold(correct, substituted, 0.05);
    expect(fit.falseRejection).toBeLessThanOrEqual(0.05);
    expect(fit.falseRejection).toBeGreaterThan(0.03);
    expect(fit.recall).toBe(1);
    expect(fit.threshold).toBeGreaterThan(0.4);
    expect(fit.threshold).toBeLessThan(0.5);
  });

  it('rejects nothing at a zero limit', () => {
    const fit = fitThreshold([1, 2, 3], [0, 5], 0);
    expect(fit.falseRejection).toBe(0);
    expect(fit.recall).toBe(0.5);
  });
});

describe('fitCalibration', () => {
  it('gives well-measured phones their own threshold and pools thin ones by class', () => {
    const samples: GopSample[] = [];
    for (let i = 0; i < 60; i++) samples.push({ phone: 'TH', gop: 2 + i / 20, correct: true });
    for (let i = 0; i < 60; i++) samples.push({ phone: 'S', gop: -1 + i / 20, correct: true });
    for (let i = 0; i < 5; i++) samples.push({ phone: 'F', gop: 10, correct: true });
    for (let i = 0; i < 20; i++) samples.push({ phone: 'TH', gop: -3, correct: false });
    const calibration = fitCalibration(samples, { families: ['awb'] }, { maxFalseRejection: 0.05, minCorrect: 30, slope: 1 });
    expect(calibration.thresholds.TH).toBeGreaterThan(2);
    expect(calibration.thresholds.S).toBeLessThan(0);
    // F has 5 samples: it takes the fricative class's threshold (TH + S + F pooled).
    const fricatives = calibration.fits['class:fricative'];
    expect(calibration.thresholds.F).toBeCloseTo(fricatives.threshold, 3);
    expect(calibration.fittedOn).toMatchObject({ families: ['awb'], samples: 145 });
    expect(phoneClass('IY')).toBe('vowel');
  });

  it('fits a contrast margin from native ratios and keeps it only where it catches what thresholds miss', () => {
    const natives = Array.from({ length: 100 }, (_, i) => ({ phone: 'TH', gop: 1, correct: true, contrasts: [{ partner: 'T', llr: -3 + i * 0.02 }] }));
    // Twenty "tree"s: ten pass the TH threshold (gop 1 ≥ 0) with llr 0.5; ten are caught by it already.
    const subs = Array.from({ length: 20 }, (_, i) => ({ phone: 'TH', gop: i < 10 ? 1 : -5, correct: false, said: 'T', contrasts: [{ partner: 'T', llr: 0.5 }] }));
    const margins = fitContrastMargins([...natives, ...subs], { TH: 0 }, 0, 0.02);
    // 2% of 100 natives may be rejected: the two highest ratios (−1.02, −1.04) fall above the margin, the third (−1.06) below.
    expect(margins['TH>T']).toBeCloseTo(-1.05, 3);
    expect(fitContrastMargins([...natives, ...subs], { TH: 0 }, 0, 0)).toEqual({});
    // Nothing slips past the threshold: no margin.
    const caught = subs.map((s) => ({ ...s, gop: -5 }));
    expect(fitContrastMargins([...natives, ...caught], { TH: 0 }, 0, 0.02)).toEqual({});
  });
});
