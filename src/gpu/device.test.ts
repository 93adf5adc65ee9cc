// Device acquisition and its failure reports, with fake WebGPU objects (no GPU needed).
import { describe, expect, it, vi } from 'vitest';
import { acquireGpuDevice, describeAdapter, type GpuDeviceLoss } from './device';

/** A GPUDevice stand-in: an EventTarget with a `lost` promise that `destroy()` or `lose()` resolves. */
class FakeDevice extends EventTarget {
  readonly lost: Promise<{ reason: GPUDeviceLostReason; message: string }>;
  destroyed = false;
  private resolveLost!: (info: { reason: GPUDeviceLostReason; message: string }) => void;

  constructor() {
    super();
    this.lost = new Promise((resolve) => (this.resolveLost = resolve));
  }

  lose(message: string): void {
    this.resolveLost({ reason: 'unknown', message });
  }

  destroy(): void {
    this.destroyed = true;
    this.resolveLost({ reason: 'destroyed', message: 'device was destroyed' });
  }

  fireUncaptured(message: string): void {
    this.dispatchEvent(Object.assign(new Event('uncapturederror'), { error: { message } }));
  }
}

const INFO = { vendor: 'google', architecture: 'swiftshader', device: 'x', description: 'SwiftShader driver', isFallbackAdapter: true };
const LIMITS = { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 29, maxComputeWorkgroupStorageSize: 32_768 };

function fakeGpu(device: FakeDevice | Error | null = new FakeDevice()) {
  const requestDevice = vi.fn(async () => {
    if (device instanceof Error) throw device;
    return device;
  });
  const adapter = device === null ? null : { info: INFO, limits: LIMITS, requestDevice };
  const gpu = { requestAdapter: vi.fn(async () => adapter) } as unknown as GPU;
  return { gpu, requestDevice };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('acquireGpuDevice', () => {
  it('reports NO_WEBGPU when there is no navigator.gpu (Node)', async () => {
    const result = await acquireGpuDevice();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('NO_WEBGPU');
    expect(result.error.message).toMatch(/expected navigator\.gpu, found undefined.*CPU instead/);
  });

  it('reports NO_GPU_ADAPTER when requestAdapter returns null or throws', async () => {
    const none = await acquireGpuDevice({ gpu: fakeGpu(null).gpu });
    expect(!none.ok && none.error.code).toBe('NO_GPU_ADAPTER');
    expect(!none.ok && none.error.message).toMatch(/requestAdapter\(\) returned null/);
    const throwing = { requestAdapter: async () => Promise.reject(new Error('blocked')) } as unknown as GPU;
    const thrown = await acquireGpuDevice({ gpu: throwing });
    expect(!thrown.ok && thrown.error.message).toMatch(/requestAdapter\(\) threw: blocked/);
  });

  it('reports GPU_DEVICE_FAILED when the adapter refuses a device', async () => {
    const result = await acquireGpuDevice({ gpu: fakeGpu(new Error('limits too high')).gpu });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('GPU_DEVICE_FAILED');
    expect(result.error.message).toMatch(/google swiftshader .*refused a WebGPU device \(limits too high\)/);
  });

  it("requests the adapter's own buffer and workgroup limits, so tfjs can share the device", async () => {
    const { gpu, requestDevice } = fakeGpu();
    const result = await acquireGpuDevice({ gpu });
    expect(result.ok).toBe(true);
    expect(requestDevice).toHaveBeenCalledWith(expect.objectContaining({ requiredLimits: LIMITS }));
    if (result.ok) {
      expect(result.handle.adapterInfo).toEqual(INFO);
      expect(describeAdapter(result.handle.adapterInfo)).toBe('google swiftshader (SwiftShader driver, fallback)');
    }
  });

  it('tells subscribers about a loss, including late subscribers, and records it', async () => {
    const device = new FakeDevice();
    const result = await acquireGpuDevice({ gpu: fakeGpu(device).gpu });
    if (!result.ok) throw result.error;
    const seen: GpuDeviceLoss[] = [];
    const unsubscribed = vi.fn();
    result.handle.onLost((loss) => seen.push(loss));
    result.handle.onLost(unsubscribed)();
    device.lose('driver reset');
    await tick();
    expect(seen).toHaveLength(1);
    expect(unsubscribed).not.toHaveBeenCalled();
    expect(result.handle.loss).toMatchObject({ reason: 'unknown', message: 'driver reset' });
    expect(seen[0].error.code).toBe('GPU_DEVICE_LOST');
    expect(seen[0].error.message).toMatch(/was lost \(reason "unknown": driver reset\).*continues on the CPU/);
    const late = vi.fn();
    result.handle.onLost(late);
    await tick();
    expect(late).toHaveBeenCalledWith(result.handle.loss);
  });

  it('forwards uncaptured errors to subscribers, and warns when there are none', async () => {
    const device = new FakeDevice();
    const result = await acquireGpuDevice({ gpu: fakeGpu(device).gpu });
    if (!result.ok) throw result.error;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    device.fireUncaptured('first');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('first'));
    const listener = vi.fn();
    const unsubscribe = result.handle.onUncapturedError(listener);
    device.fireUncaptured('second');
    expect(listener).toHaveBeenCalledWith({ message: 'second' });
    unsubscribe();
    warn.mockRestore();
  });

  it('destroy() drops the listeners before destroying the device, once', async () => {
    const device = new FakeDevice();
    const result = await acquireGpuDevice({ gpu: fakeGpu(device).gpu });
    if (!result.ok) throw result.error;
    const lost = vi.fn();
    result.handle.onLost(lost);
    result.handle.destroy();
    result.handle.destroy();
    await tick();
    expect(device.destroyed).toBe(true);
    expect(lost).not.toHaveBeenCalled();
  });
});
