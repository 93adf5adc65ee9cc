/**
 * The log-mel spectrogram of the speech, drawn from our own features (one canvas pixel per frame and
 * band, scaled by CSS), with the path that computed it (WebGPU or CPU) and why.
 */
import { useEffect, useRef } from 'react';
import { DEFAULT_FEATURE_CONFIG, type LogMel } from '../dsp';
import type { RecorderStrings } from '../lessons/strings/recorder';
import type { RecordingFeatures } from '../store';
import { logMelToRgba } from './logMelImage';

const HOP_SECONDS = DEFAULT_FEATURE_CONFIG.hopLengthSamples / DEFAULT_FEATURE_CONFIG.sampleRateHz;

function SpectrogramImage({ logMel }: { logMel: LogMel }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || logMel.frames === 0) return;
    element.width = logMel.frames;
    element.height = logMel.bands;
    context.putImageData(new ImageData(logMelToRgba(logMel), logMel.frames, logMel.bands), 0, 0);
  }, [logMel]);
  return (
    <canvas
      ref={canvas}
      className="spectrogram__canvas"
      role="img"
      aria-label={`Log-mel spectrogram of your speech: ${logMel.frames} frames of 10 ms, ${logMel.bands} mel bands, low pitches at the bottom`}
    />
  );
}

/** "Computed on the GPU: WebGPU on swiftshader." — the extractor's reason, without a repeated "CPU:" prefix. */
export function pathSentence(path: 'webgpu' | 'cpu', reason: string, computedOn = 'Computed on the {path}'): string {
  const detail = reason.replace(/^CPU:\s*/, '').replace(/[.\s]+$/, '');
  return `${computedOn.replace('{path}', path === 'webgpu' ? 'GPU' : 'CPU')}${detail ? `: ${detail}` : ''}.`;
}

export function LogMelView({ features, strings }: { features: RecordingFeatures; strings: Pick<RecorderStrings, 'computedOn' | 'checkedAgainstCpu'> }) {
  const { logMel, melPath, cpuCheck } = features;
  const seconds = (logMel.frames * HOP_SECONDS).toFixed(2);
  const pathName = melPath.path === 'webgpu' ? 'WebGPU' : 'CPU';
  return (
    <figure className="spectrogram">
      <SpectrogramImage logMel={logMel} />
      <div className="spectrogram__axis muted" aria-hidden="true">
        <span>0 s</span>
        <span>{seconds} s</span>
      </div>
      <figcaption className="spectrogram__caption">
        <span className={`badge badge--${melPath.path}`} data-testid="mel-path">
          {pathName}
        </span>{' '}
        <span data-testid="mel-reason">{pathSentence(melPath.path, melPath.reason, strings.computedOn)}</span>
        {cpuCheck ? (
          <span className="muted" data-testid="mel-self-check">
            {' '}
            {strings.checkedAgainstCpu} <span className="nowrap">{cpuCheck.maxAbsDiff.toExponential(1)}</span>.
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
