import { describe, expect, it } from 'vitest';
import { formatClock, formatLimit } from './time';
import { levelPercent } from './LevelMeter';

describe('formatClock', () => {
  it('formats minutes, seconds and tenths, rounding down', () => {
    expect(formatClock(0)).toBe('0:00.0');
    expect(formatClock(3.46)).toBe('0:03.4');
    expect(formatClock(59.96)).toBe('0:59.9');
    expect(formatClock(75.2, 0)).toBe('1:15');
    expect(formatClock(-1)).toBe('0:00.0');
  });

  it('shows a limit in whole seconds unless it has a fraction', () => {
    expect(formatLimit(15)).toBe('0:15');
    expect(formatLimit(0.5)).toBe('0:00.5');
  });
});

describe('levelPercent', () => {
  it('maps −60…0 dBFS to 0…100', () => {
    expect(levelPercent(0)).toBe(0);
    expect(levelPercent(1)).toBe(100);
    expect(levelPercent(0.001)).toBe(0);
    expect(levelPercent(10 ** (-30 / 20))).toBe(50);
  });
});
