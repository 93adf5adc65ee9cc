/**
 * The recording's waveform with play/pause, drawn by wavesurfer.js. This component is the one owner
 * of the WaveSurfer instance, its event subscriptions and the WAV blob URL it plays: all are created
 * in one effect from the samples and released in that effect's cleanup.
 */
import { fill } from '../lessons/strings/pwa';
import { formatNumber } from '../lessons/strings/format';
import type { TipLanguage } from '../lessons/tips';
import type { RecorderStrings } from '../lessons/strings/recorder';
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { encodeWav } from '../audio';
import { waveformPeaks } from './waveformPeaks';

export interface WaveformPlayerProps {
  /** Labels in the learner's language. */
  readonly strings: Pick<RecorderStrings, 'waveformLabel' | 'play' | 'pause' | 'playFailed' | 'recorded'>;
  readonly samples: Float32Array;
  /** The UI language, for the figures. */
  readonly language: TipLanguage;
  readonly sampleRateHz: number;
}

type PlayerState = 'loading' | 'paused' | 'playing' | 'failed';

export function WaveformPlayer({ samples, sampleRateHz, strings, language }: WaveformPlayerProps) {
  const container = useRef<HTMLDivElement>(null);
  const player = useRef<WaveSurfer | null>(null);
  const [state, setState] = useState<PlayerState>('loading');
  const durationSeconds = samples.length / sampleRateHz;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    setState('loading');
    const url = URL.createObjectURL(new Blob([encodeWav(samples, sampleRateHz)], { type: 'audio/wav' }));
    const styles = getComputedStyle(element);
    const ws = WaveSurfer.create({
      container: element,
      url,
      peaks: [waveformPeaks(samples)],
      duration: samples.length / sampleRateHz,
      height: 72,
      waveColor: styles.getPropertyValue('--wave').trim() || '#9db4c0',
      progressColor: styles.getPropertyValue('--wave-progress').trim() || '#2f6f8f',
      cursorColor: styles.getPropertyValue('--ink').trim() || '#1d2a33',
      cursorWidth: 2,
      normalize: true,
      dragToSeek: true,
    });
    player.current = ws;
    const unsubscribe = [
      ws.on('ready', () => setState('paused')),
      ws.on('play', () => setState('playing')),
      ws.on('pause', () => setState('paused')),
      ws.on('finish', () => setState('paused')),
      ws.on('error', () => setState('failed')),
    ];
    return () => {
      unsubscribe.forEach((off) => off());
      ws.destroy();
      URL.revokeObjectURL(url);
      player.current = null;
    };
  }, [samples, sampleRateHz]);

  const playing = state === 'playing';
  return (
    <div className="waveform" data-player-state={state}>
      <div ref={container} className="waveform__canvas" role="img" aria-label={fill(strings.waveformLabel, { seconds: formatNumber(durationSeconds, language, 1) })} />
      <div className="waveform__controls">
        <button
          type="button"
          className="button button--secondary"
          disabled={state === 'loading' || state === 'failed'}
          aria-pressed={playing}
          onClick={() => void player.current?.playPause().catch(() => setState('failed'))}
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? strings.pause : strings.play}
        </button>
        <span className="muted">{state === 'failed' ? strings.playFailed : fill(strings.recorded, { seconds: formatNumber(durationSeconds, language, 1) })}</span>
      </div>
    </div>
  );
}
