/**
 * Playback for the practice screen, one owner per screen (`createPlayback` … `dispose`):
 * - whole clips through an <audio> element, so slow playback (rate 0.6) keeps its pitch where the
 *   browser can (`preservesPitch`, on by default in Chromium and Firefox);
 * - slices (a tapped phone) through Web Audio, which starts and stops on the sample: the learner's
 *   slice, then the native one.
 * Starting anything stops what was playing.
 */
import { encodeWav } from '../audio';

export interface Clip {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

export interface Playback {
  /** Plays URLs (or clips) one after another at `rate`. */
  play(items: readonly (string | Clip)[], rate?: number): Promise<void>;
  /** Plays [start, end) seconds of each clip in turn. */
  playSlices(slices: readonly { clip: Clip; start: number; end: number }[]): Promise<void>;
  stop(): void;
  dispose(): void;
}

export function createPlayback(): Playback {
  const audio = new Audio();
  audio.preservesPitch = true;
  let context: AudioContext | null = null;
  let source: AudioBufferSourceNode | null = null;
  const urls = new Map<Clip, string>();
  let token = 0;

  const urlOf = (item: string | Clip) => {
    if (typeof item === 'string') return item;
    let url = urls.get(item);
    if (!url) {
      url = URL.createObjectURL(new Blob([encodeWav(item.samples, item.sampleRateHz)], { type: 'audio/wav' }));
      urls.set(item, url);
    }
    return url;
  };

  function stop() {
    token++;
    audio.pause();
    try {
      source?.stop();
    } catch {
      // already stopped
    }
    source = null;
  }

  async function playOne(url: string, rate: number, mine: number): Promise<void> {
    if (mine !== token) return;
    audio.src = url;
    audio.playbackRate = rate;
    audio.preservesPitch = true;
    await new Promise<void>((resolve) => {
      const done = () => {
        audio.removeEventListener('ended', done);
        audio.removeEventListener('error', done);
        audio.removeEventListener('pause', done);
        resolve();
      };
      audio.addEventListener('ended', done);
      audio.addEventListener('error', done);
      audio.addEventListener('pause', done);
      audio.play().catch(done);
    });
  }

  return {
    async play(items, rate = 1) {
      stop();
      const mine = token;
      for (const item of items) await playOne(urlOf(item), rate, mine);
    },
    async playSlices(slices) {
      stop();
      const mine = token;
      context ??= new AudioContext();
      if (context.state === 'suspended') await context.resume();
      for (const { clip, start, end } of slices) {
        if (mine !== token) return;
        const from = Math.max(0, Math.floor(start * clip.sampleRateHz));
        const to = Math.min(clip.samples.length, Math.ceil(end * clip.sampleRateHz));
        if (to <= from) continue;
        const buffer = context.createBuffer(1, to - from, clip.sampleRateHz);
        buffer.copyToChannel(clip.samples.slice(from, to), 0);
        const node = context.createBufferSource();
        node.buffer = buffer;
        node.connect(context.destination);
        source = node;
        await new Promise<void>((resolve) => {
          node.onended = () => resolve();
          node.start();
        });
      }
    },
    stop,
    dispose() {
      stop();
      audio.removeAttribute('src');
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
      void context?.close();
      context = null;
    },
  };
}
