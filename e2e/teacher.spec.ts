/**
 * Profiles and teacher review, through the user's eyes, with the fake microphone saying "three":
 * a second learner is created and records an attempt; the teacher sets a PIN, locks, is asked for it
 * (a wrong PIN is refused), finds the attempt (flagged filter, then the session list), overrides one
 * sound's verdict and writes a note; back on the practice screen the learner's history shows the
 * teacher's verdict and note beside the machine's, and IndexedDB still holds the machine's verdict.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { findTip } from '../src/lessons/tips';
import { withMicBrowser } from './support/practiceBrowser';
import { PracticePage } from './support/PracticePage';
import { makeSpeechFixture } from './support/speechFixture';

const MODEL_READY = process.env.SOTAQUE_E2E_MODEL === 'ready' || (existsSync('public/models/phones/calibration.json') && existsSync('public/models/phones/model.json'));

const test = base.extend<{ practice: PracticePage }, { threeBrowser: Browser }>({
  threeBrowser: [
    async ({ playwright, launchOptions }, use) => withMicBrowser(playwright, launchOptions, 'sotaque-teacher-', (dir) => makeSpeechFixture(dir, 'three', 0.8, 2.0).path, use),
    { scope: 'worker' },
  ],
  practice: async ({ threeBrowser, baseURL }, use) => {
    const context = await threeBrowser.newContext({ baseURL, viewport: { width: 360, height: 640 }, locale: 'en-US' });
    try {
      await use(new PracticePage(await context.newPage()));
    } finally {
      await context.close();
    }
  },
});

interface Stored {
  learners: { id: number; name: string }[];
  attempts: { id: number; learnerId: number; result: { words: { phones: { phone: string; verdict: string }[] }[] } | null }[];
  reviews: { attemptId: number; overrides: { word: number; phone: number; verdict: string; heard?: string }[]; note: string }[];
  settings: { key: string; value: unknown }[];
}

/** The app's IndexedDB, read with the raw API (not the app's code). */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const request = indexedDB.open('sotaque');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = ['learners', 'attempts', 'reviews', 'settings'] as const;
          const tx = db.transaction([...names], 'readonly');
          const all = names.map((n) => tx.objectStore(n).getAll());
          tx.oncomplete = () => {
            resolve({ learners: all[0].result, attempts: all[1].result, reviews: all[2].result, settings: all[3].result } as Stored);
            db.close();
          };
        };
      }),
  );
}

test('a teacher reviews a second learner’s attempt behind a PIN; the learner sees the override and the note', async ({ practice }) => {
  test.skip(!MODEL_READY, 'needs the phone model to judge the attempt');
  const { page } = practice;
  await practice.open();
  const learner = page.getByRole('combobox', { name: 'Learner' });

  // A second learner profile, made the active one.
  await learner.selectOption({ label: '+ New learner…' });
  await page.getByLabel('Name of the new learner').fill('Bia');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(learner.locator('option:checked')).toHaveText('Bia');

  // Bia records "three".
  await practice.recordButton().click();
  expect(await practice.waitUntilSettled()).toBe('done');
  const { attemptId, result } = await practice.data();
  let db = await stored(page);
  const bia = db.learners.find((l) => l.name === 'Bia')!;
  expect(db.learners).toHaveLength(2);
  expect(db.attempts.find((a) => a.id === attemptId)?.learnerId).toBe(bia.id);
  const th = result!.words[0].phones[0];
  expect(th.phone).toBe('TH');
  const flagged = result!.words.some((w) => w.phones.some((p) => p.verdict !== 'ok'));
  // The teacher's verdict differs from the machine's.
  const teacherVerdict = th.verdict === 'ok' ? { value: 'mispronounced', label: 'to fix' } : { value: 'ok', label: 'good' };

  // Teacher mode: no PIN yet, so it opens; set one, lock, and the prompt asks for it.
  await page.getByRole('button', { name: 'Teacher' }).click();
  await page.getByLabel('New PIN (4 to 12 digits)').fill('2468');
  await page.getByLabel('Repeat the new PIN').fill('2468');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.getByText('PIN saved.')).toBeVisible();
  db = await stored(page);
  expect(JSON.stringify(db.settings)).not.toContain('2468');
  await page.getByRole('button', { name: 'Lock teacher mode' }).click();
  await expect(page.getByRole('main')).toHaveAttribute('data-teacher', 'locked');
  await page.getByLabel('Teacher PIN').fill('1111');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong PIN. Try again.');
  await page.getByLabel('Teacher PIN').fill('2468');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('main')).toHaveAttribute('data-teacher', 'open');

  // Bia's sessions; the flagged filter keeps the attempt exactly when a sound was not ok.
  await page.getByRole('button', { name: 'Open Bia' }).click();
  const row = page.locator(`[data-testid="session-attempt"][data-attempt-id="${attemptId}"]`);
  await expect(row).toBeVisible();
  await page.getByLabel('Flagged only').check();
  if (flagged) await expect(row).toBeVisible();
  else await expect(page.getByText('No attempts match these filters.')).toBeVisible();
  await page.getByLabel('Flagged only').uncheck();
  await row.click();

  // The attempt: audio, the overlay against the native speaker, each sound with the machine's verdict.
  const review = page.getByTestId('attempt-review');
  await expect(review).toHaveAttribute('data-attempt-id', String(attemptId));
  await expect(review.getByTestId('overlay')).toBeVisible();
  await expect(review.getByRole('button', { name: 'Play the attempt' })).toBeEnabled();
  await expect(review.getByTestId('review-phone')).toHaveCount(result!.words.flatMap((w) => w.phones).length);
  await expect(review.locator('[data-testid="review-phone"][data-phone="TH"]')).toHaveAttribute('data-machine-verdict', th.verdict);
  await review.getByRole('combobox', { name: /^Teacher’s verdict for TH \(three\)$/ }).selectOption(teacherVerdict.value);
  // IY "to fix", heard as the short "i" of "sit": the teacher names the sound, and its tip reaches the learner.
  const iy = result!.words[0].phones[2];
  expect(iy.phone).toBe('IY');
  const heardOverride = !(iy.verdict === 'mispronounced' && iy.heard === 'IH');
  if (heardOverride) {
    await review.getByRole('combobox', { name: /^Teacher’s verdict for IY \(three\)$/ }).selectOption('mispronounced');
    await review.getByRole('combobox', { name: /^Heard as: IY \(three\)$/ }).selectOption('IH');
    // The chip takes the teacher's verdict and sound at once.
    await expect(review.locator('[data-testid="review-phone"][data-phone="IY"]')).toHaveAttribute('data-verdict', 'mispronounced');
    await expect(review.locator('[data-testid="review-phone"][data-phone="IY"] .phone')).toHaveClass(/phone--mispronounced/);
  }
  await review.getByLabel('Note for the learner').fill('Put the tongue between the teeth for TH.');
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(review.getByTestId('review-status')).toHaveText('Review saved.');
  // No accessibility violations on the review screen (labels, roles, contrast).
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Stored beside the machine's verdict, which is unchanged.
  db = await stored(page);
  const attempt = db.attempts.find((a) => a.id === attemptId)!;
  expect(attempt.result?.words[0].phones[0]).toMatchObject({ phone: 'TH', verdict: th.verdict });
  const overrides = [{ word: 0, phone: 0, verdict: teacherVerdict.value }, ...(heardOverride ? [{ word: 0, phone: 2, verdict: 'mispronounced', heard: 'IH' }] : [])];
  expect(db.reviews).toEqual([{ attemptId, overrides, note: 'Put the tongue between the teeth for TH.', updatedAt: expect.any(Number) }]);

  // Back to the learner: leaving teacher mode locks it; Bia's history shows the teacher's verdict and note.
  await page.getByRole('button', { name: 'Practice' }).click();
  await expect(learner.locator('option:checked')).toHaveText('Bia');
  const item = page.locator(`[data-testid="history-attempt"][data-attempt-id="${attemptId}"]`);
  const thPhone = item.locator('[data-testid="history-phone"][data-phone="TH"]');
  await expect(thPhone).toHaveAttribute('data-machine-verdict', th.verdict);
  await expect(thPhone).toHaveAttribute('data-teacher-verdict', teacherVerdict.value);
  await expect(thPhone.getByTestId('history-teacher-verdict')).toHaveText(`Teacher: ${teacherVerdict.label}`);
  await expect(item.getByTestId('history-note')).toHaveText('Teacher’s note: Put the tongue between the teeth for TH.');
  if (heardOverride) {
    // The learner's chip is coloured by the teacher's verdict, and the teacher's diagnosis brings its tip.
    await expect(item.locator('[data-testid="history-phone"][data-phone="IY"]')).toHaveClass(/phone--mispronounced/);
    await expect(item.getByTestId('history-tip')).toContainText(findTip('IY', 'IH')!.text.en);
  }
  // The other learner's history does not show Bia's attempt.
  await learner.selectOption({ label: 'Learner' });
  await expect(page.getByTestId('history-attempt')).toHaveCount(0);
  await page.getByRole('button', { name: 'Teacher' }).click();
  await expect(page.getByRole('main')).toHaveAttribute('data-teacher', 'locked');

  // The teacher removes the first (empty) profile, after confirming; Bia and her attempt stay.
  await page.getByLabel('Teacher PIN').fill('2468');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Remove Learner' }).click();
  await expect(page.getByText('Remove Learner and their 0 recorded attempt(s)')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByTestId('learner')).toHaveCount(1);
  await expect(page.getByTestId('learner')).toHaveAttribute('data-learner-name', 'Bia');
  db = await stored(page);
  expect(db.learners.map((l) => l.name)).toEqual(['Bia']);
  expect(db.attempts.map((a) => a.id)).toEqual([attemptId]);
  await expect(learner.locator('option:checked')).toHaveText('Bia');
});
