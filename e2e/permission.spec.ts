/** The app explains itself when the microphone permission is refused (prompts are denied). */
import { expect, test } from './fixtures';

test.use({ micPermission: 'denied' });

test('a refused microphone permission is explained, and recording can be tried again', async ({ recorder }) => {
  await recorder.open();
  await recorder.startRecording();
  await expect(recorder.problem).toBeVisible();
  await expect(recorder.problem).toContainText('Microphone permission needed');
  await expect(recorder.problem).toContainText(/allow microphone access/i);
  await expect(recorder.status).toContainText('could not be used');
  expect((await recorder.data()).problem).toBe('MIC_DENIED');
  await expect(recorder.recordButton).toBeEnabled();
});
