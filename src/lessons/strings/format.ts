/**
 * Numbers as the UI language writes them (Intl.NumberFormat): "1,8 s", "2,4 MB", "100,0 %" in
 * Brazilian Portuguese, "1.8 s", "2.4 MB", "100.0 %" in English. Every figure the UI shows goes
 * through here. The unit is joined by a no-break space, so a line never ends between them.
 */

/** U+00A0 between a figure and its unit. */
const NBSP = '\u00A0';
import type { TipLanguage } from '../tips';

/** `value` with exactly `digits` decimals. */
export function formatNumber(value: number, language: TipLanguage, digits = 0): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A duration in seconds with its unit ("1,8 s"). */
export function formatSeconds(seconds: number, language: TipLanguage, digits = 1): string {
  return `${formatNumber(seconds, language, digits)}${NBSP}s`;
}

/** Milliseconds with their unit ("96 ms"). */
export function formatMilliseconds(ms: number, language: TipLanguage): string {
  return `${formatNumber(ms, language, 0)}${NBSP}ms`;
}

/** A fraction in [0, 1] as a percentage ("100,0 %"). */
export function formatPercent(fraction: number, language: TipLanguage, digits = 1): string {
  return `${formatNumber(100 * fraction, language, digits)}${NBSP}%`;
}

/** Bytes as a short figure, decimal units ("1,2 MB"; one decimal below 100 of a unit). */
export function formatBytes(bytes: number, language: TipLanguage): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${formatNumber(value, language, digits)}${NBSP}${units[unit]}`;
}
