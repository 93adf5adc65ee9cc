import { afterEach, describe, expect, it, vi } from 'vitest';
import { AudioError, type Recorder, type RecorderOptions, type Recording } from '../audio';
import { frameCount, logMelSpectrogram } from '../dsp';
import { createAppStore, type AppStore } from './createAppStore';
import type { FeatureExtractor, MelPathInfo } from './recorderSlice';

const RATE = 48_000;

/** 0.5 s silence, 1 s of a 200 Hz buzz (harmonics to 3 kHz), 0.5 s silence, at 48 kHz. */
function speechLike(): Float32Array {
  const out = new Float32Array(2 * RATE);
  for (let i = RATE / 2; i < 1.5 * RATE; i++) {
    let x = 0;
    for (let h = 1; h <= 15; h++) x += Math.sin((2 * Math.PI * 200 * h * i) / RATE) / h;
    out[i] = 0.2 * x;
  }
  return out;
}

function recordingOf(samples: Float32Array, extra: Partial<Recording> = {}): Recording {
  return { samples, sampleRateHz: RATE, durationSeconds: samples.length / RATE, endedBy: 'stopped', ...extra };
}

/** A recorder double: `end()` plays the part of the worklet finishing. */
function fakeRecorder(startError?: unknown) {
  let end!: (recording: Recording) => void;
  const finished = new Promise<Recording>((resolve) => (end = resolve));
  const recorder: Recorder = {
    state: 'idle',
    start: vi.fn(async () => {
      if (startError) throw startError;
    }),
    stop: vi.fn(() => finished),
    finished,
    dispose: vi.fn(),
  };
  return { recorder, end };
}

function fakeExtractor(info: MelPathInfo = { path: 'cpu', reason: 'test double' }, compute?: (s: Float32Array) => Promise<ReturnType<typeof logMelSpectrogram>>): FeatureExtractor {
  return {
    info,
    compute: vi.fn(compute ?? (async (s: Float32Array) => logMelSpectrogram(s))),
    computeCpu: vi.fn((s: Float32Array) => logMelSpectrogram(s)),
    dispose: vi.fn(),
  };
}

function setup(options: { startError?: unknown; extractor?: FeatureExtractor } = {}) {
  const fake = fakeRecorder(options.startError);
  const extractor = options.extractor ?? fakeExtractor();
  const recorderOptions: RecorderOptions[] = [];
  const store = createAppStore({
    createRecorder: (o) => {
      recorderOptions.push(o);
      return fake.recorder;
    },
    createFeatureExtractor: vi.fn(async () => extractor),
  });
  stores.push(store);
  return { store, fake, extractor, recorderOptions, state: () => store.getState().recorder };
}

const stores: AppStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((store) => store.reset());
});

describe('recorder slice', () => {
  it('records, shows the level and time, then resamples, trims and computes the log-mel of the speech', async () => {
    const { store, fake, extractor, recorderOptions, state } = setup();
    store.getState().setMaxSeconds(4);
    const run = store.getState().startRecording();
    expect(state().status).toBe('recording');
    expect(recorderOptions[0].maxSeconds).toBe(4);
    recorderOptions[0].onLevel?.({ rms: 0.1, peak: 0.4, elapsedSeconds: 1.25 });
    expect(state()).toMatchObject({ level: { rms: 0.1, peak: 0.4 }, elapsedSeconds: 1.25 });

    store.getState().stopRecording();
    await Promise.resolve();
    expect(fake.recorder.stop).toHaveBeenCalled();
    fake.end(recordingOf(speechLike()));
    await run;

    const { status, features, recording, error, notice } = state();
    expect(status).toBe('done');
    expect(error).toBeNull();
    expect(notice).toBeNull();
    expect(recording?.samples.length).toBe(2 * RATE);
    expect(features?.samples16k.length).toBe(32_000);
    // The speech is 0.5…1.5 s; the trim keeps it with 0.15 s of padding on each side.
    expect(features!.speech.start / 16_000).toBeCloseTo(0.35, 1);
    expect(features!.speech.end / 16_000).toBeCloseTo(1.65, 1);
    expect(features!.logMel.frames).toBe(frameCount(features!.speech.end - features!.speech.start));
    expect(features!.melPath).toEqual({ path: 'cpu', reason: 'test double' });
    expect(features!.cpuCheck).toBeUndefined();
    expect(extractor.compute).toHaveBeenCalledTimes(1);
    expect(fake.recorder.dispose).toHaveBeenCalled();
  });

  it('keeps a silent recording but reports CLIP_SILENT', async () => {
    const { store, fake, state } = setup();
    const run = store.getState().startRecording();
    fake.end(recordingOf(new Float32Array(RATE)));
    await run;
    expect(state().status).toBe('error');
    expect(state().error?.code).toBe('CLIP_SILENT');
    expect(state().error?.message).toMatch(/We heard nothing — check the microphone/);
    expect(state().recording).not.toBeNull();
    expect(state().features).toBeNull();
  });

  it('reports a capture error with its code and message', async () => {
    const denied = new AudioError('MIC_DENIED', 'Sotaque is not allowed to use the microphone.');
    const { store, state } = setup({ startError: denied });
    await store.getState().startRecording();
    expect(state().status).toBe('error');
    expect(state().error).toEqual({ code: 'MIC_DENIED', message: denied.message });
  });

  it('analyses what was kept when the microphone was lost, and says so', async () => {
    const { store, fake, state } = setup();
    const run = store.getState().startRecording();
    fake.end(recordingOf(speechLike(), { endedBy: 'mic-lost', interruption: new AudioError('MIC_LOST', 'The microphone stopped.') }));
    await run;
    expect(state().status).toBe('done');
    expect(state().notice).toEqual({ code: 'MIC_LOST', message: 'The microphone stopped.' });
    expect(state().features).not.toBeNull();
  });

  it('falls back to the CPU when the WebGPU path fails on a clip, and says why', async () => {
    const extractor = fakeExtractor({ path: 'webgpu', reason: 'fast' }, async () => {
      throw new Error('device lost');
    });
    const { store, fake, state } = setup({ extractor });
    const run = store.getState().startRecording();
    fake.end(recordingOf(speechLike()));
    await run;
    expect(state().status).toBe('done');
    expect(state().features?.melPath.path).toBe('cpu');
    expect(state().features?.melPath.reason).toMatch(/WebGPU failed on this clip \(device lost\)/);
  });

  it('with the self-check on, keeps the CPU log-mel of the same samples and the difference', async () => {
    const { store, fake, state } = setup();
    store.getState().setSelfCheck(true);
    const run = store.getState().startRecording();
    fake.end(recordingOf(speechLike()));
    await run;
    const { cpuCheck, logMel } = state().features!;
    expect(cpuCheck?.logMel.frames).toBe(logMel.frames);
    expect(cpuCheck?.maxAbsDiff).toBe(0);
  });

  it('clamps the maximum length', () => {
    const { store, state } = setup();
    store.getState().setMaxSeconds(120);
    expect(state().maxSeconds).toBe(30);
    store.getState().setMaxSeconds(0);
    expect(state().maxSeconds).toBe(0.5);
  });

  it('reset() releases the recorder and the extractor and restores the initial data', async () => {
    const { store, fake, extractor, state } = setup();
    const run = store.getState().startRecording();
    fake.end(recordingOf(speechLike()));
    await run;
    store.getState().setMaxSeconds(3);
    const again = setup();
    const second = again.store.getState().startRecording();
    again.store.getState().disposeRecorderResources();
    expect(again.state().status).toBe('idle');
    again.store.reset();
    expect(again.fake.recorder.dispose).toHaveBeenCalled();
    expect(again.state().status).toBe('idle');
    again.fake.end(recordingOf(speechLike()));
    await second;
    expect(again.state().status).toBe('idle'); // a late result of the discarded recording is dropped

    store.reset();
    await vi.waitFor(() => expect(extractor.dispose).toHaveBeenCalled());
    expect(state()).toMatchObject({ status: 'idle', maxSeconds: 15, recording: null, features: null, error: null });
  });
});
