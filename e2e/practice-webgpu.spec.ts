/**
 * A whole practice attempt with the learner's log-mel on WebGPU (`?mel=webgpu` forces it, even on
 * this machine's SwiftShader adapter): the fake microphone says "three", the attempt is stored and
 * judged, and the analysis says it took the WebGPU path.
 */
import { expect, test as base, type Browser } from '@playwright/test';
import { MODEL_READY, withMicBrowser, withPracticePage } from './support/practiceBrowser';
import { PracticePage } from './support/PracticePage';
import { makeSpeechFixture } from './support/speechFixture';

const test = base.extend<{ practice: PracticePage }, { threeBrowser: Browser }>({
  threeBrowser: [
    async ({ playwright, launchOptions }, use) => withMicBrowser(playwright, launchOptions, 'sotaque-practice-gpu-', (dir) => makeSpeechFixture(dir, 'three', 0.8, 2.0).path, use),
    { scope: 'worker' },
  ],
  practice: async ({ threeBrowser, baseURL }, use) => withPracticePage(threeBrowser, baseURL, 'en-US', use),
});

test.skip(!MODEL_READY, 'needs the shipped model');

test('a practice attempt is analysed with the WebGPU log-mel and judged', async ({ practice }) => {
  await practice.open({ mel: 'webgpu' });
  await expect(practice.item).toHaveValue('th-w-three');
  await practice.recordButton().click();
  expect(await practice.waitUntilSettled()).toBe('done');
  const data = await practice.data();
  expect(`${data.melPath?.path}: ${data.melPath?.reason}`, 'the analysis should take the WebGPU path').toMatch(/^webgpu: WebGPU on /);
  expect(data.melPath?.adapter).toMatch(/swiftshader/i);
  const phones = data.result!.words.flatMap((w) => w.phones).filter((p) => p.verdict !== 'inserted');
  expect(phones.map((p) => p.phone)).toEqual(['TH', 'R', 'IY']);
  expect(data.overlay?.frames).toBeGreaterThan(0);
  await expect(practice.phones).toHaveCount(data.result!.words.flatMap((w) => w.phones).length);
});
