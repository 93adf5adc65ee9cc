// The extractor on WebGPU in Node (Dawn on SwiftShader): the GPU path, and falling back to the CPU
// when the device is lost between clips or during one. Skips without an adapter unless required.
import { expect, it } from 'vitest';
import { logMelSpectrogram } from '../dsp';
import { readGoldenF32 as readFixture } from '../dsp/fixtures/golden';
import { isGpuError } from './errors';
import { createMelExtractor } from './melExtractor';
import { describeWithGpu } from './nodeGpu';
import { compareLogMel, GPU_PARITY_TOLERANCE } from './parity';

/** `gpu`, recording every device its adapters hand out (so that a test can lose one). */
function recordingGpu(gpu: GPU): { gpu: GPU; devices: GPUDevice[] } {
  const devices: GPUDevice[] = [];
  const requestAdapter = async (options?: GPURequestAdapterOptions) => {
    const adapter = await gpu.requestAdapter(options);
    if (!adapter) return null;
    return new Proxy(adapter, {
      get(target, property) {
        if (property === 'requestDevice') {
          return async (descriptor?: GPUDeviceDescriptor) => {
            const device = await target.requestDevice(descriptor);
            devices.push(device);
            return device;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return { gpu: { requestAdapter } as unknown as GPU, devices };
}

const tick = () => new Promise((done) => setTimeout(done, 0));

await describeWithGpu('createMelExtractor on WebGPU', (gpu) => {
  const speech = readFixture('speech16k.f32');

  it('runs on WebGPU, says so, and matches the CPU reference in one dispatch and one readback', async () => {
    const extractor = await createMelExtractor({ gpu });
    try {
      expect(extractor.info).toMatchObject({ path: 'webgpu', reason: 'WebGPU on swiftshader' });
      expect(extractor.info.adapter).toMatch(/swiftshader/);
      const result = await extractor.compute(speech);
      const parity = compareLogMel(result, extractor.computeCpu(speech));
      expect(parity.maxAbsDiff).toBeLessThan(GPU_PARITY_TOLERANCE.maxAbsDiff);
      expect(parity.p99AbsDiff).toBeLessThan(GPU_PARITY_TOLERANCE.p99AbsDiff);
      expect(extractor.stats()).toMatchObject({ dispatches: 1, readbacks: 1, frames: 192 });
      expect(extractor.computeCpu(speech)).toEqual(logMelSpectrogram(speech));
    } finally {
      extractor.dispose();
    }
  });

  it("keeps to the CPU on a software fallback adapter when asked for hardware only, and says why", async () => {
    const extractor = await createMelExtractor({ gpu, preferGpu: 'hardware' });
    try {
      expect(extractor.info.path).toBe('cpu');
      expect(extractor.info.reason).toMatch(/software fallback.*swiftshader/i);
      expect(await extractor.compute(speech)).toEqual(logMelSpectrogram(speech));
      expect(extractor.stats()).toMatchObject({ dispatches: 0, readbacks: 0 });
    } finally {
      extractor.dispose();
    }
  });

  it('measures both paths when asked, takes the faster, quotes the timings and still matches the CPU', async () => {
    const extractor = await createMelExtractor({ gpu, preferGpu: 'measured', choiceStorage: null });
    try {
      expect(extractor.info.reason).toMatch(/measured faster .*CPU \d+\.\d ms, WebGPU \d+\.\d ms per 2 s/);
      const parity = compareLogMel(await extractor.compute(speech), logMelSpectrogram(speech));
      expect(parity.maxAbsDiff).toBeLessThan(GPU_PARITY_TOLERANCE.maxAbsDiff);
      expect(extractor.stats().dispatches).toBe(extractor.info.path === 'webgpu' ? 1 : 0);
    } finally {
      extractor.dispose();
    }
  });

  it('moves to the CPU with the reason when the device is lost between clips', async () => {
    const recording = recordingGpu(gpu);
    const extractor = await createMelExtractor({ gpu: recording.gpu });
    try {
      expect(extractor.info.path).toBe('webgpu');
      await extractor.compute(speech.subarray(0, 8_000));
      const [device] = recording.devices;
      device.destroy();
      await device.lost;
      await tick();
      expect(extractor.info.path).toBe('cpu');
      expect(extractor.info.reason).toMatch(/^CPU: the WebGPU device was lost \(destroyed/);
      expect(extractor.info.adapter).toMatch(/swiftshader/);
      expect(await extractor.compute(speech)).toEqual(logMelSpectrogram(speech));
      expect(extractor.stats()).toMatchObject({ dispatches: 0, readbacks: 0 });
    } finally {
      extractor.dispose();
    }
  });

  it('keeps the clip when the device is lost during its computation', async () => {
    const recording = recordingGpu(gpu);
    const extractor = await createMelExtractor({ gpu: recording.gpu });
    try {
      const pending = extractor.compute(speech);
      recording.devices[0].destroy();
      const result = await pending;
      expect(result).toEqual(logMelSpectrogram(speech));
      expect(extractor.info.path).toBe('cpu');
      expect(extractor.info.reason).toMatch(/^CPU: (the WebGPU device was lost|a WebGPU run failed)/);
    } finally {
      extractor.dispose();
    }
  });

  it('destroys the device it owns on dispose(), and then refuses work', async () => {
    const recording = recordingGpu(gpu);
    const extractor = await createMelExtractor({ gpu: recording.gpu });
    extractor.dispose();
    const lost = await recording.devices[0].lost;
    expect(lost.reason).toBe('destroyed');
    const error = await extractor.compute(speech).catch((e: unknown) => e);
    expect(isGpuError(error, 'GPU_DISPOSED')).toBe(true);
  });
});
