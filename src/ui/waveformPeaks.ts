/**
 * Peaks for wavesurfer.js computed from our samples, so the waveform is drawn without decoding the
 * audio a second time: the samples are cut into `buckets` equal spans and each contributes its
 * minimum then its maximum (wavesurfer draws the envelope of whatever series it is given).
 */
export function waveformPeaks(samples: Float32Array, buckets = 2000): Float32Array {
  const count = Math.max(1, Math.min(buckets, samples.length));
  const peaks = new Float32Array(count * 2);
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * samples.length) / count);
    const end = Math.max(start + 1, Math.floor(((b + 1) * samples.length) / count));
    let min = 0;
    let max = 0;
    for (let i = start; i < end && i < samples.length; i++) {
      const x = samples[i];
      if (x < min) min = x;
      if (x > max) max = x;
    }
    peaks[2 * b] = min;
    peaks[2 * b + 1] = max;
  }
  return peaks;
}
