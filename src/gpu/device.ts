/**
 * The one place that acquires a WebGPU device. It reports why there is none (no `navigator.gpu`, no
 * adapter, `requestDevice` refused) as a typed failure instead of throwing, watches `device.lost` and
 * `uncapturederror`, and lets consumers subscribe to both.
 *
 * Two ways in: `acquireGpuDevice()` gives the caller a device it owns and destroys; `sharedGpuDevice()`
 * gives the page's one shared device (for the mel program and tfjs-backend-webgpu alike), owned by this
 * module and re-acquired after a loss.
 */
import { describeError, GpuError } from './errors';

/** What the adapter says about itself (copied out of `GPUAdapterInfo`, whose getters some runtimes hide). */
export interface GpuAdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for software adapters such as SwiftShader. */
  readonly isFallbackAdapter: boolean;
}

/** Why and how the device was lost. */
export interface GpuDeviceLoss {
  readonly reason: GPUDeviceLostReason;
  readonly message: string;
  /** A `GPU_DEVICE_LOST` error describing the loss for the user. */
  readonly error: GpuError;
}

/** A device plus its adapter's description and subscriptions to its failures. */
export interface GpuDeviceHandle {
  readonly device: GPUDevice;
  readonly adapterInfo: GpuAdapterSummary;
  /** Set once the device is lost (or destroyed); null while it works. */
  readonly loss: GpuDeviceLoss | null;
  /** Calls `listener` when the device is lost (soon, if it already is). Returns the unsubscribe function. */
  onLost(listener: (loss: GpuDeviceLoss) => void): () => void;
  /** Calls `listener` for each error no error scope caught. Returns the unsubscribe function. */
  onUncapturedError(listener: (error: GPUError) => void): () => void;
}

/** A device the caller owns: it calls `destroy()` when done (see STYLE.md: one owner disposes). */
export interface OwnedGpuDevice extends GpuDeviceHandle {
  /** Removes the listeners and destroys the device; safe to call twice. */
  destroy(): void;
}

/** The result of asking for a device: the device, or why there is none. */
export type GpuAcquisition<H extends GpuDeviceHandle = OwnedGpuDevice> =
  | { readonly ok: true; readonly handle: H }
  | { readonly ok: false; readonly error: GpuError };

/** Options of `acquireGpuDevice`. */
export interface AcquireGpuOptions {
  /** The WebGPU entry point; default `navigator.gpu`. Node tests pass the `webgpu` package's GPU. */
  readonly gpu?: GPU;
  /** Passed to `requestAdapter`; default: the browser's choice. */
  readonly powerPreference?: GPUPowerPreference;
}

/**
 * Limits requested from the adapter beyond the defaults, so that the device also serves
 * tfjs-backend-webgpu (which asks for the same ones when it creates its own device).
 */
const RAISED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
] as const;

/** `navigator.gpu`, or undefined where the runtime has none (Node, older browsers, insecure origins). */
export function navigatorGpu(): GPU | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).gpu;
}

/** A one-line label of an adapter, e.g. "google swiftshader (SwiftShader driver 5.0.0, fallback)". */
export function describeAdapter(info: GpuAdapterSummary): string {
  const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const details = [info.description, info.isFallbackAdapter ? 'fallback' : ''].filter(Boolean).join(', ');
  return details ? `${name} (${details})` : name;
}

function summarise(adapter: GPUAdapter): GpuAdapterSummary {
  const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? legacy.isFallbackAdapter),
  };
}

function lossError(reason: GPUDeviceLostReason, message: string, adapter: string): GpuError {
  return new GpuError(
    'GPU_DEVICE_LOST',
    `The WebGPU device on ${adapter} was lost (reason "${reason}"${message ? `: ${message}` : ''}); it was expected ` +
      'to stay available for the session. Sotaque continues on the CPU; reloading the page tries the GPU again.',
  );
}

class DeviceHandle implements OwnedGpuDevice {
  loss: GpuDeviceLoss | null = null;
  private readonly lostListeners = new Set<(loss: GpuDeviceLoss) => void>();
  private readonly errorListeners = new Set<(error: GPUError) => void>();
  private destroyed = false;

  constructor(
    /**
     * The entry point the device came from, held for the device's lifetime: Dawn for Node tears its
     * instance down when the GPU object is garbage-collected, crashing devices still in use.
     */
    readonly gpu: GPU,
    readonly device: GPUDevice,
    readonly adapterInfo: GpuAdapterSummary,
  ) {
    device.addEventListener('uncapturederror', this.handleUncapturedError);
    void device.lost.then((info) => this.handleLost(info.reason, info.message));
  }

  onLost(listener: (loss: GpuDeviceLoss) => void): () => void {
    this.lostListeners.add(listener);
    const loss = this.loss;
    if (loss) queueMicrotask(() => this.lostListeners.has(listener) && listener(loss));
    return () => this.lostListeners.delete(listener);
  }

  onUncapturedError(listener: (error: GPUError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.lostListeners.clear();
    this.errorListeners.clear();
    this.device.removeEventListener('uncapturederror', this.handleUncapturedError);
    this.device.destroy();
  }

  private readonly handleUncapturedError = (event: Event): void => {
    const error = (event as GPUUncapturedErrorEvent).error;
    if (this.errorListeners.size === 0) console.warn(`[sotaque/gpu] uncaptured WebGPU error: ${error.message}`);
    for (const listener of [...this.errorListeners]) listener(error);
  };

  private handleLost(reason: GPUDeviceLostReason, message: string): void {
    const loss: GpuDeviceLoss = { reason, message, error: lossError(reason, message, describeAdapter(this.adapterInfo)) };
    this.loss = loss;
    for (const listener of [...this.lostListeners]) listener(loss);
  }
}

/**
 * Requests an adapter and a device the caller owns. Never throws: a missing `navigator.gpu`
 * (`NO_WEBGPU`), a missing adapter (`NO_GPU_ADAPTER`) or a refused device (`GPU_DEVICE_FAILED`)
 * comes back as `{ ok: false, error }`.
 */
export async function acquireGpuDevice(options: AcquireGpuOptions = {}): Promise<GpuAcquisition> {
  const gpu = options.gpu ?? navigatorGpu();
  if (!gpu) {
    return {
      ok: false,
      error: new GpuError(
        'NO_WEBGPU',
        'WebGPU is not available: expected navigator.gpu, found undefined. Sotaque works on the CPU instead; ' +
          'for the GPU path use a current Chrome, Edge or Safari over https or localhost, with WebGPU enabled.',
      ),
    };
  }

  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
  } catch (cause) {
    return { ok: false, error: noAdapter(`requestAdapter() threw: ${describeError(cause)}`, cause) };
  }
  if (!adapter) return { ok: false, error: noAdapter('requestAdapter() returned null') };

  const adapterInfo = summarise(adapter);
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const value = adapter.limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  try {
    const device = await adapter.requestDevice({ label: 'sotaque', requiredLimits });
    return { ok: true, handle: new DeviceHandle(gpu, device, adapterInfo) };
  } catch (cause) {
    return {
      ok: false,
      error: new GpuError(
        'GPU_DEVICE_FAILED',
        `The GPU adapter ${describeAdapter(adapterInfo)} refused a WebGPU device (${describeError(cause)}); a device ` +
          'with its own limits was expected. Sotaque works on the CPU instead; restarting the browser or updating ' +
          'its graphics drivers may help.',
        { cause },
      ),
    };
  }
}

function noAdapter(found: string, cause?: unknown): GpuError {
  return new GpuError(
    'NO_GPU_ADAPTER',
    `WebGPU found no GPU adapter: expected one, but ${found}. The GPU may be disabled or blocklisted in this browser. ` +
      'Sotaque works on the CPU instead; turning on hardware acceleration in the browser settings may help.',
    { cause },
  );
}

let shared: Promise<GpuAcquisition> | null = null;

/**
 * The page's shared device on `navigator.gpu` (for the mel program and for tfjs-backend-webgpu through
 * `configureBackends({ webgpuDevice })`), acquired on first use and owned by this module: consumers
 * subscribe to it but never destroy it. After a loss or a failed acquisition, the next call tries again.
 */
export function sharedGpuDevice(): Promise<GpuAcquisition<GpuDeviceHandle>> {
  if (!shared) {
    const pending = acquireGpuDevice();
    shared = pending;
    void pending.then((acquisition) => {
      const forget = () => {
        if (shared === pending) shared = null;
      };
      if (acquisition.ok) acquisition.handle.onLost(forget);
      else forget();
    });
  }
  return shared;
}
