// mel.wgsl against the CPU reference (src/dsp) on WebGPU in Node: Dawn (npm `webgpu`) on SwiftShader.
// Without an adapter these tests skip, or fail when CI or SOTAQUE_REQUIRE_GPU is set (see nodeGpu.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram, type FeatureConfig, type LogMel } from '../dsp';
import { readGoldenF32 as readFixture } from '../dsp/fixtures/golden';
import { isGpuError } from './errors';
import { createMelProgram, type MelProgram } from './melProgram';
import { describeWithGpu, requestTestDevice } from './nodeGpu';
import { compareLogMel, GPU_PARITY_TOLERANCE } from './parity';

const RATE = DEFAULT_FEATURE_CONFIG.sampleRateHz;

function sine(freqHz: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / RATE);
  return out;
}

/** Linear chirp from `f0Hz` to `f1Hz`. */
function chirp(f0Hz: number, f1Hz: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    out[i] = amplitude * Math.sin(2 * Math.PI * (f0Hz * t + ((f1Hz - f0Hz) * t * t) / (2 * seconds)));
  }
  return out;
}

/** Uniform white noise in [−amplitude, amplitude) from a fixed-seed LCG. */
function noise(seconds: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  let state = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = amplitude * (state / 2 ** 31 - 1);
  }
  return out;
}

/** 10 s: the speech fixture at several gains (down to −32 dB), a chirp and quiet noise throughout. */
function tenSecondClip(): Float32Array {
  const speech = readFixture('speech16k.f32');
  const out = noise(10, 1e-3, 7);
  const gains = [1, 0.3, 0.025, 0.6, 0.1];
  let at = 0;
  for (const gain of gains) {
    for (let i = 0; i < speech.length && at + i < out.length; i++) out[at + i] += gain * speech[i];
    at += speech.length;
  }
  const sweep = chirp(60, 7_900, 10 - at / RATE, 0.2);
  for (let i = 0; i < sweep.length && at + i < out.length; i++) out[at + i] += sweep[i];
  return out;
}

function expectParity(gpu: LogMel, cpu: LogMel, label: string, logOffset = DEFAULT_FEATURE_CONFIG.logOffset): void {
  expect(gpu.frames).toBe(cpu.frames);
  expect(gpu.bands).toBe(cpu.bands);
  const parity = compareLogMel(gpu, cpu, logOffset);
  console.info(`[mel.wgsl parity] ${label}: ${cpu.frames} frames, ${parity.cells} cells, max ${parity.maxAbsDiff.toExponential(2)}, p99 ${parity.p99AbsDiff.toExponential(2)}`);
  expect(parity.cells).toBeGreaterThan(0);
  expect(parity.maxAbsDiff).toBeLessThan(GPU_PARITY_TOLERANCE.maxAbsDiff);
  expect(parity.p99AbsDiff).toBeLessThan(GPU_PARITY_TOLERANCE.p99AbsDiff);
}

await describeWithGpu('melProgram (mel.wgsl on WebGPU)', (gpu) => {
  let device: GPUDevice;
  let program: MelProgram;

  beforeAll(async () => {
    device = await requestTestDevice(gpu);
    program = await createMelProgram(device);
  });

  afterAll(() => {
    program?.dispose();
    device?.destroy();
  });

  it('matches the CPU reference on the golden speech fixture in one dispatch and one readback', async () => {
    const samples = readFixture('speech16k.f32');
    const result = await program.run(samples);
    expect(result.frames).toBe(192);
    expectParity(result, logMelSpectrogram(samples), 'speech16k.f32');
    expect(program.lastRunStats).toMatchObject({ dispatches: 1, readbacks: 1, frames: 192 });
  });

  it.each([
    ['a 1 kHz sine', () => sine(1_000, 1)],
    ['a 60 Hz–7.9 kHz chirp', () => chirp(60, 7_900, 2)],
    ['white noise', () => noise(1, 0.3)],
    ['quiet white noise (−60 dB)', () => noise(1, 1e-3, 3)],
  ])('matches the CPU reference on %s', async (label, make) => {
    const samples = make();
    expectParity(await program.run(samples), logMelSpectrogram(samples), label);
  });

  it('matches the CPU reference on a 10 s clip', async () => {
    const samples = tenSecondClip();
    const result = await program.run(samples);
    expect(result.frames).toBe(998);
    expectParity(result, logMelSpectrogram(samples), '10 s clip');
    expect(program.lastRunStats).toMatchObject({ dispatches: 1, readbacks: 1, frames: 998 });
  });

  it('gives the log floor for silence', async () => {
    const result = await program.run(new Float32Array(RATE / 2));
    expect(result.frames).toBe(48);
    const floor = Math.log(DEFAULT_FEATURE_CONFIG.logOffset);
    for (const value of result.data) expect(Math.abs(value - floor)).toBeLessThan(1e-5);
  });

  it('gives 0 frames for clips shorter than a frame, without touching the GPU', async () => {
    for (const length of [0, 1, 399]) {
      const result = await program.run(new Float32Array(length).fill(0.5));
      expect(result).toEqual({ data: new Float32Array(0), frames: 0, bands: 64 });
      expect(program.lastRunStats).toMatchObject({ dispatches: 0, readbacks: 0, frames: 0 });
    }
  });

  it('frames the clip exactly as the contract says (400, 559, 560 samples)', async () => {
    const samples = noise(560 / RATE, 0.5, 11);
    for (const [length, frames] of [
      [400, 1],
      [559, 1],
      [560, 2],
    ]) {
      const clip = samples.subarray(0, length);
      const result = await program.run(clip);
      expect(result.frames).toBe(frames);
      expectParity(result, logMelSpectrogram(clip), `${length} samples`);
    }
  });

  it('reads the samples from a subarray at its own offset', async () => {
    const whole = noise(1, 0.5, 5);
    const part = whole.subarray(1_234, 1_234 + 8_000);
    expectParity(await program.run(part), logMelSpectrogram(part), 'subarray');
  });

  it('reuses its buffers for clips that fit and grows them for longer ones', async () => {
    const fresh = await createMelProgram(device);
    try {
      const run = async (seconds: number, seed: number) => {
        const samples = noise(seconds, 0.4, seed);
        expectParity(await fresh.run(samples), logMelSpectrogram(samples), `${seconds} s after others`);
        return fresh.lastRunStats.buffersAllocated;
      };
      expect(await run(3, 1)).toBe(3); // samples, output, readback
      expect(await run(1, 2)).toBe(0);
      expect(await run(2, 3)).toBe(0);
      expect(await run(3, 4)).toBe(0);
      expect(await run(4, 5)).toBe(3);
      expect(await run(0.5, 6)).toBe(0);
    } finally {
      fresh.dispose();
    }
  });

  it('serialises concurrent runs, each with its own result', async () => {
    const clips = [noise(1, 0.3, 21), sine(440, 2), chirp(100, 4_000, 0.7)];
    const results = await Promise.all(clips.map((clip) => program.run(clip)));
    results.forEach((result, i) => expectParity(result, logMelSpectrogram(clips[i]), `concurrent clip ${i}`));
  });

  it('covers every frame when the workgroups wrap into a 2-D grid', async () => {
    const wrapped = await createMelProgram(device, DEFAULT_FEATURE_CONFIG, { maxWorkgroupsPerDimension: 7 });
    try {
      for (const frames of [1, 7, 8, 40, 49]) {
        const samples = noise(((frames - 1) * 160 + 400) / RATE, 0.3, frames);
        const result = await wrapped.run(samples);
        expect(result.frames).toBe(frames);
        expectParity(result, logMelSpectrogram(samples), `${frames} frames on a 7-wide grid`);
      }
      const tooMany = noise(((50 - 1) * 160 + 400) / RATE, 0.3);
      await expect(wrapped.run(tooMany)).rejects.toMatchObject({ code: 'GPU_CLIP_TOO_LONG' });
    } finally {
      wrapped.dispose();
    }
  });

  it.each([1, 256])('gives the same result with %i invocations per workgroup', async (workgroupSize) => {
    const sized = await createMelProgram(device, DEFAULT_FEATURE_CONFIG, { workgroupSize });
    try {
      const samples = chirp(100, 7_000, 0.4);
      expectParity(await sized.run(samples), logMelSpectrogram(samples), `workgroup size ${workgroupSize}`);
    } finally {
      sized.dispose();
    }
  });

  it('takes every size from the config (a 256-point FFT, 200-sample frames, 40 bands)', async () => {
    const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, fftSize: 256, frameLengthSamples: 200, hopLengthSamples: 80, melBands: 40, logOffset: 1e-5 };
    const other = await createMelProgram(device, config);
    try {
      const samples = readFixture('speech16k.f32');
      const result = await other.run(samples);
      const cpu = logMelSpectrogram(samples, config);
      expect(result.bands).toBe(40);
      expectParity(result, cpu, 'fftSize 256, 40 bands', config.logOffset);
    } finally {
      other.dispose();
    }
  });

  it('refuses a config the radix-2 shader cannot run', async () => {
    await expect(createMelProgram(device, { ...DEFAULT_FEATURE_CONFIG, fftSize: 400 })).rejects.toMatchObject({
      code: 'GPU_PIPELINE_FAILED',
      message: expect.stringMatching(/power of two/),
    });
  });

  it('releases its buffers on dispose; a later run fails clearly', async () => {
    const short = await createMelProgram(device);
    await short.run(sine(500, 0.1));
    short.dispose();
    short.dispose();
    expect(short.disposed).toBe(true);
    const error = await short.run(sine(500, 0.1)).catch((e: unknown) => e);
    expect(isGpuError(error, 'GPU_DISPOSED')).toBe(true);
    expect((error as Error).message).toMatch(/used after dispose\(\)/);
  });
});
