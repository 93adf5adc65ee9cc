/**
 * Records espeak-ng speech through the real UI (fake microphone) and checks the data end to end:
 * capture fidelity, features that see the speech, and WebGPU = CPU within the contract.
 */
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram, resampleTo16k, type LogMel } from '../src/dsp';
import { expect, test } from './fixtures';
import { compareLogMel, correlationPeak, frameMeans, levelDbAt } from './support/signal';

const RATE = DEFAULT_FEATURE_CONFIG.sampleRateHz;
const HOP = DEFAULT_FEATURE_CONFIG.hopLengthSamples;
const FRAME = DEFAULT_FEATURE_CONFIG.frameLengthSamples;
/** docs/CONTRACTS.md: GPU vs CPU is compared over cells whose CPU value is above ln(1e-6) + 1. */
const FLOOR = Math.log(DEFAULT_FEATURE_CONFIG.logOffset) + 1;

test('a recording of speech matches the microphone, its spectrogram sees the speech, and WebGPU equals the CPU', async ({ recorder, speech }) => {
  await recorder.open({ selfCheck: '1', mel: 'webgpu' });
  await expect(recorder.status).toContainText('Press Record');
  await recorder.startRecording();
  await expect(recorder.stopButton).toBeVisible();
  await expect(recorder.status).toContainText('Recording');
  await expect(recorder.levelMeter).toBeVisible();
  await recorder.stopAfter(speech.durationSeconds + 0.3);
  expect(await recorder.waitUntilSettled()).toBe('done');
  await expect(recorder.status).toContainText('Done');
  await expect(recorder.waveform).toBeVisible();
  await expect(recorder.spectrogram).toBeVisible();

  const data = await recorder.data();
  expect(data.recording).not.toBeNull();
  const recording = data.recording!;
  expect(recording.endedBy).toBe('stopped');

  // 1. The capture is the file: normalised cross-correlation at 16 kHz.
  const reference16k = resampleTo16k(speech.samples, speech.sampleRateHz);
  const recorded16k = resampleTo16k(recording.samples, recording.sampleRateHz);
  const { peak, lag } = correlationPeak(reference16k, recorded16k);
  test.info().annotations.push({ type: 'correlation', description: `${peak.toFixed(4)} at lag ${(lag / RATE).toFixed(3)} s (capture rate ${recording.sampleRateHz} Hz)` });
  expect(peak).toBeGreaterThanOrEqual(0.9);
  // The page's own 16 kHz samples are the same resampling of the same recording.
  expect(data.samples16k!.length).toBe(recorded16k.length);

  // 2. Speech frames carry more mel energy than silence frames. Frames are classified by the
  //    fixture's own level at the matching time (the correlation lag maps recording → file).
  const full = logMelSpectrogram(data.samples16k!);
  const means = frameMeans(full);
  const speechFrames: number[] = [];
  const silenceFrames: number[] = [];
  let filePeakDb = -120;
  for (let t = 0; t < reference16k.length / RATE; t += 0.01) filePeakDb = Math.max(filePeakDb, levelDbAt(reference16k, RATE, t));
  for (let f = 0; f < full.frames; f++) {
    const fileSeconds = (f * HOP + FRAME / 2 - lag) / RATE;
    if (fileSeconds < 0 || fileSeconds > reference16k.length / RATE) continue;
    const level = levelDbAt(reference16k, RATE, fileSeconds);
    if (level > filePeakDb - 20) speechFrames.push(means[f]);
    else if (level < -90) silenceFrames.push(means[f]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(speechFrames.length).toBeGreaterThan(20);
  expect(silenceFrames.length).toBeGreaterThan(20);
  test.info().annotations.push({ type: 'mel energy', description: `speech ${mean(speechFrames).toFixed(2)}, silence ${mean(silenceFrames).toFixed(2)} (mean ln mel energy)` });
  expect(mean(speechFrames)).toBeGreaterThan(mean(silenceFrames) + 5);

  // 3. The trimmed span the app analyses holds all of the speech (where the file is within 35 dB of its peak).
  let firstLoud = Number.POSITIVE_INFINITY;
  let lastLoud = 0;
  for (let t = 0; t < reference16k.length / RATE; t += 0.005) {
    if (levelDbAt(reference16k, RATE, t) > filePeakDb - 35) {
      firstLoud = Math.min(firstLoud, t);
      lastLoud = t;
    }
  }
  const span = data.speech!;
  test.info().annotations.push({ type: 'speech span', description: `app ${(span.start / RATE).toFixed(3)}–${(span.end / RATE).toFixed(3)} s; file's loud part ${((firstLoud * RATE + lag) / RATE).toFixed(3)}–${((lastLoud * RATE + lag) / RATE).toFixed(3)} s` });
  expect(span.start).toBeLessThanOrEqual(firstLoud * RATE + lag);
  expect(span.end).toBeGreaterThanOrEqual(lastLoud * RATE + lag);

  // 4. The displayed spectrogram came from WebGPU and equals the CPU path within the contract.
  expect(`${data.melPath?.path}: ${data.melPath?.reason}`, 'the spectrogram should come from WebGPU').toMatch(/^webgpu: /);
  await expect(recorder.melPath).toHaveText('WebGPU');
  await expect(recorder.melReason).toContainText('Computed on the GPU');
  const gpu = data.logMel as LogMel;
  const cpu = data.cpuLogMel as LogMel;
  expect(cpu).not.toBeNull();
  const speechSamples = data.samples16k!.subarray(span.start, span.end);
  expect(gpu.frames).toBe(1 + Math.floor((speechSamples.length - FRAME) / HOP));
  expect(gpu.bands).toBe(DEFAULT_FEATURE_CONFIG.melBands);
  const gpuVsCpu = compareLogMel(gpu, cpu, FLOOR);
  test.info().annotations.push({ type: 'gpu vs cpu', description: `max ${gpuVsCpu.maxAbs.toExponential(2)}, p99 ${gpuVsCpu.p99.toExponential(2)} over ${gpuVsCpu.cells} cells` });
  expect(gpuVsCpu.cells).toBeGreaterThan(1000);
  expect(gpuVsCpu.maxAbs).toBeLessThan(1e-2);
  expect(gpuVsCpu.p99).toBeLessThan(1e-3);
  // The page's CPU path is the src/dsp reference (same code, another JavaScript engine build).
  const nodeCpu = compareLogMel(cpu, logMelSpectrogram(speechSamples), FLOOR);
  expect(nodeCpu.maxAbs).toBeLessThan(1e-3);

  // 5. Playback works.
  await expect(recorder.playButton).toBeEnabled();
  await recorder.playButton.click();
  const pause = recorder.page.getByRole('button', { name: 'Pause' });
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await pause.click();
  await expect(recorder.page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
});
