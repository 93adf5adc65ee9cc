/**
 * Messages between the recorder (main thread) and its AudioWorklet processor. Type-only apart from
 * the processor's name, so the worklet bundle stays tiny.
 */

/** Name the capture processor is registered under. */
export const CAPTURE_PROCESSOR_NAME = 'sotaque-capture';

/** `processorOptions` of the capture node. */
export interface CaptureProcessorOptions {
  /** Frames (at the context rate) after which the processor stops by itself. */
  readonly maxFrames: number;
  /** Frames per posted chunk; each chunk also carries its level. */
  readonly blockFrames: number;
}

/** Main thread → worklet. */
export type ToCaptureProcessor = { readonly type: 'stop' };

/** Worklet → main thread. */
export type FromCaptureProcessor =
  | {
      readonly type: 'chunk';
      /** Mono samples (the input's channels averaged), at the context rate. */
      readonly samples: Float32Array;
      /** RMS and peak of |x| over this chunk, linear (0…1). */
      readonly rms: number;
      readonly peak: number;
      /** Frames captured so far, this chunk included. */
      readonly totalFrames: number;
    }
  | {
      /** Sent once, after the last chunk. */
      readonly type: 'end';
      readonly reason: 'stopped' | 'max-length';
      readonly totalFrames: number;
    };
