import { CodedError } from '../dsp/codedError';

/** Codes of the audio layer's typed errors (capture and WAV I/O). */
export type AudioErrorCode =
  /** The browser or the user refused microphone access. */
  | 'MIC_DENIED'
  /** No audio input device exists. */
  | 'NO_MIC'
  /** The input device disappeared while recording (unplugged, disabled, taken by the system). */
  | 'MIC_LOST'
  /** The device exists but could not be opened (another app holds it, a hardware fault). */
  | 'MIC_BUSY'
  /** No getUserMedia or AudioWorklet here (an old browser, or a page not served over https). */
  | 'MIC_UNSUPPORTED'
  /** Capture failed for a reason not covered above. */
  | 'CAPTURE_FAILED'
  /** The bytes are not a RIFF/WAVE file, or the file is truncated or inconsistent. */
  | 'WAV_INVALID'
  /** A well-formed WAV file in an encoding we do not read (e.g. compressed, 12-bit). */
  | 'WAV_UNSUPPORTED';

/** An audio error the learner or the caller can act on: what happened, what was found, what to do. */
export class AudioError extends CodedError<AudioErrorCode> {
  override readonly name = 'AudioError';
}
