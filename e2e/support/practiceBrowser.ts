/**
 * Browsers for the practice specs: each launches Chromium with a fake microphone playing a WAV made at
 * run time into a temporary folder (one browser per fixture file: the file is fixed per launch), and
 * opens the practice page in a fresh phone-sized context.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, LaunchOptions, PlaywrightWorkerArgs } from '@playwright/test';
import { fakeMicArgs } from '../chromium';
import { PracticePage } from './PracticePage';

/** The model and its calibration have landed (`SOTAQUE_E2E_MODEL=ready` says so for a server started by hand). */
export const MODEL_READY = process.env.SOTAQUE_E2E_MODEL === 'ready' || (existsSync('public/models/phones/calibration.json') && existsSync('public/models/phones/model.json'));

type Playwright = PlaywrightWorkerArgs['playwright'];

/** A browser whose fake microphone plays the file `makeFixture` writes into a temporary folder. */
export async function withMicBrowser(playwright: Playwright, launchOptions: LaunchOptions, prefix: string, makeFixture: (dir: string) => string, use: (browser: Browser) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = makeFixture(dir);
  const browser = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions?.args ?? []), ...fakeMicArgs(path, 'granted')] });
  try {
    await use(browser);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The practice page in a fresh context of `browser` (360×640 unless `viewport` says otherwise). */
export async function withPracticePage(browser: Browser, baseURL: string | undefined, locale: string, use: (page: PracticePage) => Promise<void>, viewport = { width: 360, height: 640 }): Promise<void> {
  const context = await browser.newContext({ baseURL, viewport, locale });
  try {
    await use(new PracticePage(await context.newPage()));
  } finally {
    await context.close();
  }
}
