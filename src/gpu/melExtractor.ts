/**
 * The log-mel extractor the app uses: WebGPU (mel.wgsl) where a device is available, else the CPU
 * reference of src/dsp, with `info` saying which path runs and why. The choice is made once, here
 * (by default by measuring both on this device, see melChoice.ts);
 * a lost device or a failed GPU run moves the extractor to the CPU for good (that clip included), so
 * the user's recording is never lost to a GPU problem.
 */
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram, type FeatureConfig, type LogMel } from '../dsp';
import { acquireGpuDevice, describeAdapter, sharedGpuDevice, type GpuDeviceHandle, type GpuDeviceLoss } from './device';
import { describeError, GpuError, isGpuError } from './errors';
import { measureMelChoice, measuredReason, type MelChoiceStorage } from './melChoice';
import { createMelProgram, type MelProgram, type MelRunStats } from './melProgram';

export type MelPath = 'webgpu' | 'cpu';

/** Which path computes log-mels, and why (shown to the user and in bug reports). */
export interface MelBackendInfo {
  readonly path: MelPath;
  /** E.g. "WebGPU on swiftshader" or "CPU: this browser has no WebGPU (navigator.gpu is undefined)". */
  readonly reason: string;
  /** The GPU adapter, when one was found. */
  readonly adapter?: string;
}

export interface MelExtractor {
  /** Which path and why; changes to the CPU if the device is lost or a GPU run fails. */
  readonly info: MelBackendInfo;
  /** Log-mel through the GPU, or the CPU fallback. Rejects only after `dispose()`. */
  compute(samples16k: Float32Array): Promise<LogMel>;
  /** Always the CPU reference (for parity checks). */
  computeCpu(samples16k: Float32Array): LogMel;
  /** GPU work of the last `compute` (zeros when it ran on the CPU). */
  stats(): MelRunStats;
  /** Releases the GPU program, listeners and (when owned) the device. Safe to call twice. */
  dispose(): void;
}

/** Options of `createMelExtractor`. */
export interface MelExtractorOptions {
  /**
   * true: WebGPU whenever a device is available (default). 'measured': WebGPU when a quick timed probe
   * finds it faster than the CPU reference on this device (remembered per browser and adapter; the
   * reason quotes the timings). 'hardware': WebGPU only on a hardware adapter — on a software fallback
   * adapter (SwiftShader) the CPU reference is several times faster. false: always the CPU.
   */
  readonly preferGpu?: boolean | 'measured' | 'hardware';
  /** Where a measured choice is remembered (default localStorage; null: measure every time). */
  readonly choiceStorage?: MelChoiceStorage | null;
  /** Feature configuration; default `DEFAULT_FEATURE_CONFIG`. */
  readonly config?: FeatureConfig;
  /**
   * The WebGPU entry point. Default: the page's shared device on `navigator.gpu` (see `sharedGpuDevice`).
   * When given (e.g. the `webgpu` package's GPU in Node tests), the extractor acquires and owns its own device.
   */
  readonly gpu?: GPU;
}

const CPU_STATS: MelRunStats = Object.freeze({ dispatches: 0, readbacks: 0, frames: 0, buffersAllocated: 0 });

/** The CPU reason for a GPU failure, short enough for a status line. */
function cpuReason(error: GpuError): string {
  switch (error.code) {
    case 'NO_WEBGPU':
      return 'CPU: this browser has no WebGPU (navigator.gpu is undefined)';
    case 'NO_GPU_ADAPTER':
      return `CPU: WebGPU found no GPU adapter (${describeError(error.cause ?? 'requestAdapter() returned null')})`;
    default:
      return `CPU: ${error.message}`;
  }
}

/** A device for the extractor: its own (destroyed on release) when `gpu` is given, else the shared one (kept). */
async function acquireFor(gpu: GPU | undefined): Promise<
  { readonly ok: true; readonly handle: GpuDeviceHandle; readonly release: () => void } | { readonly ok: false; readonly error: GpuError }
> {
  if (gpu) {
    const acquisition = await acquireGpuDevice({ gpu });
    if (!acquisition.ok) return acquisition;
    const { handle } = acquisition;
    return { ok: true, handle, release: () => handle.destroy() };
  }
  const acquisition = await sharedGpuDevice();
  return acquisition.ok ? { ok: true, handle: acquisition.handle, release: () => undefined } : acquisition;
}

/** Creates the extractor, choosing the path once: GPU when preferred and available, else CPU. */
export async function createMelExtractor(options: MelExtractorOptions = {}): Promise<MelExtractor> {
  const config = options.config ?? DEFAULT_FEATURE_CONFIG;
  if (options.preferGpu === false) return new Extractor(config, { path: 'cpu', reason: 'CPU: WebGPU not requested (preferGpu is false)' });

  const acquisition = await acquireFor(options.gpu);
  if (!acquisition.ok) return new Extractor(config, { path: 'cpu', reason: cpuReason(acquisition.error) });
  const { handle, release } = acquisition;
  const adapter = describeAdapter(handle.adapterInfo);
  if (options.preferGpu === 'hardware' && handle.adapterInfo.isFallbackAdapter) {
    release();
    return new Extractor(config, { path: 'cpu', reason: `CPU: the WebGPU adapter is a software fallback (${adapter}), slower than the CPU path`, adapter });
  }
  if (handle.loss) {
    release();
    return new Extractor(config, { path: 'cpu', reason: cpuReason(handle.loss.error), adapter });
  }
  let program: MelProgram | null = null;
  try {
    program = await createMelProgram(handle.device, config);
    const made = program;
    const { architecture, vendor, description } = handle.adapterInfo;
    const where = architecture || vendor || description || 'an unnamed adapter';
    if (options.preferGpu === 'measured') {
      const choice = await measureMelChoice({
        adapter,
        gpu: (samples) => made.run(samples),
        cpu: (samples) => logMelSpectrogram(samples, config),
        ...(options.choiceStorage !== undefined ? { storage: options.choiceStorage } : {}),
      });
      if (choice.path === 'cpu') {
        program.dispose();
        release();
        return new Extractor(config, { path: 'cpu', reason: measuredReason(choice, where), adapter });
      }
      return new Extractor(config, { path: 'webgpu', reason: measuredReason(choice, where), adapter }, { handle, program, release });
    }
    return new Extractor(config, { path: 'webgpu', reason: `WebGPU on ${where}`, adapter }, { handle, program, release });
  } catch (error) {
    program?.dispose();
    release();
    const gpuError = isGpuError(error) ? error : new GpuError('GPU_PIPELINE_FAILED', describeError(error), { cause: error });
    return new Extractor(config, { path: 'cpu', reason: cpuReason(gpuError), adapter });
  }
}

interface GpuResources {
  readonly handle: GpuDeviceHandle;
  readonly program: MelProgram;
  /** Destroys the device when the extractor owns it. */
  readonly release: () => void;
}

class Extractor implements MelExtractor {
  private gpu: (GpuResources & { unsubscribe: () => void }) | null = null;
  private lastStats: MelRunStats = CPU_STATS;
  private disposed = false;

  constructor(
    private readonly config: FeatureConfig,
    public info: MelBackendInfo,
    gpu?: GpuResources,
  ) {
    if (gpu) this.gpu = { ...gpu, unsubscribe: gpu.handle.onLost((loss) => this.lose(loss)) };
  }

  async compute(samples16k: Float32Array): Promise<LogMel> {
    this.assertLive();
    const gpu = this.gpu;
    if (gpu) {
      try {
        const result = await gpu.program.run(samples16k);
        this.lastStats = gpu.program.lastRunStats;
        return result;
      } catch (error) {
        this.assertLive();
        if (isGpuError(error, 'GPU_CLIP_TOO_LONG')) {
          // The device is fine; only this clip goes to the CPU.
          this.lastStats = CPU_STATS;
          return this.computeCpu(samples16k);
        }
        const loss = gpu.handle.loss;
        if (loss) this.lose(loss);
        else this.fallBack(`CPU: a WebGPU run failed (${describeError(isGpuError(error) && error.cause ? error.cause : error)}); later clips use the CPU`);
      }
    }
    this.lastStats = CPU_STATS;
    return this.computeCpu(samples16k);
  }

  computeCpu(samples16k: Float32Array): LogMel {
    this.assertLive();
    return logMelSpectrogram(samples16k, this.config);
  }

  stats(): MelRunStats {
    return this.lastStats;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseGpu();
  }

  private lose(loss: GpuDeviceLoss): void {
    this.fallBack(`CPU: the WebGPU device was lost (${loss.reason}${loss.message ? `: ${loss.message}` : ''}); later clips use the CPU`);
  }

  private fallBack(reason: string): void {
    if (!this.gpu) return;
    console.warn(`[sotaque/gpu] log-mel falls back to the CPU. ${reason}`);
    this.info = { path: 'cpu', reason, ...(this.info.adapter ? { adapter: this.info.adapter } : {}) };
    this.releaseGpu();
  }

  private releaseGpu(): void {
    const gpu = this.gpu;
    if (!gpu) return;
    this.gpu = null;
    gpu.unsubscribe();
    gpu.program.dispose();
    gpu.release();
  }

  private assertLive(): void {
    if (this.disposed) {
      throw new GpuError(
        'GPU_DISPOSED',
        'The mel extractor was used after dispose(): expected a live extractor, found it released. Create a new one with createMelExtractor().',
      );
    }
  }
}
