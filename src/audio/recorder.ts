/**
 * The microphone recorder: getUserMedia → MediaStreamAudioSourceNode → AudioWorkletNode (the capture
 * processor, which downmixes to mono and measures levels) → chunks gathered here.
 *
 * One recorder makes one recording. It owns the stream, the AudioContext, the nodes, the worklet
 * port and every listener, and releases all of them when the recording ends (stop, maximum length,
 * device lost) or on `dispose()`, whichever comes first.
 */
import { AudioError } from './errors';
import { CAPTURE_PROCESSOR_NAME, type CaptureProcessorOptions, type FromCaptureProcessor, type ToCaptureProcessor } from './captureProtocol';
import { browserCapturePlatform, type CapturePlatform } from './capturePlatform';
import { captureErrorFrom, micLostError, micUnsupportedError } from './captureErrors';

/** The default and the largest maximum recording length (docs/CONTRACTS.md: 15 s, configurable). */
export const DEFAULT_MAX_RECORDING_SECONDS = 15;
export const MAX_RECORDING_SECONDS_LIMIT = 30;

/** A level reading for the meter, posted by the worklet for every captured block (~20 ms). */
export interface CaptureLevel {
  /** RMS of the block, linear 0…1. */
  readonly rms: number;
  /** Peak |sample| of the block, linear 0…1. */
  readonly peak: number;
  /** Audio captured so far, in seconds. */
  readonly elapsedSeconds: number;
}

/** Why a recording ended. */
export type RecordingEnd = 'stopped' | 'max-length' | 'mic-lost';

/** What the recorder hands back: mono samples at the capture (AudioContext) rate. */
export interface Recording {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  readonly durationSeconds: number;
  readonly endedBy: RecordingEnd;
  /** Set when `endedBy` is `mic-lost`: the `MIC_LOST` error to show; the samples are still kept. */
  readonly interruption?: AudioError;
}

export interface RecorderOptions {
  /** Longest recording in seconds (default 15, clamped to 0.5…30); the recorder stops itself there and keeps the audio. */
  readonly maxSeconds?: number;
  /** Called on each captured block with its level and the elapsed time. */
  readonly onLevel?: (level: CaptureLevel) => void;
  /** Called on each captured block with its samples (the recording is these blocks in order) and the capture rate. */
  readonly onSamples?: (samples: Float32Array, sampleRateHz: number) => void;
  /** Frames per worklet message (default 1024, ~21 ms at 48 kHz). */
  readonly blockFrames?: number;
  /** Browser hooks; unit tests pass fakes. */
  readonly platform?: CapturePlatform;
}

export type RecorderState = 'idle' | 'starting' | 'recording' | 'stopping' | 'finished' | 'disposed';

export interface Recorder {
  /** Opens the microphone and starts capturing. Rejects with an `AudioError` (`MIC_DENIED`, `NO_MIC`, …). Call once. */
  start(): Promise<void>;
  /** Stops capturing; resolves with the recording (the same promise as `finished`). */
  stop(): Promise<Recording>;
  /** Settles when the recording ends for any reason: `stop()`, the maximum length, or the device lost. */
  readonly finished: Promise<Recording>;
  readonly state: RecorderState;
  /** Releases everything; a recording in progress is discarded (`finished` rejects with an AbortError). Safe to call twice. */
  dispose(): void;
}

/** How long to wait for the worklet's final message before finishing with what has arrived. */
const STOP_GRACE_MS = 1000;

/** Creates a one-shot recorder; nothing is opened until `start()`. */
export function createRecorder(options: RecorderOptions = {}): Recorder {
  const platform = options.platform ?? browserCapturePlatform();
  const maxSeconds = clampMaxSeconds(options.maxSeconds);
  const blockFrames = options.blockFrames ?? 1024;

  let state: RecorderState = 'idle';
  let context: AudioContext | undefined;
  let stream: MediaStream | undefined;
  let source: MediaStreamAudioSourceNode | undefined;
  let node: AudioWorkletNode | undefined;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new AbortController();
  const chunks: Float32Array[] = [];
  let frames = 0;
  let endedBy: RecordingEnd = 'stopped';
  /** stop() arrived while the microphone was still opening: honoured as soon as capture runs. */
  let stopRequested = false;
  /** The state as it is now (read through a call so TypeScript does not narrow it across awaits). */
  const currentState = (): RecorderState => state;

  let resolveFinished!: (recording: Recording) => void;
  let rejectFinished!: (reason: unknown) => void;
  const finished = new Promise<Recording>((resolve, reject) => {
    resolveFinished = resolve;
    rejectFinished = reject;
  });
  finished.catch(() => undefined); // callers that never await `finished` must not see an unhandled rejection

  /** Releases every resource this recorder holds; idempotent. */
  function release(): void {
    clearTimeout(stopTimer);
    listeners.abort();
    if (node) {
      node.port.onmessage = null;
      node.port.close();
      node.disconnect();
    }
    source?.disconnect();
    stream?.getTracks().forEach((track) => track.stop());
    if (context && context.state !== 'closed') void context.close().catch(() => undefined); // closing is best effort: the context is dropped either way
    node = undefined;
    source = undefined;
    stream = undefined;
    context = undefined;
  }

  function finish(): void {
    if (state === 'finished' || state === 'disposed') return;
    const sampleRateHz = context?.sampleRate ?? 0;
    state = 'finished';
    release();
    const samples = concat(chunks, frames);
    chunks.length = 0;
    resolveFinished({
      samples,
      sampleRateHz,
      durationSeconds: sampleRateHz > 0 ? samples.length / sampleRateHz : 0,
      endedBy,
      ...(endedBy === 'mic-lost' ? { interruption: micLostError(samples.length / Math.max(1, sampleRateHz)) } : {}),
    });
  }

  /** Asks the worklet to flush and end; finishes anyway if it does not answer in time. */
  function requestStop(reason: RecordingEnd): void {
    if (state !== 'recording') return;
    state = 'stopping';
    endedBy = reason;
    const message: ToCaptureProcessor = { type: 'stop' };
    node?.port.postMessage(message);
    stopTimer = setTimeout(finish, STOP_GRACE_MS);
  }

  function onMessage(event: MessageEvent<FromCaptureProcessor>): void {
    const message = event.data;
    if (message.type === 'chunk') {
      chunks.push(message.samples);
      frames += message.samples.length;
      const rate = context?.sampleRate ?? 1;
      options.onSamples?.(message.samples, rate);
      options.onLevel?.({ rms: message.rms, peak: message.peak, elapsedSeconds: message.totalFrames / rate });
    } else {
      if (state === 'recording' && message.reason === 'max-length') endedBy = 'max-length';
      finish();
    }
  }

  async function start(): Promise<void> {
    if (state !== 'idle') throw new Error(`Recorder.start(): already ${state}; a recorder makes one recording.`);
    if (!platform.isSupported()) throw micUnsupportedError();
    state = 'starting';
    try {
      // Created before the permission prompt so it is born inside the click that started recording.
      context = platform.createContext();
      const opened = await platform.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        video: false,
      });
      if (currentState() !== 'starting') {
        opened.getTracks().forEach((track) => track.stop());
        throw new DOMException('The recorder was disposed while the microphone was opening.', 'AbortError');
      }
      stream = opened;
      await context.audioWorklet.addModule(platform.workletUrl);
      if (currentState() !== 'starting') throw new DOMException('The recorder was disposed while starting.', 'AbortError');
      const processorOptions: CaptureProcessorOptions = { maxFrames: Math.round(maxSeconds * context.sampleRate), blockFrames };
      node = platform.createWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        processorOptions,
      });
      node.port.onmessage = onMessage;
      source = context.createMediaStreamSource(stream);
      source.connect(node);
      // The node writes nothing to its output (silence); connecting it makes every browser pull it.
      node.connect(context.destination);
      for (const track of stream.getAudioTracks()) {
        track.addEventListener('ended', () => requestStop('mic-lost'), { signal: listeners.signal });
      }
      state = 'recording';
      if (context.state !== 'running') await context.resume();
      if (stopRequested) requestStop('stopped');
    } catch (error) {
      const wasDisposed = currentState() === 'disposed';
      if (!wasDisposed) state = 'finished';
      release();
      const typed = wasDisposed ? error : captureErrorFrom(error);
      rejectFinished(typed);
      throw typed;
    }
  }

  return {
    start,
    stop() {
      if (state === 'starting') stopRequested = true;
      requestStop('stopped');
      if (state === 'idle') {
        state = 'finished';
        rejectFinished(new DOMException('stop() before start(): nothing was recorded.', 'AbortError'));
      }
      return finished;
    },
    finished,
    get state() {
      return state;
    },
    dispose() {
      if (state === 'disposed') return;
      const wasFinished = state === 'finished';
      state = 'disposed';
      release();
      if (!wasFinished) rejectFinished(new DOMException('The recording was discarded.', 'AbortError'));
    },
  };
}

/** The maximum length to use: the default when unset or not a number, else clamped to 0.5…30 s. */
export function clampMaxSeconds(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_MAX_RECORDING_SECONDS;
  return Math.min(MAX_RECORDING_SECONDS_LIMIT, Math.max(0.5, value));
}

function concat(chunks: Float32Array[], length: number): Float32Array {
  const out = new Float32Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
