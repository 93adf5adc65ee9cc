/**
 * Free-text practice: the learner types their own sentence, records it, and gets the same kind of
 * result (verdicts per sound, no native recording); a word the dictionary does not know is named
 * before anything is recorded. The fake microphone says "three trees".
 */
import { expect, test as base, type Browser } from '@playwright/test';
import { t } from '../src/lessons/i18n';
import { MODEL_READY, withMicBrowser, withPracticePage } from './support/practiceBrowser';
import type { PracticePage } from './support/PracticePage';
import { makeSpeechFixture } from './support/speechFixture';

const test = base.extend<{ practice: PracticePage }, { speechBrowser: Browser }>({
  speechBrowser: [async ({ playwright, launchOptions }, use) => withMicBrowser(playwright, launchOptions, 'sotaque-free-', (dir) => makeSpeechFixture(dir, 'three trees', 0.8, 2.0).path, use), { scope: 'worker' }],
  practice: async ({ speechBrowser, baseURL }, use) => withPracticePage(speechBrowser, baseURL, 'pt-BR', use),
});

const s = t('pt-BR');

test('an unknown word is named before recording; a typed sentence is recorded and judged sound by sound', async ({ practice }) => {
  const { page } = practice;
  await practice.open();
  await page.getByRole('button', { name: s.modeFree }).click();
  const text = page.getByLabel(s.freeTextLabel);
  await text.fill('three zorblax');
  await practice.recordButton('pt-BR').click();
  await expect(page.locator('[data-problem="UNKNOWN_WORD"]')).toContainText('“zorblax”');
  expect(await practice.storedAttempts()).toEqual([]);

  await text.fill('Three trees');
  await expect(page.getByTestId('item')).toContainText('Three trees');
  await expect(page.getByRole('button', { name: s.playNative, exact: true })).toHaveCount(0);
  await expect(practice.recordButton('pt-BR')).toBeInViewport();
  await practice.recordButton('pt-BR').click();
  const settled = await practice.waitUntilSettled();
  const data = await practice.data();
  const attempt = (await practice.storedAttempts()).find((a) => a.id === data.attemptId);
  expect(attempt).toMatchObject({ itemId: 'free:Three trees' });
  if (MODEL_READY) {
    expect(settled).toBe('done');
    expect(data.result!.words.map((w) => w.word)).toEqual(['three', 'trees']);
    await expect(practice.phones.first()).toBeVisible();
    expect(data.overlay).toBeNull();
    expect(attempt?.status).toBe('assessed');
  }
  // Back to the lessons.
  await page.getByRole('button', { name: s.modeLesson }).click();
  await expect(practice.item).toHaveValue('th-w-three');
});
