/**
 * The log-mel spectrogram of the speech, drawn from our own features (one canvas pixel per frame and
 * band, scaled by CSS), with the path that computed it (WebGPU or CPU) and why.
 */
import { useEffect, useRef } from 'react';
import { DEFAULT_FEATURE_CONFIG, type LogMel } from '../dsp';
import { melReasonText, type RecorderStrings } from '../lessons/strings/recorder';
import { fill } from '../lessons/strings/pwa';
import { formatNumber, formatSeconds } from '../lessons/strings/format';
import type { TipLanguage } from '../lessons/tips';
import type { RecordingFeatures } from '../store';
import { logMelToRgba } from './logMelImage';

const HOP_SECONDS = DEFAULT_FEATURE_CONFIG.hopLengthSamples / DEFAULT_FEATURE_CONFIG.sampleRateHz;

function SpectrogramImage({ logMel, label }: { logMel: LogMel; label: string }) {
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
      aria-label={label}
    />
  );
}

/** "Computed on the GPU: WebGPU on swiftshader." — the extractor's reason, without a repeated "CPU:" prefix. */
export function pathSentence(path: 'webgpu' | 'cpu', reason: string, computedOn = 'Computed on the {path}'): string {
  const detail = reason.replace(/^CPU:\s*/, '').replace(/[.\s]+$/, '');
  return `${computedOn.replace('{path}', path === 'webgpu' ? 'GPU' : 'CPU')}${detail ? `: ${detail}` : ''}.`;
}

export function LogMelView({ features, strings, language }: { features: RecordingFeatures; strings: Pick<RecorderStrings, 'computedOn' | 'checkedAgainstCpu' | 'spectrogramLabel'>; language: TipLanguage }) {
  const { logMel, melPath, cpuCheck } = features;
  const seconds = formatSeconds(logMel.frames * HOP_SECONDS, language, 2);
  const pathName = melPath.path === 'webgpu' ? 'WebGPU' : 'CPU';
  return (
    <figure className="spectrogram">
      <SpectrogramImage logMel={logMel} label={fill(strings.spectrogramLabel, { frames: formatNumber(logMel.frames, language), bands: String(logMel.bands) })} />
      <div className="spectrogram__axis muted" aria-hidden="true">
        <span>0 s</span>
        <span>{seconds}</span>
      </div>
      <figcaption className="spectrogram__caption">
        <span className={`badge badge--${melPath.path}`} data-testid="mel-path">
          {pathName}
        </span>{' '}
        <span data-testid="mel-reason">{pathSentence(melPath.path, melReasonText(melPath.reason, language), strings.computedOn)}</span>
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
