/**
 * A teacher adapts the model to their voice: 12 renditions of lesson items are synthesised at test
 * time (flite voice rms, not in the model's training; sox pads them with room silence), imported
 * through the screen's WAV import (file names pick the items), the fine-tuning runs to 100 % in its
 * worker, a decision is shown, and "Revert to the base model" gives back exactly the base model's
 * posteriors for a fixed probe clip — also after a reload, from the stored setting.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TeacherVoicePage } from './support/TeacherVoicePage';

test.use({ viewport: { width: 360, height: 640 }, locale: 'en-US' });

let dir = '';
let files: string[] = [];

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotaque-teacher-'));
  // Ten different words (the first two of five lesson packs, read as files: Playwright's loader does
  // not import JSON modules) — adapting needs ten different items — and a second, slower take of two
  // of them, as a teacher would record them: 12 recordings.
  const packsDir = join(import.meta.dirname, '../src/lessons/packs');
  const items = readdirSync(packsDir)
    .sort()
    .slice(0, 5)
    .flatMap((f) => (JSON.parse(readFileSync(join(packsDir, f), 'utf8')) as { items: { id: string; kind: string; text: string }[] }).items.filter((i) => i.kind === 'word').slice(0, 2));
  files = items.flatMap((item, i) =>
    (i < 2 ? [1, 1.15] : [1]).map((stretch, take) => {
      const raw = join(dir, `raw-${i}-${take}.wav`);
      const path = join(dir, `${item.id}-${take + 1}.wav`);
      execFileSync('flite', ['-voice', 'rms', '--setf', `duration_stretch=${stretch}`, '-t', item.text, '-o', raw]);
      execFileSync('sox', [raw, '-r', '44100', '-c', '1', '-b', '16', path, 'pad', '0.4', '0.4']);
      return path;
    }),
  );
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('imports 12 teacher recordings, adapts the model, shows the decision, and reverts to exactly the base', async ({ page }) => {
  test.setTimeout(300_000);
  const teacher = new TeacherVoicePage(page);
  await teacher.open();
  const base = await teacher.probe();
  expect(base.length).toBe(30 * 40);

  await teacher.importInput.setInputFiles(files);
  await expect(teacher.imported).toContainText('12');
  await expect(teacher.count).toHaveText('12');

  await expect(teacher.adapt).toBeEnabled();
  await teacher.adapt.click();
  await expect(teacher.progress).toBeVisible();
  await expect(teacher.decision).toBeVisible({ timeout: 240_000 });
  // Finished: the result says so; no stale progress label or full bar stays behind.
  await expect(teacher.progress).toBeHidden();
  const data = await teacher.data();
  test.info().annotations.push({ type: 'decision', description: data.fineTune.adopt ? 'adopted' : 'kept the base' });
  console.log(`fine-tuning decision: ${data.fineTune.adopt ? 'adopted' : 'kept the base'}\n${await teacher.result.innerText()}`);
  expect(data.fineTune).toMatchObject({ status: 'done', fraction: 1 });
  await expect(teacher.result.getByRole('table')).toContainText('Your sounds judged wrong');

  if (data.fineTune.adopt) {
    await expect(teacher.decision).toContainText('now in use');
    await expect(teacher.active).toHaveText('adapted to your voice');
    await expect.poll(async () => (await teacher.data()).probe).not.toEqual(base);
    const adapted = (await teacher.data()).probe;
    // The choice is stored: a reload loads the adapted head.
    await teacher.open();
    await expect.poll(async () => (await teacher.data()).probe, { timeout: 60_000 }).toEqual(adapted);
  } else {
    await expect(teacher.decision).toContainText('base model stays in use');
    await expect(teacher.active).toHaveText('base model');
    expect((await teacher.data()).probe).toEqual(base);
  }

  if (data.fineTune.adopt) {
    await teacher.revert.click();
    await expect(teacher.active).toHaveText('base model');
  }
  await expect(teacher.revert).toBeDisabled();
  await expect.poll(async () => (await teacher.data()).activeModel).toBe('base');
  await expect.poll(async () => (await teacher.data()).probe).toEqual(base);
  await teacher.open();
  expect(await teacher.probe()).toEqual(base);
});

test('refuses a file that is not a WAV, with a message, keeping the ones before it', async ({ page }) => {
  const teacher = new TeacherVoicePage(page);
  await teacher.open();
  await teacher.importInput.setInputFiles([{ name: 'th-w-three.wav', mimeType: 'audio/wav', buffer: readFileSync(files[0]) }, { name: 'notes.wav', mimeType: 'audio/wav', buffer: Buffer.from('not a wav file at all') }]);
  await expect(page.getByRole('alert')).toContainText('notes.wav');
  await expect(page.getByRole('alert')).toContainText('not a WAV');
  await expect(teacher.imported).toContainText('1');
  await expect(teacher.count).toHaveText('1');
});
