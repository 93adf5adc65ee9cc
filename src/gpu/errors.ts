/** Typed errors of src/gpu. Each message says what was expected, what was found, and what the user can do. */
import { CodedError } from '../dsp/codedError';

/** What went wrong, for code that branches on it (the UI picks a message, tests assert on it). */
export type GpuErrorCode =
  /** The runtime has no WebGPU (`navigator.gpu` is undefined). */
  | 'NO_WEBGPU'
  /** WebGPU exists but `requestAdapter()` found no adapter (or threw). */
  | 'NO_GPU_ADAPTER'
  /** The adapter refused `requestDevice()`. */
  | 'GPU_DEVICE_FAILED'
  /** The device was lost (driver reset, tab in the background too long, or destroyed). */
  | 'GPU_DEVICE_LOST'
  /** A shader or pipeline failed to compile or validate. */
  | 'GPU_PIPELINE_FAILED'
  /** A run hit a validation or out-of-memory error, or its readback failed. */
  | 'GPU_RUN_FAILED'
  /** The clip does not fit the device's buffers or dispatch grid. */
  | 'GPU_CLIP_TOO_LONG'
  /** The program or extractor was used after `dispose()`. */
  | 'GPU_DISPOSED';

/** An error from src/gpu with a machine-readable `code`. */
export class GpuError extends CodedError<GpuErrorCode> {
  override readonly name = 'GpuError';

  constructor(code: GpuErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, {}, options);
  }
}

/** True for a GpuError, optionally of one code. */
export function isGpuError(error: unknown, code?: GpuErrorCode): error is GpuError {
  return error instanceof GpuError && (code === undefined || error.code === code);
}

/** A short description of any thrown value, for messages and reasons. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
