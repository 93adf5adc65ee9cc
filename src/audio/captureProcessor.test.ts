import { beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_PROCESSOR_NAME, type CaptureProcessorOptions, type FromCaptureProcessor } from './captureProtocol';

/** The AudioWorkletGlobalScope pieces the processor uses, faked in Node. */
class FakeProcessorBase {
  readonly port = {
    posted: [] as FromCaptureProcessor[],
    onmessage: null as ((event: { data: unknown }) => void) | null,
    postMessage(message: FromCaptureProcessor) {
      this.posted.push(message);
    },
  };
}

interface Processor {
  port: FakeProcessorBase['port'];
  process(inputs: Float32Array[][]): boolean;
}

let Processor: new (options: { processorOptions: CaptureProcessorOptions }) => Processor;

beforeAll(async () => {
  const scope = globalThis as Record<string, unknown>;
  scope.AudioWorkletProcessor = FakeProcessorBase;
  scope.registerProcessor = (name: string, ctor: typeof Processor) => {
    expect(name).toBe(CAPTURE_PROCESSOR_NAME);
    Processor = ctor;
  };
  await import('./captureProcessor.worklet');
});

const quantum = (value: number) => new Float32Array(128).fill(value);
const chunks = (p: Processor) => p.port.posted.filter((m) => m.type === 'chunk');

describe('capture processor', () => {
  it('averages the channels, posts blocks with their level, and counts frames', () => {
    const p = new Processor({ processorOptions: { maxFrames: 48_000, blockFrames: 256 } });
    expect(p.process([[quantum(0.5), quantum(-0.25)]])).toBe(true);
    expect(p.port.posted).toEqual([]);
    expect(p.process([[quantum(0.5), quantum(0.5)]])).toBe(true);
    const [chunk] = chunks(p);
    expect(chunk.samples.length).toBe(256);
    expect(chunk.samples[0]).toBeCloseTo(0.125, 7);
    expect(chunk.samples[255]).toBeCloseTo(0.5, 7);
    expect(chunk.peak).toBeCloseTo(0.5, 7);
    expect(chunk.rms).toBeCloseTo(Math.sqrt((0.125 ** 2 + 0.5 ** 2) / 2), 6);
    expect(chunk.totalFrames).toBe(256);
  });

  it('stops exactly at the maximum length, flushing the partial block, then ends', () => {
    const p = new Processor({ processorOptions: { maxFrames: 300, blockFrames: 256 } });
    expect(p.process([[quantum(0.1)]])).toBe(true);
    expect(p.process([[quantum(0.1)]])).toBe(true);
    expect(p.process([[quantum(0.1)]])).toBe(false);
    const posted = p.port.posted;
    expect(chunks(p).map((c) => c.samples.length)).toEqual([256, 44]);
    expect(posted.at(-1)).toEqual({ type: 'end', reason: 'max-length', totalFrames: 300 });
    expect(p.process([[quantum(0.1)]])).toBe(false);
    expect(p.port.posted).toHaveLength(3);
  });

  it('on "stop" flushes what it holds and ends once', () => {
    const p = new Processor({ processorOptions: { maxFrames: 48_000, blockFrames: 1024 } });
    p.process([[quantum(0.2)]]);
    p.port.onmessage?.({ data: { type: 'stop' } });
    p.port.onmessage?.({ data: { type: 'stop' } });
    expect(chunks(p).map((c) => c.samples.length)).toEqual([128]);
    expect(p.port.posted.at(-1)).toEqual({ type: 'end', reason: 'stopped', totalFrames: 128 });
    expect(p.process([[quantum(0.2)]])).toBe(false);
  });

  it('waits without counting while the input has no channels', () => {
    const p = new Processor({ processorOptions: { maxFrames: 48_000, blockFrames: 128 } });
    expect(p.process([[]])).toBe(true);
    expect(p.process([])).toBe(true);
    expect(p.port.posted).toEqual([]);
  });
});
