// The extractor's CPU paths and the reasons it gives, with fake WebGPU objects (no GPU needed).
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram } from '../dsp';
import { isGpuError } from './errors';
import { createMelExtractor } from './melExtractor';

function speechLike(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * 16_000));
  for (let i = 0; i < out.length; i++) out[i] = 0.3 * Math.sin(i * 0.07) * Math.sin(i * 0.0011) + 0.01 * Math.sin(i * 1.3);
  return out;
}

/** A GPU whose adapter hands out `device` (or refuses with it when it is an Error). */
function fakeGpu(device: object | Error | null): GPU {
  const adapter = device === null
    ? null
    : {
        info: { vendor: 'acme', architecture: 'rocket', device: '', description: '', isFallbackAdapter: false },
        limits: {},
        requestDevice: async () => {
          if (device instanceof Error) throw device;
          return device;
        },
      };
  return { requestAdapter: async () => adapter } as unknown as GPU;
}

describe('createMelExtractor on the CPU', () => {
  it('uses the CPU when the GPU is not wanted, with the reference result', async () => {
    const extractor = await createMelExtractor({ preferGpu: false });
    expect(extractor.info).toEqual({ path: 'cpu', reason: 'CPU: WebGPU not requested (preferGpu is false)' });
    const samples = speechLike(0.5);
    expect(await extractor.compute(samples)).toEqual(logMelSpectrogram(samples));
    expect(extractor.computeCpu(samples)).toEqual(logMelSpectrogram(samples));
    expect(extractor.stats()).toMatchObject({ dispatches: 0, readbacks: 0 });
    extractor.dispose();
  });

  it('says when the runtime has no WebGPU', async () => {
    const extractor = await createMelExtractor({ preferGpu: true });
    expect(extractor.info).toEqual({ path: 'cpu', reason: 'CPU: this browser has no WebGPU (navigator.gpu is undefined)' });
    extractor.dispose();
  });

  it('says when WebGPU has no adapter', async () => {
    const extractor = await createMelExtractor({ gpu: fakeGpu(null) });
    expect(extractor.info.path).toBe('cpu');
    expect(extractor.info.reason).toBe('CPU: WebGPU found no GPU adapter (requestAdapter() returned null)');
  });

  it('says when the adapter refuses a device', async () => {
    const extractor = await createMelExtractor({ gpu: fakeGpu(new Error('out of luck')) });
    expect(extractor.info.path).toBe('cpu');
    expect(extractor.info.reason).toMatch(/^CPU: The GPU adapter acme rocket refused a WebGPU device \(out of luck\)/);
  });

  it('falls back and destroys its device when the program cannot be built', async () => {
    let destroyed = false;
    const device = Object.assign(new EventTarget(), {
      lost: new Promise(() => undefined),
      limits: { maxComputeWorkgroupStorageSize: 16_384 },
      destroy: () => {
        destroyed = true;
      },
    });
    const extractor = await createMelExtractor({ gpu: fakeGpu(device) });
    expect(extractor.info.path).toBe('cpu');
    expect(extractor.info.reason).toMatch(/^CPU: /);
    expect(extractor.info.adapter).toBe('acme rocket');
    expect(destroyed).toBe(true);
  });

  it('computes with the config it was given', async () => {
    const config = { ...DEFAULT_FEATURE_CONFIG, melBands: 40 };
    const extractor = await createMelExtractor({ preferGpu: false, config });
    const samples = speechLike(0.3);
    const result = await extractor.compute(samples);
    expect(result.bands).toBe(40);
    expect(result).toEqual(logMelSpectrogram(samples, config));
  });

  it('refuses work after dispose(), clearly', async () => {
    const extractor = await createMelExtractor({ preferGpu: false });
    extractor.dispose();
    extractor.dispose();
    const error = await extractor.compute(speechLike(0.1)).catch((e: unknown) => e);
    expect(isGpuError(error, 'GPU_DISPOSED')).toBe(true);
    expect(() => extractor.computeCpu(speechLike(0.1))).toThrow(/used after dispose\(\)/);
  });
});
