/** WebGPU in Sotaque: device acquisition in one place, and the log-mel program (mel.wgsl) behind the extractor the app uses. */
export {
  acquireGpuDevice,
  describeAdapter,
  navigatorGpu,
  sharedGpuDevice,
  type AcquireGpuOptions,
  type GpuAcquisition,
  type GpuAdapterSummary,
  type GpuDeviceHandle,
  type GpuDeviceLoss,
  type OwnedGpuDevice,
} from './device';
export { GpuError, isGpuError, type GpuErrorCode } from './errors';
export { MEL_CHOICE_STORAGE_PREFIX, measureMelChoice, measuredReason, melProbeClip, type MelChoice, type MelChoiceStorage } from './melChoice';
export { createMelExtractor, type MelBackendInfo, type MelExtractor, type MelExtractorOptions, type MelPath } from './melExtractor';
export { createMelProgram, type MelProgram, type MelProgramOptions, type MelRunStats } from './melProgram';
export { compareLogMel, GPU_PARITY_TOLERANCE, type LogMelParity } from './parity';
