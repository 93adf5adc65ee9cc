/**
 * Playwright fixtures. Chromium's fake microphone plays the WAV given at launch, so each worker makes
 * the speech fixture once and each test launches its own browser with it: playback then starts at
 * the file's beginning whatever ran before (a browser reused across tests may resume mid-file).
 * `micPermission` picks whether the permission prompt is accepted or refused (a spec file sets it
 * with `test.use`). The page is wrapped in the `RecorderPage` page object, at a 360×640 viewport.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Browser } from '@playwright/test';
import { fakeMicArgs } from './chromium';
import { RecorderPage } from './support/RecorderPage';
import { makeSpeechFixture, type SpeechFixture } from './support/speechFixture';

interface WorkerFixtures {
  /** Whether the microphone permission prompt is accepted (default) or refused. */
  micPermission: 'granted' | 'denied';
  speech: SpeechFixture;
}

interface TestFixtures {
  micBrowser: Browser;
  recorder: RecorderPage;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  micPermission: ['granted', { scope: 'worker', option: true }],

  speech: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'sotaque-e2e-'));
      try {
        await use(makeSpeechFixture(dir));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],

  micBrowser: async ({ playwright, launchOptions, speech, micPermission }, use) => {
    const browser = await playwright.chromium.launch({
      ...launchOptions,
      args: [...(launchOptions.args ?? []), ...fakeMicArgs(speech.path, micPermission)],
    });
    try {
      await use(browser);
    } finally {
      await browser.close();
    }
  },

  recorder: async ({ micBrowser, baseURL }, use, testInfo) => {
    const context = await micBrowser.newContext({ baseURL, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
    try {
      await use(new RecorderPage(page));
    } finally {
      if (testInfo.status !== testInfo.expectedStatus && logs.length) await testInfo.attach('console', { body: logs.join('\n'), contentType: 'text/plain' });
      await context.close();
    }
  },
});

export { expect } from '@playwright/test';
