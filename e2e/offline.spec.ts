/**
 * Installable and offline: the manifest is linked and complete, the service worker precaches the
 * whole app (shell, tfjs wasm, model, native references) and controls the page; then, with the
 * network off, a reload still opens the app, the native reference plays from the cache, and a
 * recording from the fake microphone is judged, with its result and spectrogram overlay.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser } from '@playwright/test';
import { PracticePage } from './support/PracticePage';
import { MEDIA_LOG_SCRIPT, playNative, precachedPaths, waitForServiceWorker, withThreeBrowser } from './support/pwa';

const test = base.extend<{ practice: PracticePage }, { threeBrowser: Browser }>({
  threeBrowser: [async ({ playwright, launchOptions }, use) => withThreeBrowser(playwright, launchOptions, use), { scope: 'worker' }],
  practice: async ({ threeBrowser, baseURL }, use) => {
    const context = await threeBrowser.newContext({ baseURL, viewport: { width: 360, height: 640 }, locale: 'en-US' });
    await context.addInitScript(MEDIA_LOG_SCRIPT);
    try {
      await use(new PracticePage(await context.newPage()));
    } finally {
      await context.close();
    }
  },
});

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

test('installs, then practises offline: reload, native from the cache, record, result and overlay', async ({ practice }) => {
  const { page } = practice;
  await practice.open();

  // Installable: a manifest with what Chromium asks for, its icons served as PNGs of their size.
  const manifestUrl = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? null);
  expect(manifestUrl).not.toBeNull();
  const manifest = (await (await page.request.get(manifestUrl!)).json()) as { name: string; short_name: string; start_url: string; scope: string; display: string; theme_color: string; icons: ManifestIcon[] };
  expect(manifest).toMatchObject({ name: 'Sotaque', short_name: 'Sotaque', start_url: '/', scope: '/', display: 'standalone', theme_color: '#f4f6f5' });
  for (const size of ['192x192', '512x512']) expect(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png' && (i.purpose ?? 'any').includes('any'))).toBe(true);
  expect(manifest.icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
  for (const icon of manifest.icons) {
    const png = await (await page.request.get(icon.src)).body();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const [w, h] = icon.sizes.split('x').map(Number);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
  }

  // The service worker controls the page, with everything precached.
  const worker = await waitForServiceWorker(page);
  expect(worker.scope).toMatch(/\/$/);
  const cached = await precachedPaths(page);
  for (const path of ['/index.html', '/models/phones/model.json', '/models/phones/weights.bin', '/models/phones/metadata.json', '/models/phones/calibration.json', '/models/sphinx/metadata.json', '/models/sphinx/model.bin', '/references/index.json', '/references/slt/three.opus', '/references/kal/three.opus', '/tfjs/tfjs-backend-wasm-simd.wasm']) {
    expect(cached).toContain(path);
  }
  expect(cached.filter((p) => p.startsWith('/assets/') && p.endsWith('.js')).length).toBeGreaterThan(0);

  // Offline from here on.
  await page.context().setOffline(true);
  await page.reload();
  await expect(practice.main).toHaveAttribute('data-screen', 'practice');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // Pick the item (another one first, so the choice is a real change), hear the native speaker.
  const items = await practice.item.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await practice.item.selectOption(items.find((v) => v !== 'th-w-three')!);
  await practice.item.selectOption('th-w-three');
  await expect(practice.itemPhones).toHaveAttribute('data-phones', 'TH R IY');
  const played = await playNative(page);
  expect(new URL(played.src).pathname).toBe('/references/slt/three.opus');

  // Record with the fake microphone; the model and references come from the cache.
  await practice.recordButton().click();
  expect(await practice.waitUntilSettled()).toBe('done');
  const data = await practice.data();
  expect(data.engine).toBe('ready');
  const phones = data.result!.words.flatMap((w) => w.phones).filter((p) => p.verdict !== 'inserted');
  expect(phones.map((p) => p.phone)).toEqual(['TH', 'R', 'IY']);
  await expect(practice.phones.first()).toBeVisible();
  expect(data.overlay?.frames).toBeGreaterThan(0);
  expect(data.overlay?.nativePhones).toEqual(['TH', 'R', 'IY']);
  await expect(practice.overlay).toBeVisible();
  // Stored on the device as well.
  const stored = (await practice.storedAttempts()).find((a) => a.id === data.attemptId);
  expect(stored).toMatchObject({ itemId: 'th-w-three', status: 'assessed', audioType: 'audio/wav' });
});

test('a new version is announced — Later keeps this one, Reload switches to it', async ({ practice }) => {
  const { page } = practice;
  await practice.open();
  await waitForServiceWorker(page);
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? null);

  // Deploy a new version: the served build folder (playwright.config.ts) gets a different service worker.
  const swPath = join(process.env.E2E_OUT ?? 'dist', 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  writeFileSync(swPath, `${original}\n// next version\n`);
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toContainText('A new version of Sotaque is ready.', { timeout: 120_000 });
    expect((await new AxeBuilder({ page }).include('[data-testid="update-prompt"]').analyze()).violations).toEqual([]);
    // It waits for the learner: the running version still controls the page.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);

    await prompt.getByRole('button', { name: 'Later' }).click();
    await expect(prompt).toHaveCount(0);
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);

    // The next check finds the same waiting version and asks again; this time: Reload.
    await page.reload();
    await expect(prompt).toBeVisible({ timeout: 120_000 });
    // As a learner would: once the app has loaded (Chromium may not activate a worker told to skip
    // waiting while the running one is restarted for the page's own start-up requests).
    await page.waitForLoadState('networkidle');
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await expect(practice.main).toHaveAttribute('data-screen', 'practice');
    await expect
      .poll(() => page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); return { waiting: Boolean(r?.waiting), controlled: navigator.serviceWorker.controller !== null }; }))
      .toEqual({ waiting: false, controlled: true });
    expect(firstWorker).toMatch(/\/sw\.js$/);
    await expect(prompt).toHaveCount(0);
  } finally {
    writeFileSync(swPath, original);
  }
});
