/**
 * The browser pieces the recorder needs, behind one small interface so unit tests can pass fakes.
 */
import captureWorkletUrl from './captureProcessor.worklet.ts?worker&url';

export interface CapturePlatform {
  /** True when this page can capture: getUserMedia and AudioWorklet exist (secure contexts only). */
  isSupported(): boolean;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createContext(): AudioContext;
  createWorkletNode(context: AudioContext, name: string, options: AudioWorkletNodeOptions): AudioWorkletNode;
  /** URL of the bundled capture processor module. */
  readonly workletUrl: string;
}

/** The real browser: `navigator.mediaDevices`, `AudioContext`, `AudioWorkletNode`. */
export function browserCapturePlatform(): CapturePlatform {
  return {
    isSupported: () =>
      typeof navigator !== 'undefined' &&
      typeof navigator.mediaDevices?.getUserMedia === 'function' &&
      typeof AudioContext !== 'undefined' &&
      typeof AudioWorkletNode !== 'undefined',
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    createContext: () => new AudioContext({ latencyHint: 'interactive' }),
    createWorkletNode: (context, name, options) => new AudioWorkletNode(context, name, options),
    workletUrl: captureWorkletUrl,
  };
}
