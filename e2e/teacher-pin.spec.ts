/**
 * The teacher PIN guards the Share tab too (it exports the whole class) once a PIN is set; after three
 * wrong PINs the prompt counts down to the next try, refuses to submit until then, and accepts the
 * right PIN once the wait is over. At 360×640, in Portuguese, with learners on the device: no screen
 * is wider than the phone, and axe finds nothing serious.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { teacherStrings } from '../src/lessons/strings/teacher';
import { SharePage } from './support/SharePage';

const ts = teacherStrings('pt-BR');
/** With SOTAQUE_SCREENSHOTS=1 the countdown is saved for the docs. */
const SHOTS = process.env.SOTAQUE_SCREENSHOTS === '1' ? 'docs/screenshots' : null;

test.use({ viewport: { width: 360, height: 640 }, locale: 'pt-BR' });

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('Share needs the PIN once one is set; three wrong PINs start a countdown, after which the right PIN opens it', async ({ page }) => {
  test.setTimeout(90_000);
  const share = new SharePage(page);
  // Without a PIN, Share opens directly; seed a class with long names.
  await page.goto('/?screen=share');
  await expect(page.getByTestId('share-content')).toBeVisible();
  await share.seed(
    [
      { uid: 'learner-ana', name: 'Ana Conceição de Albuquerque Vasconcelos', attempts: 2 },
      { uid: 'learner-bia', name: 'Bia', attempts: 1 },
    ],
    0.4,
  );
  await page.reload();
  await share.expectCounts(2, 3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Set a PIN in teacher mode.
  await page.getByRole('button', { name: ts.navTeacher }).click();
  await page.getByLabel(ts.newPin).fill('2468');
  await page.getByLabel(ts.confirmPin).fill('2468');
  await page.getByRole('button', { name: ts.setPin }).click();
  await expect(page.getByText(ts.pinSaved)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: 'Abrir Ana Conceição de Albuquerque Vasconcelos' }).click();
  await expect(page.getByTestId('session')).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the sessions screen is wider than the phone').toBeLessThanOrEqual(360);
  expect(await seriousViolations(page)).toEqual([]);

  // Share is now behind the PIN (leaving teacher mode locked it).
  await page.getByRole('button', { name: 'Compartilhar' }).click();
  await expect(page.getByRole('main')).toHaveAttribute('data-teacher', 'locked');
  await expect(page.getByTestId('share-content')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Exportar/ })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Two wrong PINs: refused, no wait. The third starts a countdown.
  const pin = page.getByLabel(ts.pin);
  const unlock = page.getByRole('button', { name: ts.unlock });
  for (let i = 0; i < 2; i++) {
    await pin.fill('1111');
    await unlock.click();
    await expect(page.getByRole('alert')).toHaveText(ts.error_PIN_WRONG);
  }
  await pin.fill('1111');
  await unlock.click();
  const wait = page.getByTestId('pin-wait');
  await expect(wait).toBeVisible();
  const seconds = Number(await wait.getAttribute('data-seconds'));
  expect(seconds).toBeGreaterThanOrEqual(4);
  expect(seconds).toBeLessThanOrEqual(5);
  await expect(wait).toHaveText(ts.pinWait.replace('{seconds}', String(seconds)));
  await expect(unlock).toBeDisabled();
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/pin-countdown-360-pt-BR.png` });
  }
  // It counts down…
  await expect.poll(async () => Number((await wait.getAttribute('data-seconds')) ?? 0), { timeout: 5_000 }).toBeLessThan(seconds);
  expect(await seriousViolations(page)).toEqual([]);
  // …and once it is over, the right PIN opens Share.
  await expect(page.getByTestId('pin-wait-over')).toHaveText(ts.pinWaitOver, { timeout: 10_000 });
  await expect(unlock).toBeEnabled();
  await pin.fill('2468');
  await unlock.click();
  await expect(page.getByRole('main')).toHaveAttribute('data-teacher', 'open');
  await expect(page.getByTestId('share-content')).toBeVisible();
  await share.expectCounts(2, 3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
