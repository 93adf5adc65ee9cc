/**
 * End-to-end tests: the production build served by `vite preview`, driven in the system Chromium
 * (e2e/chromium.ts). Tests that need a microphone launch their own browser with a fake one
 * (e2e/fixtures.ts), one browser per worker and fixture file.
 */
import { defineConfig } from '@playwright/test';
import { BASE_CHROMIUM_ARGS, chromiumPath } from './e2e/chromium';

// E2E_PORT / E2E_OUT let several checkouts run their e2e tests side by side without sharing a server.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT = process.env.E2E_OUT ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: one worker; the browser's WebGPU (SwiftShader) and the audio already use both.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // Not the default `test-results/`: Playwright empties its output folder, and `npm test` keeps reports there.
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: [...BASE_CHROMIUM_ARGS] },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build --outDir ${OUT} && npx vite preview --outDir ${OUT} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI && !process.env.E2E_PORT,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
