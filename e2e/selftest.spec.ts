/**
 * The device self-test (`?selftest=1`) with the fake microphone: every step finishes — the microphone
 * at its capture rate and a level, the WebGPU adapter (SwiftShader here), the log-mel path equal to
 * the CPU, the model and its tfjs backend, storage — and the diagnostic log downloads as JSON with
 * figures only, no audio. In Portuguese, at 360 px, axe clean.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser } from '@playwright/test';
import { selfTestStrings } from '../src/lessons/strings/selfTest';
import { MODEL_READY, withMicBrowser, withPracticePage } from './support/practiceBrowser';
import type { PracticePage } from './support/PracticePage';
import { makeSpeechFixture } from './support/speechFixture';

const test = base.extend<{ practice: PracticePage }, { speechBrowser: Browser }>({
  speechBrowser: [async ({ playwright, launchOptions }, use) => withMicBrowser(playwright, launchOptions, 'sotaque-selftest-', (dir) => makeSpeechFixture(dir, 'three trees', 0.3, 2.0).path, use), { scope: 'worker' }],
  practice: async ({ speechBrowser, baseURL }, use) => withPracticePage(speechBrowser, baseURL, 'pt-BR', use),
});

test('the self-test checks microphone, WebGPU, features, model and storage, and its log has no audio', async ({ practice }) => {
  const { page } = practice;
  const s = selfTestStrings('pt-BR');
  await page.goto('/?selftest=1');
  await expect(page.getByRole('main')).toHaveAttribute('data-screen', 'selftest');
  await page.getByRole('button', { name: s.run }).click();
  await expect(page.getByRole('main')).toHaveAttribute('data-selftest', 'done', { timeout: 90_000 });
  const outcome = (id: string) => page.locator(`[data-testid="selftest-step"][data-step="${id}"]`);
  await expect(outcome('microphone')).toHaveAttribute('data-outcome', 'ok');
  await expect(outcome('microphone')).toContainText('Hz');
  await expect(outcome('webgpu')).toHaveAttribute('data-outcome', /^(ok|warn)$/);
  await expect(outcome('mel')).toHaveAttribute('data-outcome', 'ok');
  if (MODEL_READY) {
    await expect(outcome('model')).toHaveAttribute('data-outcome', 'ok');
    await expect(outcome('model')).toContainText('tfjs');
    await expect(outcome('inference')).toHaveAttribute('data-outcome', /^(ok|warn)$/);
  }
  await expect(outcome('storage')).toHaveAttribute('data-outcome', /^(ok|warn)$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByTestId('selftest-log').click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  const log = JSON.parse(text) as { kind: string; steps: { id: string; outcome: string; figures: Record<string, unknown> }[] };
  expect(log.kind).toBe('sotaque-selftest');
  expect(log.steps.map((x) => x.id)).toEqual(['microphone', 'webgpu', 'mel', 'model', 'inference', 'storage']);
  expect(log.steps[0].figures.sampleRateHz).toBeGreaterThan(8000);
  expect(text.length).toBeLessThan(5000);
  expect(text).not.toMatch(/RIFF|samples/);
});
