/**
 * The mel.wgsl program: owns its pipeline and buffers, computes a clip's log-mel in one dispatch and
 * one readback, and reuses (growing when needed) its per-clip buffers across calls.
 *
 * Per run: upload the samples the frames cover and the frame count (queue writes), one compute pass
 * with one `dispatchWorkgroups`, one copy into a mappable buffer, one `mapAsync`. The window, FFT
 * twiddles and mel weights are uploaded once, from src/dsp's own definitions, so the GPU cannot drift
 * from the CPU reference.
 */
import { DEFAULT_FEATURE_CONFIG, hannWindow, melFilterbankDense, type FeatureConfig, type LogMel } from '../dsp';
import {
  bandBinRanges,
  checkMelConfig,
  fftTwiddles,
  grownCapacity,
  MEL_PARAMS_BYTES,
  melRunLayout,
  melWorkgroupSize,
  type MelDeviceLimits,
  type MelRunLayout,
} from './dispatch';
import { describeError, GpuError } from './errors';
import melWgsl from './mel.wgsl?raw';

/** What the last `run` did on the GPU (for the benchmark and tests). */
export interface MelRunStats {
  /** `dispatchWorkgroups` calls (1 per clip with frames, 0 without). */
  readonly dispatches: number;
  /** Buffer readbacks (`mapAsync`) (1 per clip with frames, 0 without). */
  readonly readbacks: number;
  /** Frames computed. */
  readonly frames: number;
  /** Per-clip buffers (re)allocated by this run; 0 when the previous ones were large enough. */
  readonly buffersAllocated: number;
}

/** A compiled log-mel program on one device. */
export interface MelProgram {
  readonly config: FeatureConfig;
  /** Stats of the last completed run (all zero before the first). */
  readonly lastRunStats: MelRunStats;
  /** True after `dispose()`. */
  readonly disposed: boolean;
  /**
   * Log-mel of 16 kHz samples, as `logMelSpectrogram` computes it (float32 on the GPU). Runs are
   * serialised; rejects with a `GpuError` (`GPU_DISPOSED`, `GPU_CLIP_TOO_LONG`, `GPU_RUN_FAILED`).
   */
  run(samples16k: Float32Array): Promise<LogMel>;
  /** Destroys the program's buffers; later runs reject with `GPU_DISPOSED`. Safe to call twice. */
  dispose(): void;
}

const NO_RUN: MelRunStats = Object.freeze({ dispatches: 0, readbacks: 0, frames: 0, buffersAllocated: 0 });

function deviceLimits(device: GPUDevice, maxWorkgroupsPerDimension = Infinity): MelDeviceLimits {
  const { limits } = device;
  return {
    maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
    maxComputeWorkgroupsPerDimension: Math.min(limits.maxComputeWorkgroupsPerDimension, maxWorkgroupsPerDimension),
    maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxBufferSize: limits.maxBufferSize,
  };
}

/** True on fallback (software) adapters such as SwiftShader; false where the runtime does not say. */
function isSoftwareAdapter(device: GPUDevice): boolean {
  const info = (device as GPUDevice & { adapterInfo?: Partial<GPUAdapterInfo> }).adapterInfo;
  return info?.isFallbackAdapter === true;
}

/** A storage buffer holding `data`, written at creation. */
function staticBuffer(device: GPUDevice, label: string, data: Float32Array | Uint32Array): GPUBuffer {
  const buffer = device.createBuffer({ label, size: Math.max(4, data.byteLength), usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
  const view = data instanceof Float32Array ? new Float32Array(buffer.getMappedRange()) : new Uint32Array(buffer.getMappedRange());
  view.set(data);
  buffer.unmap();
  return buffer;
}

/** Options of `createMelProgram`. */
export interface MelProgramOptions {
  /** Caps workgroups per grid dimension below the device's limit (tests use it to force a 2-D grid). */
  readonly maxWorkgroupsPerDimension?: number;
  /** Invocations per workgroup; default `melWorkgroupSize` for this device (small on software adapters). */
  readonly workgroupSize?: number;
}

/**
 * Compiles mel.wgsl for `config` on `device` and uploads its tables. Rejects with `GPU_PIPELINE_FAILED`
 * when the config does not fit the device or the shader does not compile.
 */
export async function createMelProgram(
  device: GPUDevice,
  config: FeatureConfig = DEFAULT_FEATURE_CONFIG,
  options: MelProgramOptions = {},
): Promise<MelProgram> {
  const limits = deviceLimits(device, options.maxWorkgroupsPerDimension);
  try {
    checkMelConfig(config, limits);
  } catch (cause) {
    throw new GpuError(
      'GPU_PIPELINE_FAILED',
      `mel.wgsl cannot run this feature config on this device: ${describeError(cause)}. The CPU path computes it instead.`,
      { cause },
    );
  }
  const bins = config.fftSize / 2 + 1;
  const dense = melFilterbankDense(config);

  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: 'mel.wgsl', code: melWgsl });
  let pipeline: GPUComputePipeline | null = null;
  let failure: unknown = null;
  try {
    pipeline = await device.createComputePipelineAsync({
      label: 'log-mel',
      layout: 'auto',
      compute: {
        module,
        entryPoint: 'main',
        constants: {
          FFT_SIZE: config.fftSize,
          FRAME_LENGTH: config.frameLengthSamples,
          HOP: config.hopLengthSamples,
          MEL_BANDS: config.melBands,
          LOG_OFFSET: config.logOffset,
          WORKGROUP_SIZE: options.workgroupSize ?? melWorkgroupSize(config.fftSize, limits, isSoftwareAdapter(device)),
        },
      },
    });
  } catch (cause) {
    failure = cause;
  }
  const scoped = await device.popErrorScope();
  if (!pipeline || scoped) {
    const cause = scoped ?? failure;
    throw new GpuError('GPU_PIPELINE_FAILED', `mel.wgsl failed to compile or validate: ${describeError(cause)}`, { cause });
  }

  const statics = {
    params: device.createBuffer({ label: 'mel params', size: MEL_PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
    hann: staticBuffer(device, 'mel hann window', Float32Array.from(hannWindow(config.frameLengthSamples))),
    twiddles: staticBuffer(device, 'mel fft twiddles', fftTwiddles(config.fftSize)),
    weights: staticBuffer(device, 'mel weights', dense),
    ranges: staticBuffer(device, 'mel band ranges', bandBinRanges(dense, config.melBands, bins)),
  };
  return new GpuMelProgram(device, config, limits, pipeline, statics);
}

interface StaticBuffers {
  readonly params: GPUBuffer;
  readonly hann: GPUBuffer;
  readonly twiddles: GPUBuffer;
  readonly weights: GPUBuffer;
  readonly ranges: GPUBuffer;
}

class GpuMelProgram implements MelProgram {
  lastRunStats: MelRunStats = NO_RUN;
  disposed = false;
  private samples: GPUBuffer | null = null;
  private output: GPUBuffer | null = null;
  private readback: GPUBuffer | null = null;
  private bindGroup: GPUBindGroup | null = null;
  /** The previous run, so that runs never share the readback buffer. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly device: GPUDevice,
    readonly config: FeatureConfig,
    private readonly limits: MelDeviceLimits,
    private readonly pipeline: GPUComputePipeline,
    private readonly statics: StaticBuffers,
  ) {}

  run(samples16k: Float32Array): Promise<LogMel> {
    const result = this.tail.then(() => this.runNow(samples16k));
    this.tail = result.catch(() => undefined); // the queue only orders runs; each caller sees its own run's failure
    return result;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buffer of [this.samples, this.output, this.readback, ...Object.values(this.statics)]) buffer?.destroy();
    this.samples = this.output = this.readback = null;
    this.bindGroup = null;
  }

  private async runNow(samples16k: Float32Array): Promise<LogMel> {
    if (this.disposed) {
      throw new GpuError(
        'GPU_DISPOSED',
        'The WebGPU mel program was used after dispose(): expected a live program, found its buffers released. ' +
          'Create a new program (or extractor) for further clips.',
      );
    }
    let layout: MelRunLayout;
    try {
      layout = melRunLayout(samples16k.length, this.config, this.limits);
    } catch (cause) {
      throw new GpuError(
        'GPU_CLIP_TOO_LONG',
        `This clip is too long for the GPU path: ${describeError(cause)}. Shorter clips fit; the CPU path computes this one.`,
        { cause },
      );
    }
    const bands = this.config.melBands;
    if (layout.frames === 0) {
      this.lastRunStats = NO_RUN;
      return { data: new Float32Array(0), frames: 0, bands };
    }

    const buffersAllocated = this.ensureBuffers(layout);
    const { device } = this;
    const samples = this.samples!;
    const output = this.output!;
    const readback = this.readback!;
    device.queue.writeBuffer(this.statics.params, 0, Uint32Array.of(layout.frames, 0, 0, 0));
    device.queue.writeBuffer(samples, 0, samples16k.buffer, samples16k.byteOffset, layout.samplesUsed * samples16k.BYTES_PER_ELEMENT);

    const outputBytes = layout.frames * bands * Float32Array.BYTES_PER_ELEMENT;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: 'log-mel' });
    const pass = encoder.beginComputePass({ label: 'log-mel' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(layout.grid.x, layout.grid.y, layout.grid.z);
    pass.end();
    encoder.copyBufferToBuffer(output, 0, readback, 0, outputBytes);
    device.queue.submit([encoder.finish()]);
    const scopes = Promise.all([device.popErrorScope(), device.popErrorScope()]);
    const mapped = readback.mapAsync(GPUMapMode.READ, 0, outputBytes);
    const [errors, map] = await Promise.allSettled([scopes, mapped]);

    const scopeError = errors.status === 'fulfilled' ? (errors.value[0] ?? errors.value[1]) : errors.reason;
    if (scopeError || map.status === 'rejected') {
      if (map.status === 'fulfilled') readback.unmap();
      const cause: unknown = scopeError ?? (map as PromiseRejectedResult).reason;
      throw new GpuError(
        'GPU_RUN_FAILED',
        `The WebGPU log-mel run failed (${describeError(cause)}); expected a ${layout.frames}-frame result. ` +
          'The CPU path can compute this clip instead.',
        { cause },
      );
    }
    const data = new Float32Array(readback.getMappedRange(0, outputBytes).slice(0));
    readback.unmap();
    this.lastRunStats = { dispatches: 1, readbacks: 1, frames: layout.frames, buffersAllocated };
    return { data, frames: layout.frames, bands };
  }

  /** Grows the per-clip buffers to fit `layout`; returns how many were reallocated. */
  private ensureBuffers(layout: MelRunLayout): number {
    const maxBytes = Math.min(this.limits.maxStorageBufferBindingSize, this.limits.maxBufferSize);
    const { device } = this;
    let allocated = 0;
    const grow = (buffer: GPUBuffer | null, needed: number, label: string, usage: GPUBufferUsageFlags): GPUBuffer => {
      const size = grownCapacity(buffer?.size ?? 0, needed, maxBytes);
      if (buffer && buffer.size === size) return buffer;
      buffer?.destroy();
      allocated++;
      return device.createBuffer({ label, size, usage });
    };
    this.samples = grow(this.samples, layout.samplesBytes, 'mel samples', GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    this.output = grow(this.output, layout.outputBytes, 'mel output', GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    this.readback = grow(this.readback, layout.outputBytes, 'mel readback', GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    if (allocated > 0 || !this.bindGroup) {
      const buffers = [this.statics.params, this.samples, this.statics.hann, this.statics.twiddles, this.statics.weights, this.statics.ranges, this.output];
      this.bindGroup = device.createBindGroup({
        label: 'log-mel',
        layout: this.pipeline.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
    }
    return allocated;
  }
}
