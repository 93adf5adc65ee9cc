/**
 * Features of one example through src/dsp (the only implementation): resample to 16 kHz, log-mel,
 * and frame labels by the centre rule of docs/CONTRACTS.md (the phone whose interval holds the frame's
 * centre; silence where none does).
 */
import { frameCentreSeconds, logMelSpectrogram, resampleTo16k, type LogMel } from '../../src/dsp/index';
import { phoneIndex, SIL_INDEX } from '../../src/model/phones';
import type { PhoneSpan } from './phoneMap';

/** Phone index per frame: the span containing the frame centre, SIL where none does. */
export function frameLabels(phones: readonly PhoneSpan[], frames: number): Uint8Array {
  const labels = new Uint8Array(frames).fill(SIL_INDEX);
  let k = 0;
  for (let i = 0; i < frames; i++) {
    const t = frameCentreSeconds(i);
    while (k < phones.length && phones[k].end <= t) k++;
    if (k < phones.length && phones[k].start <= t) labels[i] = phoneIndex(phones[k].phone);
  }
  return labels;
}

/** Log-mel frames and their labels for samples at any rate. */
export function computeFeatures(samples: Float32Array, rateHz: number, phones: readonly PhoneSpan[]): { logMel: LogMel; labels: Uint8Array; samples16k: Float32Array } {
  const samples16k = resampleTo16k(samples, rateHz);
  const logMel = logMelSpectrogram(samples16k);
  return { logMel, labels: frameLabels(phones, logMel.frames), samples16k };
}
