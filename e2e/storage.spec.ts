/**
 * A full device: two attempts are stored; then (browser restarted, as after a while) Chromium's quota
 * for the origin is shrunk with CDP `Storage.overrideQuotaForOrigin` to what is already used. The next
 * recording cannot be stored: the learner is told so and what to do, the two earlier attempts are
 * still in IndexedDB untouched, the new recording downloads as WAV, and once there is room again
 * "Try saving again" stores it.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContextOptions } from '@playwright/test';
import { PracticePage } from './support/PracticePage';
import { threeProfile, waitForServiceWorker } from './support/pwa';

/** The remembered answer to `navigator.storage.persist()` (read with the raw IndexedDB API). */
async function persistenceSetting(practice: PracticePage): Promise<unknown> {
  return practice.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('sotaque');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const get = request.result.transaction('settings').objectStore('settings').get('storage.persisted');
          get.onsuccess = () => {
            resolve(get.result?.value ?? null);
            request.result.close();
          };
        };
      }),
  );
}

test('a recording that does not fit fails cleanly, loses nothing stored before, and can be downloaded or saved later', async ({ playwright, launchOptions, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const options: BrowserContextOptions = { baseURL, viewport: { width: 360, height: 640 }, locale: 'en-US', acceptDownloads: true };
  const profile = threeProfile(playwright, launchOptions);
  try {
    // Two attempts of 2 s (the first says "three", then the fake microphone is silent: still stored).
    let context = await profile.launch(options);
    let practice = new PracticePage(context.pages()[0] ?? (await context.newPage()));
    await practice.open({ maxSeconds: '2' });
    await waitForServiceWorker(practice.page);
    await expect(practice.page.getByTestId('storage-usage')).toContainText('Storage used on this device');
    for (let i = 0; i < 2; i++) {
      await practice.recordButton().click();
      await practice.waitUntilSettled();
    }
    const before = await practice.storedAttempts();
    expect(before).toHaveLength(2);
    expect(before.every((a) => (a.audioBytes ?? 0) > 44)).toBe(true);
    // Persistent storage was asked for at the first saved attempt, and the answer remembered.
    expect(await persistenceSetting(practice)).toMatchObject({ persisted: expect.any(Boolean), askedAt: expect.any(Number) });
    await context.close();

    // Later the device is full: the quota is what is used, plus less than a recording needs.
    context = await profile.launch(options);
    const blank = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(blank);
    const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 16_000 });
    expect(await cdp.send('Storage.getUsageAndQuota', { origin })).toMatchObject({ overrideActive: true, quota: usage + 16_000 });
    practice = new PracticePage(blank);
    const { page } = practice;
    await practice.open({ maxSeconds: '2' });
    expect(await practice.storedAttempts()).toEqual(before);

    await practice.recordButton().click();
    await practice.waitUntilSettled();
    const data = await practice.data();
    expect(data.notice).toBe('STORAGE_FULL');
    expect(data.attemptId).toBeNull();
    const alert = page.locator('[data-problem="STORAGE_FULL"]');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Your earlier recordings are safe');
    await expect(alert).toContainText('delete old attempts');
    // Accessible at phone size: no axe violations in the notice, its actions reachable by keyboard.
    expect((await new AxeBuilder({ page }).include('[data-problem="STORAGE_FULL"]').analyze()).violations).toEqual([]);
    await alert.getByRole('button', { name: 'Try saving again' }).focus();
    await page.keyboard.press('Tab');
    await expect(alert.getByRole('link', { name: 'Download this recording (WAV)' })).toBeFocused();

    // Nothing stored before was lost or changed, nothing half-stored was left.
    expect(await practice.storedAttempts()).toEqual(before);

    // The recording kept in memory downloads as a WAV.
    const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('link', { name: 'Download this recording (WAV)' }).click()]);
    expect(download.suggestedFilename()).toBe('sotaque-th-w-three.wav');
    const wav = readFileSync((await download.path())!);
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(wav.length).toBeGreaterThan(44 + 2 * 16_000);

    // Room again (the learner deleted old attempts): "Try saving again" stores it.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await alert.getByRole('button', { name: 'Try saving again' }).click();
    await expect(page.locator('[data-problem="SAVED"]')).toBeVisible();
    const after = await practice.storedAttempts();
    expect(after).toHaveLength(3);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toMatchObject({ itemId: 'th-w-three', audioType: 'audio/wav', audioBytes: wav.length });
    await context.close();
  } finally {
    profile.dispose();
  }
});
