/** `m:ss.t` for a duration in seconds (tenths, rounded down), or `m:ss` with `decimals = 0`. */
export function formatClock(seconds: number, decimals: 0 | 1 = 1): string {
  const tenths = Math.floor(Math.max(0, seconds) * 10 + 1e-6);
  const minutes = Math.floor(tenths / 600);
  const rest = tenths % 600;
  const whole = String(Math.floor(rest / 10)).padStart(2, '0');
  return decimals === 0 ? `${minutes}:${whole}` : `${minutes}:${whole}.${rest % 10}`;
}

/** A length limit: `m:ss` when it is whole seconds, else `m:ss.t`. */
export function formatLimit(seconds: number): string {
  return formatClock(seconds, Number.isInteger(seconds) ? 0 : 1);
}
