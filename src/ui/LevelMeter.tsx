/**
 * Live microphone level while recording: the bar follows the block RMS on a −60…0 dBFS scale, a thin
 * mark shows the block peak, and the bar turns warm near clipping.
 */
const FLOOR_DB = -60;

/** Position of a linear level on the meter, 0…100. */
export function levelPercent(linear: number): number {
  if (linear <= 0) return 0;
  const db = 20 * Math.log10(linear);
  return Math.round(Math.min(100, Math.max(0, ((db - FLOOR_DB) / -FLOOR_DB) * 100)));
}

export function LevelMeter({ rms, peak, active, label = 'Microphone level' }: { rms: number; peak: number; active: boolean; label?: string }) {
  const value = active ? levelPercent(rms) : 0;
  const peakValue = active ? levelPercent(peak) : 0;
  return (
    <div
      className={`meter${peak >= 0.98 && active ? ' meter--hot' : ''}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="meter__bar" style={{ width: `${value}%` }} />
      <div className="meter__peak" style={{ left: `${peakValue}%`, opacity: peakValue > 0 ? 1 : 0 }} />
    </div>
  );
}
