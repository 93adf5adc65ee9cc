/**
 * Sotaque's audio layer: microphone capture through an AudioWorklet, level metering, WAV I/O.
 * Node code (CLI, training, e2e helpers) imports `src/audio/wav` directly: this index also loads the
 * recorder, whose worklet URL import (`?worker&url`) only a Vite build understands.
 */
export { AudioError, type AudioErrorCode } from './errors';
export {
  clampMaxSeconds,
  createRecorder,
  DEFAULT_MAX_RECORDING_SECONDS,
  MAX_RECORDING_SECONDS_LIMIT,
  type CaptureLevel,
  type Recorder,
  type RecorderOptions,
  type RecorderState,
  type Recording,
  type RecordingEnd,
} from './recorder';
export { browserCapturePlatform, type CapturePlatform } from './capturePlatform';
export { decodeWav, encodeWav, type DecodedWav, type WavEncoding } from './wav';
