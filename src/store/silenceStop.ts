/**
 * Automatic stop on trailing silence: once speech has been heard (block RMS at or above
 * `speechDb` for at least `minSpeechSeconds` in all), the recording stops after `trailingSeconds`
 * of blocks below `silenceDb`. Levels between the two thresholds neither start nor end the
 * silence (hysteresis), so a breath or a soft consonant does not cut the learner off. When no speech
 * at all has been heard after `noSpeechSeconds`, it stops too (the take is then refused as silent).
 */
export interface SilenceStopOptions {
  /** Block level that counts as speech, dBFS (default −35). */
  readonly speechDb?: number;
  /** Block level below which a block is silence, dBFS (default −45). */
  readonly silenceDb?: number;
  /** Speech needed before the stop is armed, seconds (default 0.15). */
  readonly minSpeechSeconds?: number;
  /** Silence after speech that stops the recording, seconds (default 1). */
  readonly trailingSeconds?: number;
  /** Stop when nothing reached `speechDb` this long from the start, seconds (default 3). */
  readonly noSpeechSeconds?: number;
}

export interface SilenceStopper {
  /** Feeds one level block (linear RMS, elapsed seconds at its end); true once the recording should stop. */
  update(rms: number, elapsedSeconds: number): boolean;
}

export function createSilenceStopper(options: SilenceStopOptions = {}): SilenceStopper {
  const speechDb = options.speechDb ?? -35;
  const silenceDb = options.silenceDb ?? -45;
  const minSpeechSeconds = options.minSpeechSeconds ?? 0.15;
  const trailingSeconds = options.trailingSeconds ?? 1;
  const noSpeechSeconds = options.noSpeechSeconds ?? 3;
  let previous = 0;
  let speechSeconds = 0;
  /** Whether any block reached the speech level (even a click). */
  let heard = false;
  let silenceSince: number | null = null;
  let fired = false;
  return {
    update(rms, elapsedSeconds) {
      const blockSeconds = Math.max(0, elapsedSeconds - previous);
      previous = elapsedSeconds;
      if (fired) return true;
      const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
      if (db >= speechDb) {
        heard = true;
        speechSeconds += blockSeconds;
        silenceSince = null;
      } else if (db < silenceDb && speechSeconds >= minSpeechSeconds) {
        silenceSince ??= elapsedSeconds - blockSeconds;
        if (elapsedSeconds - silenceSince >= trailingSeconds) fired = true;
      }
      if (!heard && elapsedSeconds >= noSpeechSeconds) fired = true;
      return fired;
    },
  };
}
