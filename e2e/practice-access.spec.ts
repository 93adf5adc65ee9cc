/**
 * Accessibility of the practice screen at 360×640: axe-core (WCAG 2.1 A/AA rules, colour contrast
 * included) finds no serious or critical violation before and after a result, in English and in
 * Brazilian Portuguese; and the whole flow works from the keyboard alone — choose the item, hear the
 * native speaker, record (stopped by silence), hear one's attempt and a single sound of the overlay.
 * With SOTAQUE_SCREENSHOTS=1 it also saves the screenshots in docs/screenshots/ (360×640 in both
 * languages, and a desktop width).
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type Locator, type Page } from '@playwright/test';
import { MODEL_READY, withMicBrowser, withPracticePage } from './support/practiceBrowser';
import type { PracticePage } from './support/PracticePage';
import { makeSpeechFixture } from './support/speechFixture';
import { en, ptBR } from './support/strings';

const SHOTS = process.env.SOTAQUE_SCREENSHOTS === '1' ? 'docs/screenshots' : null;

const test = base.extend<{ practice: PracticePage }, { threeBrowser: Browser }>({
  threeBrowser: [
    async ({ playwright, launchOptions }, use) => withMicBrowser(playwright, launchOptions, 'sotaque-access-', (dir) => makeSpeechFixture(dir, 'three', 0.8, 2.0).path, use),
    { scope: 'worker' },
  ],
  practice: async ({ threeBrowser, baseURL }, use) => withPracticePage(threeBrowser, baseURL, 'en-US', use),
});

/** Serious and critical axe violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses Tab until `target` has the focus (at most `limit` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Counts media playback starts: <audio>.play() and Web Audio sources started (the app's two playback paths). */
async function countPlayback(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts = { media: 0, sources: 0 };
    (window as unknown as { __playback: typeof counts }).__playback = counts;
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      counts.media++;
      return play.call(this);
    };
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args: Parameters<AudioBufferSourceNode['start']>) {
      counts.sources++;
      return start.apply(this, args);
    };
  });
}

const playbackCounts = (page: Page) => page.evaluate(() => (window as unknown as { __playback: { media: number; sources: number } }).__playback);

test('the practice screen passes axe in both languages and the whole flow works from the keyboard', async ({ practice }) => {
  const { page } = practice;
  await countPlayback(page);
  await practice.open();
  const language = page.getByRole('combobox', { name: /^(Language|Idioma)$/ });

  // Before a result, in both languages.
  expect(await seriousViolations(page)).toEqual([]);
  await language.selectOption('pt-BR');
  await expect(practice.recordButton('pt-BR')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/lesson-360-pt-BR.png` });
  }
  await language.selectOption('en');
  await expect(practice.recordButton('en')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-360-en.png` });

  // Keyboard only from here: move focus to the top of the page first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, practice.item);
  await page.keyboard.press('ArrowDown');
  await expect(practice.item).not.toHaveValue('th-w-three');
  await page.keyboard.press('ArrowUp');
  await expect(practice.item).toHaveValue('th-w-three');
  const playNative = page.getByRole('button', { name: en.playNative, exact: true });
  await expect(playNative).toBeEnabled();
  await tabTo(page, playNative);
  const before = await playbackCounts(page);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await playbackCounts(page)).media).toBeGreaterThan(before.media);
  await tabTo(page, practice.recordButton());
  await page.keyboard.press('Space');
  await expect(practice.stopButton()).toBeVisible();
  const settled = await practice.waitUntilSettled();

  if (MODEL_READY) {
    expect(settled).toBe('done');
    await expect(practice.overlay).toBeVisible();
    const mine = page.getByRole('button', { name: en.replayMine });
    await tabTo(page, mine);
    const beforeMine = await playbackCounts(page);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await playbackCounts(page)).media).toBeGreaterThan(beforeMine.media);
    const sound = page.getByRole('button', { name: new RegExp(`^${en.playPhone} th`) });
    await tabTo(page, sound);
    const beforeSound = await playbackCounts(page);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await playbackCounts(page)).sources).toBeGreaterThan(beforeSound.sources);
  } else {
    expect(settled).toBe('error');
  }

  // After the result, in both languages.
  await page.keyboard.press('Escape');
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) {
    await practice.page.getByTestId('result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/result-360-en.png` });
  }
  await language.selectOption('pt-BR');
  await expect(page.getByRole('heading', { name: ptBR.progress.title })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) {
    await practice.page.getByTestId('result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/result-360-pt-BR.png` });
    await page.getByTestId('progress').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/progress-360-pt-BR.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await practice.page.getByTestId('result').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/result-desktop-pt-BR.png` });
  }
});
