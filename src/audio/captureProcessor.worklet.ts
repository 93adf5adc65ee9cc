/**
 * AudioWorklet processor of the recorder, run on the audio rendering thread.
 *
 * Each render quantum (128 frames) of its single input is averaged across channels to mono and
 * appended to a block; every `blockFrames` frames the block is posted (transferred, not copied) with
 * its RMS and peak, which drive the level meter. After `maxFrames` frames, or on a `stop` message,
 * the partial block is flushed, an `end` message follows and the processor returns false so the
 * node can be collected. Bundled on its own by Vite (`?worker&url`); it imports types only.
 */
import { CAPTURE_PROCESSOR_NAME, type CaptureProcessorOptions, type FromCaptureProcessor, type ToCaptureProcessor } from './captureProtocol';

// Minimal globals of AudioWorkletGlobalScope (the DOM lib does not declare them).
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: AudioWorkletNodeOptions);
}
declare function registerProcessor(name: string, processorCtor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessor): void;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly maxFrames: number;
  private readonly blockFrames: number;
  private block: Float32Array;
  private filled = 0;
  private totalFrames = 0;
  private done = false;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const o = options.processorOptions as CaptureProcessorOptions;
    this.maxFrames = Math.max(1, Math.floor(o.maxFrames));
    this.blockFrames = Math.max(128, Math.floor(o.blockFrames));
    this.block = new Float32Array(this.blockFrames);
    this.port.onmessage = (event: MessageEvent<ToCaptureProcessor>) => {
      if (event.data.type === 'stop') this.finish('stopped');
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.done) return false;
    const channels = inputs[0];
    // No channels: the source is not (or no longer) delivering; keep the node alive and wait.
    if (!channels || channels.length === 0) return true;
    const length = channels[0].length;
    const take = Math.min(length, this.maxFrames - this.totalFrames);
    const scale = 1 / channels.length;
    for (let i = 0; i < take; i++) {
      let sum = 0;
      for (let c = 0; c < channels.length; c++) sum += channels[c][i];
      this.block[this.filled++] = sum * scale;
      this.totalFrames++;
      if (this.filled === this.blockFrames) this.flush();
    }
    if (this.totalFrames >= this.maxFrames) this.finish('max-length');
    return !this.done;
  }

  /** Posts the filled part of the current block with its level, and starts a new block. */
  private flush(): void {
    if (this.filled === 0) return;
    const samples = this.filled === this.block.length ? this.block : this.block.slice(0, this.filled);
    let sumSquares = 0;
    let peak = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      sumSquares += x * x;
      const magnitude = x < 0 ? -x : x;
      if (magnitude > peak) peak = magnitude;
    }
    const message: FromCaptureProcessor = { type: 'chunk', samples, rms: Math.sqrt(sumSquares / samples.length), peak, totalFrames: this.totalFrames };
    this.port.postMessage(message, [samples.buffer]);
    this.block = new Float32Array(this.blockFrames);
    this.filled = 0;
  }

  private finish(reason: 'stopped' | 'max-length'): void {
    if (this.done) return;
    this.flush();
    this.done = true;
    const message: FromCaptureProcessor = { type: 'end', reason, totalFrames: this.totalFrames };
    this.port.postMessage(message);
  }
}

registerProcessor(CAPTURE_PROCESSOR_NAME, CaptureProcessor);
