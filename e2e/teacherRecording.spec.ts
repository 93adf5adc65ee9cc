/**
 * A teacher records their rendition of the current lesson item with the microphone (the fake one,
 * playing espeak's "three trees"), plays it back and deletes it; the recording is stored in IndexedDB.
 */
import { expect, test as base, type Browser } from '@playwright/test';
import { withMicBrowser } from './support/practiceBrowser';
import { makeSpeechFixture } from './support/speechFixture';
import { TeacherVoicePage } from './support/TeacherVoicePage';

// The fake microphone's file may already be playing when recording starts on a slow machine: the
// phrase is said several times, so speech follows whenever capture begins, then 3 s of silence.
const test = base.extend<{ micBrowser: Browser }>({
  micBrowser: async ({ playwright, launchOptions }, use) =>
    withMicBrowser(playwright, launchOptions, 'sotaque-teacher-rec-', (dir) => makeSpeechFixture(dir, 'three trees. three trees. three trees. three trees. three trees.', 1.0, 3.0).path, use),
});

test('records a rendition of the current item, lists it, and deletes it', async ({ micBrowser, baseURL }) => {
  const context = await micBrowser.newContext({ baseURL, viewport: { width: 360, height: 640 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const teacher = new TeacherVoicePage(page);
    await teacher.open();
    const record = page.getByRole('button', { name: 'Record my rendition' });
    await record.click();
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    await expect(stop).toBeVisible();
    // Stop once the fixture's speech has been heard (the meter rises) and has ended (it falls back).
    const level = async () => Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow'));
    await expect.poll(level, { timeout: 15_000 }).toBeGreaterThan(30);
    await expect.poll(level, { timeout: 15_000 }).toBeLessThan(10);
    await stop.click();
    const list = page.getByTestId('teacher-ref-list');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(teacher.count).toHaveText('1');
    await expect(page.getByRole('button', { name: 'Play Recording 1' })).toBeEnabled();
    await page.getByRole('button', { name: 'Delete Recording 1' }).click();
    await expect(page.getByText('No recordings of this item yet.')).toBeVisible();
    await expect(teacher.count).toHaveText('0');
  } finally {
    await context.close();
  }
});
