/** Everything that determines the features. Written into the model's metadata; see docs/CONTRACTS.md. */
export interface FeatureConfig {
  /** Sample rate the features are computed at. */
  readonly sampleRateHz: number;
  /** Samples per analysis frame (25 ms at 16 kHz). */
  readonly frameLengthSamples: number;
  /** Samples between successive frame starts (10 ms at 16 kHz). */
  readonly hopLengthSamples: number;
  /** FFT size; frames are zero-padded to it. */
  readonly fftSize: number;
  /** Number of HTK mel triangles. */
  readonly melBands: number;
  /** Lower edge of the lowest triangle. */
  readonly fMinHz: number;
  /** Upper edge of the highest triangle. */
  readonly fMaxHz: number;
  /** Added to the mel energy before the natural log. */
  readonly logOffset: number;
}

/** A log-mel spectrogram: `frames × bands` float32 values, row-major (frame-major). */
export interface LogMel {
  readonly data: Float32Array;
  readonly frames: number;
  readonly bands: number;
}

/** A span of a clip in samples, `[start, end)`. */
export interface SampleSpan {
  readonly start: number;
  readonly end: number;
}
