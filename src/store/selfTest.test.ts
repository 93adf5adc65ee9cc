import { describe, expect, it, vi } from 'vitest';
import type { Recording } from '../audio';
import { logMelSpectrogram } from '../dsp';
import { fakeRecorder } from './testFixtures';
import { EngineError, type PracticeEngine } from '../practice';
import { runSelfTest, selfTestLog, type SelfTestDeps, type SelfTestStep } from './selfTest';

function deps(over: Partial<SelfTestDeps> = {}): SelfTestDeps {
  const fake = fakeRecorder();
  const recording: Recording = { samples: new Float32Array(48_000).fill(0.1), sampleRateHz: 48_000, durationSeconds: 1.5, endedBy: 'stopped' };
  let t = 0;
  return {
    createRecorder: (options) => {
      options.onLevel?.({ rms: 0.05, peak: 0.3, elapsedSeconds: 0.1 } as never);
      fake.end(recording);
      return fake.recorder;
    },
    createFeatureExtractor: async () => ({ info: { path: 'cpu', reason: 'CPU: WebGPU not requested' }, compute: async (s) => logMelSpectrogram(s), computeCpu: (s) => logMelSpectrogram(s), dispose: vi.fn() }),
    loadEngine: async () => ({ modelVersion: 'v9', calibration: {} as never, assessDetailed: vi.fn(async () => ({}) as never), posteriorgram: vi.fn() }) as unknown as PracticeEngine,
    tfBackend: async () => 'wasm',
    gpu: () => undefined,
    storage: () => ({ estimate: async () => ({ quota: 2e9, usage: 1e6 }), persisted: async () => true }),
    now: () => (t += 5),
    sleep: async () => undefined,
    ...over,
  };
}

describe('device self-test', () => {
  it('runs every step in order, each reported running then done, with its figures', async () => {
    const seen: SelfTestStep[] = [];
    const steps = await runSelfTest(deps(), (s) => seen.push(s));
    expect(steps.map((s) => [s.id, s.outcome])).toEqual([
      ['microphone', 'ok'],
      ['webgpu', 'warn'],
      ['mel', 'ok'],
      ['model', 'ok'],
      ['inference', 'ok'],
      ['storage', 'ok'],
    ]);
    expect(seen.filter((s) => s.outcome === 'running')).toHaveLength(6);
    expect(steps[0].figures).toMatchObject({ sampleRateHz: 48_000, peakDb: -10 });
    expect(steps[2].figures).toMatchObject({ path: 'cpu', maxAbsDiffVsCpu: 0 });
    expect(steps[3].figures).toEqual({ modelVersion: 'v9', backend: 'wasm' });
    expect(steps[5].figures).toEqual({ quotaBytes: 2e9, usageBytes: 1e6, persisted: true });
  });

  it('a failing step is reported with its code and the rest still run', async () => {
    const steps = await runSelfTest(deps({ loadEngine: () => Promise.reject(new EngineError('MODEL_UNAVAILABLE', 'no model')) }), () => undefined);
    expect(steps.find((s) => s.id === 'model')).toMatchObject({ outcome: 'fail', problem: { code: 'MODEL_UNAVAILABLE' } });
    expect(steps.find((s) => s.id === 'inference')).toMatchObject({ outcome: 'fail', problem: { code: 'MODEL_UNAVAILABLE' } });
    expect(steps.find((s) => s.id === 'storage')?.outcome).toBe('ok');
  });

  it('writes a log of figures without any audio', async () => {
    const steps = await runSelfTest(deps(), () => undefined);
    const log = selfTestLog(steps, { userAgent: 'UA', language: 'pt-BR', at: '2026-12-01T10:00:00Z', app: '0.1.0' });
    const parsed = JSON.parse(log) as { kind: string; steps: { id: string }[] };
    expect(parsed.kind).toBe('sotaque-selftest');
    expect(parsed.steps.map((s) => s.id)).toEqual(['microphone', 'webgpu', 'mel', 'model', 'inference', 'storage']);
    expect(log).not.toMatch(/samples|audio|RIFF/i);
    expect(log.length).toBeLessThan(5_000);
  });
});
