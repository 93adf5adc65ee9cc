import { describe, expect, it } from 'vitest';
import { logMelSpectrogram, type LogMel } from '../dsp';
import { MEL_CHOICE_STORAGE_PREFIX, measureMelChoice, measuredReason, melProbeClip } from './melChoice';

/** A clock the fake paths advance: each call of a path costs its given milliseconds. */
function paths(gpuMs: number, cpuMs: number) {
  let t = 0;
  const calls = { gpu: 0, cpu: 0 };
  const out: LogMel = { data: new Float32Array(0), frames: 0, bands: 64 };
  return {
    calls,
    now: () => t,
    gpu: async () => {
      calls.gpu++;
      t += gpuMs;
      return out;
    },
    cpu: () => {
      calls.cpu++;
      t += cpuMs;
      return out;
    },
  };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('measureMelChoice', () => {
  it('picks the faster path after a GPU warm-up, and says so with the timings', async () => {
    const slowGpu = paths(12, 3);
    const choice = await measureMelChoice({ adapter: 'swiftshader', gpu: slowGpu.gpu, cpu: slowGpu.cpu, now: slowGpu.now, storage: null, repetitions: 2 });
    expect(choice).toEqual({ path: 'cpu', gpuMs: 12, cpuMs: 3, remembered: false });
    expect(slowGpu.calls).toEqual({ gpu: 3, cpu: 2 });
    expect(measuredReason(choice, 'swiftshader')).toBe('CPU: measured faster than WebGPU on swiftshader (CPU 3.0 ms, WebGPU 12.0 ms per 2 s)');
    const fastGpu = paths(1, 3);
    const gpu = await measureMelChoice({ adapter: 'hw', gpu: fastGpu.gpu, cpu: fastGpu.cpu, now: fastGpu.now, storage: null });
    expect(gpu.path).toBe('webgpu');
    expect(measuredReason(gpu, 'ampere')).toMatch(/^WebGPU on ampere \(measured faster than the CPU/);
  });

  it('remembers the choice per adapter and skips the probe next time', async () => {
    const storage = memoryStorage();
    const first = paths(1, 3);
    await measureMelChoice({ adapter: 'a', gpu: first.gpu, cpu: first.cpu, now: first.now, storage });
    expect([...storage.items.keys()][0].startsWith(MEL_CHOICE_STORAGE_PREFIX)).toBe(true);
    const again = paths(100, 1);
    const choice = await measureMelChoice({ adapter: 'a', gpu: again.gpu, cpu: again.cpu, now: again.now, storage });
    expect(choice).toMatchObject({ path: 'webgpu', remembered: true });
    expect(again.calls).toEqual({ gpu: 0, cpu: 0 });
    // Another adapter is measured afresh; a damaged entry too.
    expect((await measureMelChoice({ adapter: 'b', gpu: again.gpu, cpu: again.cpu, now: again.now, storage })).path).toBe('cpu');
    for (const key of storage.items.keys()) storage.items.set(key, '{oops');
    expect((await measureMelChoice({ adapter: 'a', gpu: again.gpu, cpu: again.cpu, now: again.now, storage })).remembered).toBe(false);
  });

  it('probes with two seconds of voiced signal', () => {
    const clip = melProbeClip();
    expect(clip.length).toBe(32_000);
    expect(logMelSpectrogram(clip).frames).toBe(198);
  });
});
