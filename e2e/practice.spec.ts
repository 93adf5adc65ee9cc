/**
 * The practice flow with the fake microphone saying the lesson word "three": pick the item, record
 * (nobody presses Stop: the trailing-silence stop ends it), the attempt is stored with its audio
 * before it is analysed, then the verdicts — or, while the model has not landed, a clear
 * "model not available" state with the recording kept. Also: the language switch.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test as base, type Browser } from '@playwright/test';
import { ptBR } from './support/strings';
import { MODEL_READY, withMicBrowser, withPracticePage } from './support/practiceBrowser';
import { PracticePage } from './support/PracticePage';
import { makeSpeechFixture } from './support/speechFixture';

const test = base.extend<{ practice: PracticePage; silentPractice: PracticePage }, { threeBrowser: Browser; silentBrowser: Browser }>({
  silentBrowser: [
    async ({ playwright, launchOptions }, use) =>
      withMicBrowser(playwright, launchOptions, 'sotaque-silence-', (dir) => {
        const path = join(dir, 'silence.wav');
        execFileSync('sox', ['-n', '-r', '44100', '-c', '1', '-b', '16', path, 'trim', '0', '4']);
        return path;
      }, use),
    { scope: 'worker' },
  ],
  silentPractice: async ({ silentBrowser, baseURL }, use) => withPracticePage(silentBrowser, baseURL, 'pt-BR', use),
  threeBrowser: [
    // "three" with 2 s of silence after it: the auto-stop needs 1 s of it.
    async ({ playwright, launchOptions }, use) => withMicBrowser(playwright, launchOptions, 'sotaque-practice-', (dir) => makeSpeechFixture(dir, 'three', 0.8, 2.0).path, use),
    { scope: 'worker' },
  ],
  practice: async ({ threeBrowser, baseURL }, use) => withPracticePage(threeBrowser, baseURL, 'en-US', use),
});

test('a lesson word is recorded, stopped on silence, stored with its audio before analysis, then judged', async ({ practice }) => {
  await practice.open();
  await expect(practice.item).toHaveValue('th-w-three');
  await expect(practice.itemPhones).toHaveAttribute('data-phones', 'TH R IY');
  await expect(practice.itemPhones).toContainText('th · r · ee');
  await practice.recordButton().click();
  // Nobody presses Stop.
  const settled = await practice.waitUntilSettled();
  const data = await practice.data();

  // Stored before it was analysed: the status went saving → analysing, and the attempt id was set by then.
  const log = data.statusLog.join(' ');
  expect(log).toMatch(/recording saving analysing (done|error)$/);
  expect(data.attemptId).not.toBeNull();
  const stored = await practice.storedAttempts();
  const attempt = stored.find((a) => a.id === data.attemptId);
  expect(attempt?.itemId).toBe('th-w-three');
  expect(attempt?.audioType).toBe('audio/wav');
  // More than a WAV header: the recorded samples (16-bit), stopped well before the 15 s limit.
  expect(attempt!.audioBytes!).toBeGreaterThan(44 + 2 * 8000);
  expect(data.notice).not.toBe('MAX_LENGTH');

  if (MODEL_READY) {
    expect(settled).toBe('done');
    expect(attempt?.status).toBe('assessed');
    const phones = data.result!.words.flatMap((w) => w.phones).filter((p) => p.verdict !== 'inserted');
    expect(phones.map((p) => p.phone)).toEqual(['TH', 'R', 'IY']);
    for (const p of phones) expect(['ok', 'mispronounced', 'missing']).toContain(p.verdict);
    await expect(practice.phones).toHaveCount(data.result!.words.flatMap((w) => w.phones).length);
    expect(data.overlay?.frames).toBeGreaterThan(0);
    expect(data.overlay?.nativePhones).toEqual(['TH', 'R', 'IY']);
    await expect(practice.overlay).toBeVisible();
    await expect(practice.page.getByRole('button', { name: /^Play sound th/ })).toBeVisible();
    // The result was scrolled to: on a phone it sits below the item and Record.
    await expect(practice.page.getByTestId('score')).toBeInViewport();
  } else {
    expect(settled).toBe('error');
    expect(data.engine).toBe('unavailable');
    expect(data.error).toBe('MODEL_UNAVAILABLE');
    await expect(practice.page.getByTestId('engine-unavailable')).toBeVisible();
    expect(attempt?.status).toBe('failed');
    expect(attempt?.error?.code).toBe('MODEL_UNAVAILABLE');
  }
});

test('the interface switches between English and Brazilian Portuguese and remembers it', async ({ practice }) => {
  await practice.open();
  await expect(practice.recordButton('en')).toBeVisible();
  await practice.page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  await expect(practice.recordButton('pt-BR')).toBeVisible();
  await expect(practice.page.getByRole('button', { name: 'Ouvir nativo devagar' })).toBeEnabled();
  await practice.page.reload();
  await expect(practice.recordButton('pt-BR')).toBeVisible();
  await expect(practice.page.locator('.app')).toHaveAttribute('lang', 'pt-BR');
});

test('silence stops after about 3 s, is refused with advice in the learner’s language, kept, and not counted', async ({ silentPractice: practice }) => {
  await practice.open();
  await practice.recordButton('pt-BR').click();
  expect(await practice.waitUntilSettled()).toBe('refused');
  const data = await practice.data();
  expect(data.refusal).toBe('silent');
  expect(data.notice).not.toBe('MAX_LENGTH');
  const refusal = practice.page.getByTestId('refusal');
  await expect(refusal).toContainText('Não ouvimos nada');
  await expect(refusal).toBeInViewport();
  await expect(practice.page.getByTestId('result')).toHaveCount(0);
  await expect(practice.page.getByTestId('progress')).toContainText(ptBR.progress.empty);
  const attempt = (await practice.storedAttempts()).find((a) => a.id === data.attemptId);
  expect(attempt).toMatchObject({ status: 'refused', refusal: { reason: 'silent' }, audioType: 'audio/wav' });
  // Stopped by the no-speech rule (about 3 s), not by the 15 s limit.
  expect(attempt!.durationSeconds).toBeGreaterThan(2.5);
  expect(attempt!.durationSeconds).toBeLessThan(4.5);
});
