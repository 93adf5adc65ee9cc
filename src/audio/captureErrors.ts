/**
 * Turns what getUserMedia and the Web Audio API throw into `AudioError`s whose messages tell the
 * learner what happened and what to do. DOMException names per the Media Capture spec, plus the
 * legacy Chrome names.
 */
import { AudioError } from './errors';

/** `MIC_UNSUPPORTED`: no getUserMedia or AudioWorklet (old browser, or not https). */
export function micUnsupportedError(): AudioError {
  const insecure = typeof window !== 'undefined' && window.isSecureContext === false;
  return new AudioError(
    'MIC_UNSUPPORTED',
    insecure
      ? 'This page cannot use the microphone because it was not opened over a secure connection. Open Sotaque from its https:// address (or localhost).'
      : 'This browser cannot record audio here (no microphone access or AudioWorklet). Use a recent Chrome, Edge, Firefox or Safari.',
    { secureContext: !insecure },
  );
}

/** `MIC_LOST`: the input device went away mid-recording; what was recorded is kept. */
export function micLostError(keptSeconds: number): AudioError {
  return new AudioError(
    'MIC_LOST',
    `The microphone stopped while recording (was it unplugged or switched off?). The first ${keptSeconds.toFixed(1)} s were kept. Reconnect the microphone to record again.`,
    { keptSeconds },
  );
}

/** Maps an error from opening the microphone or the audio graph to an `AudioError`. */
export function captureErrorFrom(error: unknown): AudioError {
  if (error instanceof AudioError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new AudioError(
        'MIC_DENIED',
        'Sotaque is not allowed to use the microphone. Allow microphone access for this site (the microphone or lock icon by the address, or the browser’s site settings), then press Record again.',
        { name, detail },
      );
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new AudioError('NO_MIC', 'No microphone was found. Connect or switch on a microphone (a headset works well), then press Record again.', { name, detail });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new AudioError(
        'MIC_BUSY',
        'The microphone could not be opened; another app or tab may be using it. Close it there (or restart the browser), then press Record again.',
        { name, detail },
      );
    default:
      return new AudioError('CAPTURE_FAILED', `Recording could not start (${name || 'error'}: ${detail}). Reload the page and try again.`, { name, detail });
  }
}
