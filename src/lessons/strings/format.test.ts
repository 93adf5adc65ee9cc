import { describe, expect, it } from 'vitest';
import { formatBytes, formatMilliseconds, formatNumber, formatPercent, formatSeconds } from './format';

describe('numbers in the UI language', () => {
  it('writes decimals with a comma in Brazilian Portuguese and a point in English', () => {
    expect(formatSeconds(1.84, 'pt-BR')).toBe('1,8\u00A0s');
    expect(formatSeconds(1.84, 'en')).toBe('1.8\u00A0s');
    expect(formatBytes(2_400_000, 'pt-BR')).toBe('2,4\u00A0MB');
    expect(formatBytes(2_400_000, 'en')).toBe('2.4\u00A0MB');
    expect(formatPercent(1, 'pt-BR')).toBe('100,0\u00A0%');
    expect(formatPercent(0.5994, 'en')).toBe('59.9\u00A0%');
    expect(formatMilliseconds(1234, 'pt-BR')).toBe('1.234\u00A0ms');
    expect(formatNumber(12_345.678, 'pt-BR', 2)).toBe('12.345,68');
  });
  it('keeps small byte counts whole', () => {
    expect(formatBytes(512, 'pt-BR')).toBe('512\u00A0B');
    expect(formatBytes(150_000, 'en')).toBe('150\u00A0KB');
  });
});

describe('the feature path in the UI language', () => {
  it('translates the extractor’s reasons into Portuguese, leaving English as written', async () => {
    const { melReasonText } = await import('./recorder');
    const reason = 'CPU: the WebGPU adapter is a software fallback (google swiftshader), slower than the CPU path';
    expect(melReasonText(reason, 'en')).toBe(reason);
    expect(melReasonText(reason, 'pt-BR')).toBe('CPU: o adaptador WebGPU é uma emulação em software (google swiftshader), mais lenta que a CPU');
    expect(melReasonText('WebGPU on nvidia', 'pt-BR')).toBe('WebGPU em nvidia');
    expect(melReasonText('something new', 'pt-BR')).toBe('something new');
  });
});
