import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CapturePlatform } from './capturePlatform';
import type { FromCaptureProcessor } from './captureProtocol';
import { AudioError } from './errors';
import { createRecorder, type Recording } from './recorder';

/** A fake audio track: an EventTarget that can end like a real one. */
class FakeTrack extends EventTarget {
  readyState: 'live' | 'ended' = 'live';
  stop = vi.fn(() => {
    this.readyState = 'ended'; // per spec, stop() fires no 'ended' event
  });
  /** What the browser does when the device goes away. */
  unplug() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

class FakeNode {
  connect = vi.fn();
  disconnect = vi.fn();
}

/** Stands in for the AudioWorkletNode: records what the recorder posts, and plays the processor's part. */
class FakeWorkletNode extends FakeNode {
  posted: unknown[] = [];
  answerStop = true;
  readonly port = {
    onmessage: null as ((event: MessageEvent<FromCaptureProcessor>) => void) | null,
    postMessage: vi.fn((message: unknown) => {
      this.posted.push(message);
      if (this.answerStop && (message as { type: string }).type === 'stop') queueMicrotask(() => this.emit({ type: 'end', reason: 'stopped', totalFrames: this.frames }));
    }),
    close: vi.fn(),
  };
  frames = 0;
  constructor(readonly options: AudioWorkletNodeOptions) {
    super();
  }
  emit(message: FromCaptureProcessor) {
    this.port.onmessage?.({ data: message } as MessageEvent<FromCaptureProcessor>);
  }
  emitChunk(values: number[]) {
    this.frames += values.length;
    const samples = Float32Array.from(values);
    this.emit({ type: 'chunk', samples, rms: 0.1, peak: Math.max(...values.map(Math.abs)), totalFrames: this.frames });
  }
}

class FakeContext {
  sampleRate = 48_000;
  state: 'suspended' | 'running' | 'closed' = 'suspended';
  destination = new FakeNode();
  source = new FakeNode();
  audioWorklet = { addModule: vi.fn(async () => undefined) };
  createMediaStreamSource = vi.fn(() => this.source);
  resume = vi.fn(async () => {
    this.state = 'running';
  });
  close = vi.fn(async () => {
    this.state = 'closed';
  });
}

function fakePlatform(options: { getUserMedia?: () => Promise<MediaStream>; supported?: boolean } = {}) {
  const track = new FakeTrack();
  const stream = { getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream;
  const contexts: FakeContext[] = [];
  const nodes: FakeWorkletNode[] = [];
  const getUserMedia = vi.fn(options.getUserMedia ?? (async () => stream));
  const platform: CapturePlatform = {
    isSupported: () => options.supported ?? true,
    getUserMedia,
    createContext: () => {
      const context = new FakeContext();
      contexts.push(context);
      return context as unknown as AudioContext;
    },
    createWorkletNode: (_context, _name, nodeOptions) => {
      const node = new FakeWorkletNode(nodeOptions);
      nodes.push(node);
      return node as unknown as AudioWorkletNode;
    },
    workletUrl: 'capture.js',
  };
  return { platform, track, contexts, nodes, getUserMedia };
}

function expectReleased(fake: ReturnType<typeof fakePlatform>) {
  expect(fake.track.stop).toHaveBeenCalled();
  for (const context of fake.contexts) expect(context.state).toBe('closed');
  for (const node of fake.nodes) {
    expect(node.port.close).toHaveBeenCalled();
    expect(node.port.onmessage).toBeNull();
    expect(node.disconnect).toHaveBeenCalled();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createRecorder', () => {
  it('records the chunks the worklet posts and releases everything on stop', async () => {
    const fake = fakePlatform();
    const levels: number[] = [];
    const recorder = createRecorder({ platform: fake.platform, maxSeconds: 2, onLevel: (l) => levels.push(l.elapsedSeconds) });
    await recorder.start();
    expect(recorder.state).toBe('recording');
    expect(fake.getUserMedia).toHaveBeenCalledWith({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false }, video: false });
    const [context] = fake.contexts;
    const [node] = fake.nodes;
    expect(context.audioWorklet.addModule).toHaveBeenCalledWith('capture.js');
    expect(node.options.processorOptions).toEqual({ maxFrames: 96_000, blockFrames: 1024 });
    expect(context.source.connect).toHaveBeenCalledWith(node);
    expect(context.resume).toHaveBeenCalled();

    node.emitChunk([0.5, -0.5]);
    node.emitChunk([0.25]);
    const recording = await recorder.stop();
    expect(node.posted).toEqual([{ type: 'stop' }]);
    expect(Array.from(recording.samples)).toEqual([0.5, -0.5, 0.25]);
    expect(recording).toMatchObject({ sampleRateHz: 48_000, endedBy: 'stopped', durationSeconds: 3 / 48_000 });
    expect(recording.interruption).toBeUndefined();
    expect(levels).toEqual([2 / 48_000, 3 / 48_000]);
    expect(recorder.state).toBe('finished');
    expectReleased(fake);
  });

  it('ends by itself at the maximum length and keeps the audio', async () => {
    const fake = fakePlatform();
    const recorder = createRecorder({ platform: fake.platform, maxSeconds: 1 });
    await recorder.start();
    const [node] = fake.nodes;
    node.emitChunk([0.1, 0.2]);
    node.emit({ type: 'end', reason: 'max-length', totalFrames: 2 });
    const recording: Recording = await recorder.finished;
    expect(recording.endedBy).toBe('max-length');
    expect(Array.from(recording.samples)).toEqual([0.1, 0.2].map(Math.fround));
    expectReleased(fake);
  });

  it('stops and keeps what was recorded when the device disappears (MIC_LOST)', async () => {
    const fake = fakePlatform();
    const recorder = createRecorder({ platform: fake.platform });
    await recorder.start();
    fake.nodes[0].emitChunk(new Array(4800).fill(0.25));
    fake.track.unplug();
    const recording = await recorder.finished;
    expect(recording.endedBy).toBe('mic-lost');
    expect(recording.samples.length).toBe(4800);
    expect(recording.interruption).toBeInstanceOf(AudioError);
    expect(recording.interruption?.code).toBe('MIC_LOST');
    expect(recording.interruption?.message).toMatch(/microphone stopped.*first 0\.1 s were kept/);
    expectReleased(fake);
  });

  it('finishes with what arrived when the worklet never answers the stop', async () => {
    vi.useFakeTimers();
    const fake = fakePlatform();
    const recorder = createRecorder({ platform: fake.platform });
    await recorder.start();
    fake.nodes[0].answerStop = false;
    fake.nodes[0].emitChunk([0.5]);
    const stopped = recorder.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(Array.from((await stopped).samples)).toEqual([0.5]);
    expectReleased(fake);
  });

  it.each([
    ['NotAllowedError', 'MIC_DENIED', /not allowed to use the microphone.*Allow microphone access/],
    ['NotFoundError', 'NO_MIC', /No microphone was found/],
    ['NotReadableError', 'MIC_BUSY', /another app/],
    ['WeirdError', 'CAPTURE_FAILED', /WeirdError/],
  ])('turns getUserMedia %s into %s and releases the context', async (name, code, message) => {
    const fake = fakePlatform({ getUserMedia: () => Promise.reject(new DOMException('nope', name)) });
    const recorder = createRecorder({ platform: fake.platform });
    const error = await recorder.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioError);
    expect((error as AudioError).code).toBe(code);
    expect((error as AudioError).message).toMatch(message);
    await expect(recorder.finished).rejects.toBe(error);
    expect(fake.contexts[0].state).toBe('closed');
    expect(fake.nodes).toHaveLength(0);
  });

  it('says MIC_UNSUPPORTED without touching anything when capture is not available', async () => {
    const fake = fakePlatform({ supported: false });
    const error = await createRecorder({ platform: fake.platform })
      .start()
      .catch((e: unknown) => e);
    expect((error as AudioError).code).toBe('MIC_UNSUPPORTED');
    expect(fake.contexts).toHaveLength(0);
    expect(fake.getUserMedia).not.toHaveBeenCalled();
  });

  it('dispose() discards a recording in progress, releases everything and ignores late events', async () => {
    const fake = fakePlatform();
    const recorder = createRecorder({ platform: fake.platform });
    await recorder.start();
    recorder.dispose();
    recorder.dispose();
    await expect(recorder.finished).rejects.toMatchObject({ name: 'AbortError' });
    expectReleased(fake);
    fake.track.unplug(); // its listener is gone: nothing is posted
    expect(fake.nodes[0].posted).toEqual([]);
  });

  it('dispose() while the permission prompt is open closes the stream that arrives later', async () => {
    let grant!: (stream: MediaStream) => void;
    const fake = fakePlatform({ getUserMedia: () => new Promise((resolve) => (grant = resolve)) });
    const recorder = createRecorder({ platform: fake.platform });
    const started = recorder.start().catch((e: unknown) => e);
    recorder.dispose();
    grant({ getTracks: () => [fake.track], getAudioTracks: () => [fake.track] } as unknown as MediaStream);
    expect(await started).toMatchObject({ name: 'AbortError' });
    expect(fake.track.stop).toHaveBeenCalled();
    expect(fake.contexts[0].state).toBe('closed');
    expect(fake.nodes).toHaveLength(0);
  });

  it('honours a stop() that arrives while the microphone is still opening', async () => {
    const fake = fakePlatform();
    const recorder = createRecorder({ platform: fake.platform });
    const started = recorder.start();
    const stopped = recorder.stop();
    await started;
    expect(fake.nodes[0].posted).toEqual([{ type: 'stop' }]);
    expect((await stopped).endedBy).toBe('stopped');
    expectReleased(fake);
  });

  it('refuses a second start', async () => {
    const fake = fakePlatform();
    const recorder = createRecorder({ platform: fake.platform });
    await recorder.start();
    await expect(recorder.start()).rejects.toThrow(/one recording/);
    recorder.dispose();
  });
});
