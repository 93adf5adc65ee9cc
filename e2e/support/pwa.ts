/**
 * Helpers for the offline-app specs: a browser with the fake microphone saying "three", the service
 * worker's state, what the page played, and the page's own view of its storage.
 */
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type LaunchOptions, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeMicArgs } from '../chromium';
import { withMicBrowser } from './practiceBrowser';
import { makeSpeechFixture } from './speechFixture';

/** A browser whose fake microphone says "three" once (then silence), for one spec file. */
export async function withThreeBrowser(playwright: PlaywrightWorkerArgs['playwright'], launchOptions: LaunchOptions, use: (browser: Browser) => Promise<void>): Promise<void> {
  // "three" with 2 s of silence after it: the auto-stop needs 1 s of it.
  await withMicBrowser(playwright, launchOptions, 'sotaque-pwa-', (dir) => makeSpeechFixture(dir, 'three', 0.8, 2.0).path, use);
}

/**
 * An on-disk Chromium profile with the fake microphone saying "three", launched (and relaunched) as
 * a persistent context. Chromium applies CDP's `Storage.overrideQuotaForOrigin` to the default
 * profile only (not to `browser.newContext()`'s off-the-record contexts), and IndexedDB reads the
 * quota when the origin's storage is first opened in a browser process: a quota test shrinks the
 * quota before the app's page opens in a relaunched browser.
 */
export interface ThreeProfile {
  launch(options: BrowserContextOptions): Promise<BrowserContext>;
  dispose(): void;
}

export function threeProfile(playwright: PlaywrightWorkerArgs['playwright'], launchOptions: LaunchOptions): ThreeProfile {
  const dir = mkdtempSync(join(tmpdir(), 'sotaque-pwa-'));
  const { path } = makeSpeechFixture(dir, 'three', 0.8, 2.0);
  return {
    launch: (options) =>
      playwright.chromium.launchPersistentContext(join(dir, 'profile'), {
        ...launchOptions,
        ...options,
        args: [...(launchOptions?.args ?? []), ...fakeMicArgs(path, 'granted')],
      }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What the service worker looks like from the page. */
export interface WorkerState {
  readonly state: string | null;
  readonly controlled: boolean;
  readonly scope: string | null;
}

/** Waits until the service worker is activated and controls the page (its precache is then complete: activation follows a successful install). */
export async function waitForServiceWorker(page: Page): Promise<WorkerState> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return { state: registration?.active?.state ?? null, controlled: navigator.serviceWorker.controller !== null, scope: registration?.scope ?? null };
        }),
      { timeout: 120_000 },
    )
    .toMatchObject({ state: 'activated', controlled: true });
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { state: registration?.active?.state ?? null, controlled: navigator.serviceWorker.controller !== null, scope: registration?.scope ?? null };
  });
}

/** URL paths held in the Workbox precache (Cache Storage), without the revision parameter. */
export async function precachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

/** Installed before the page's scripts: records what media elements were asked to play and how it went. */
export const MEDIA_LOG_SCRIPT = `
  window.__mediaLog = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    const entry = { src: this.currentSrc || this.src, events: [] };
    window.__mediaLog.push(entry);
    for (const type of ['playing', 'ended', 'error']) this.addEventListener(type, () => entry.events.push(type), { once: true });
    return play.apply(this, arguments);
  };
`;

export interface MediaLogEntry {
  readonly src: string;
  readonly events: readonly string[];
}

export async function mediaLog(page: Page): Promise<MediaLogEntry[]> {
  return page.evaluate(() => (window as unknown as { __mediaLog: MediaLogEntry[] }).__mediaLog);
}

/** Clicks "Play native" and waits until the native reference is playing (or has played), failing on a media error. */
export async function playNative(page: Page): Promise<MediaLogEntry> {
  const before = (await mediaLog(page)).length;
  await page.getByRole('button', { name: 'Play native', exact: true }).click();
  await expect.poll(async () => (await mediaLog(page))[before]?.events ?? [], { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^(playing|ended|error)$/)]));
  const entry = (await mediaLog(page))[before];
  expect(entry.events).not.toContain('error');
  return entry;
}
