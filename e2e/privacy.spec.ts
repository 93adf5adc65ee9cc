/**
 * Privacy: during a whole practice session (load, pick an item, play the native speaker, record with
 * the fake microphone, the result and the overlay, then the free recording screen with its waveform)
 * every request the page and its service worker make goes to the app's own origin (or is a data:/
 * blob: URL), the Content-Security-Policy is in force, and nothing the app does violates it.
 */
import { expect, test as base, type Browser, type Request } from '@playwright/test';
import { PracticePage } from './support/PracticePage';
import { MEDIA_LOG_SCRIPT, playNative, waitForServiceWorker, withThreeBrowser } from './support/pwa';

/** Installed before the page's scripts: every CSP violation the document (or a shadow root in it) reports. */
const VIOLATION_SCRIPT = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
  }, true);
`;

interface Session {
  readonly practice: PracticePage;
  readonly requests: Request[];
  readonly consoleErrors: string[];
}

const test = base.extend<{ session: Session }, { threeBrowser: Browser }>({
  threeBrowser: [async ({ playwright, launchOptions }, use) => withThreeBrowser(playwright, launchOptions, use), { scope: 'worker' }],
  session: async ({ threeBrowser, baseURL }, use) => {
    const context = await threeBrowser.newContext({ baseURL, viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const requests: Request[] = [];
    const consoleErrors: string[] = [];
    // Page, worklet and service worker requests all reach the context.
    context.on('request', (request) => requests.push(request));
    await context.addInitScript(VIOLATION_SCRIPT);
    await context.addInitScript(MEDIA_LOG_SCRIPT);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    try {
      await use({ practice: new PracticePage(page), requests, consoleErrors });
    } finally {
      await context.close();
    }
  },
});

test('a whole session stays on the device: same-origin requests only, no policy violation', async ({ session, baseURL }) => {
  const { practice, requests, consoleErrors } = session;
  const { page } = practice;
  const origin = new URL(baseURL!).origin;

  const response = await page.goto('/');
  await expect(practice.main).toHaveAttribute('data-screen', 'practice');
  // The policy is in force: as a header (with frame-ancestors) and in the page itself.
  const header = (await response!.allHeaders())['content-security-policy'];
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("frame-ancestors 'none'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("connect-src 'self'");
  expect(meta).toContain("object-src 'none'");
  expect(meta).not.toContain('unsafe-inline');
  // WebAssembly compilation only ('wasm-unsafe-eval'), never JavaScript eval.
  expect(meta).not.toMatch(/[^-]unsafe-eval/);
  await waitForServiceWorker(page);

  await practice.item.selectOption('th-w-three');
  await playNative(page);
  await practice.recordButton().click();
  expect(await practice.waitUntilSettled()).toBe('done');
  await expect(practice.overlay).toBeVisible();
  await expect(page.getByTestId('storage-usage')).toBeVisible();

  // The free recording screen draws the waveform with wavesurfer.js (a <style> in its shadow root).
  await page.getByRole('button', { name: 'Free recording' }).click();
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByRole('button', { name: 'Stop recording' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByRole('heading', { name: 'Your recording' })).toBeVisible();
  // wavesurfer's own <style> applied (blocked if the policy's hash did not match): its canvases' min-height.
  await expect
    .poll(() => page.evaluate(() => { const c = [...document.querySelectorAll('*')].map((e) => e.shadowRoot?.querySelector('.canvases')).find(Boolean); return c ? getComputedStyle(c).minHeight : null; }))
    .toBe('72px');

  const urls = requests.map((r) => r.url());
  expect(urls.length).toBeGreaterThan(10);
  // The service worker's own fetches (its precache) were seen too.
  expect(requests.filter((r) => r.serviceWorker() !== null).length).toBeGreaterThan(100);
  const foreign = urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  expect(foreign).toEqual([]);

  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations);
  expect(violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
