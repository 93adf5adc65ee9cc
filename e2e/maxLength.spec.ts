/** With a maximum length (`?maxSeconds=2`), recording stops by itself and keeps the audio. */
import { expect, test } from './fixtures';

test('recording stops by itself at the maximum length and keeps what was recorded', async ({ recorder }) => {
  await recorder.open({ maxSeconds: '2' });
  await expect(recorder.page.getByText('Up to 2 s per recording')).toBeVisible();
  await recorder.startRecording();
  await expect(recorder.stopButton).toBeVisible();
  // Nobody presses Stop.
  expect(await recorder.waitUntilSettled()).toBe('done');
  await expect(recorder.recordButton).toBeEnabled();
  await expect(recorder.elapsed).toHaveText('0:02.0');

  const data = await recorder.data();
  expect(data.maxSeconds).toBe(2);
  expect(data.recording?.endedBy).toBe('max-length');
  expect(data.recording?.samples.length).toBe(Math.round(2 * data.recording!.sampleRateHz));
  // What was kept is the speech the microphone played, analysed like any other recording.
  expect(data.speech!.end).toBeGreaterThan(data.speech!.start);
  await expect(recorder.waveform).toBeVisible();
  await expect(recorder.spectrogram).toBeVisible();
});
