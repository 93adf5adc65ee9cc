/**
 * The phone-sized layout (360×640), in both languages: on the practice screen the item, the native
 * button and Record are inside the first viewport without scrolling (the tab bar covers none of
 * them); no screen is wider than the phone; every screen passes axe (WCAG 2.1 A/AA, serious and
 * critical); every button is styled (no grey browser default) and at least 44 px tall.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { t } from '../src/lessons/i18n';

test.use({ viewport: { width: 360, height: 640 } });

const LANGUAGES = ['en', 'pt-BR'] as const;
const SCREENS = ['practice', 'record', 'share', 'teacher', 'teacher-voice'] as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Bottom of the viewport not covered by the fixed tab bar. */
async function visibleBottom(page: Page): Promise<number> {
  return page.locator('nav.tabs').evaluate((el) => el.getBoundingClientRect().top);
}

for (const language of LANGUAGES) {
  test(`practice at 360×640 (${language}): the item, the native button and Record are in the first viewport`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 640 }, locale: language === 'en' ? 'en-US' : 'pt-BR' });
    const page = await context.newPage();
    await page.goto('/');
    const s = t(language);
    // Its accessible name is its visible label.
    const record = page.getByRole('button', { name: s.record, exact: true });
    await expect(record).toHaveText(s.record);
    await expect(record).toBeVisible();
    const bottom = await visibleBottom(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const target of [page.getByTestId('item').locator('.item__text'), page.getByRole('button', { name: s.playNative, exact: true }), record]) {
      const box = (await target.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(bottom);
    }
    // The first run's learner is named in the UI language.
    await expect(page.getByRole('combobox', { name: language === 'en' ? 'Learner' : 'Aluno' }).locator('option:checked')).toHaveText(language === 'en' ? 'Learner' : 'Aluno');
    await context.close();
  });

  test(`every screen at 360 px (${language}) fits the width, passes axe, and has styled buttons of at least 44 px`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 640 }, locale: language === 'en' ? 'en-US' : 'pt-BR' });
    const page = await context.newPage();
    for (const screen of SCREENS) {
      await page.goto(screen === 'practice' ? '/' : `/?screen=${screen}`);
      await expect(page.getByRole('main')).toBeVisible();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${screen} is wider than the phone`).toBeLessThanOrEqual(360);
      expect(await seriousViolations(page), screen).toEqual([]);
      const buttons = await page.locator('button:visible, .file-button:visible').evaluateAll((els) =>
        els.map((el) => {
          const style = getComputedStyle(el);
          const rect = el.getBoundingClientRect();
          return { text: (el.textContent ?? '').trim(), height: rect.height, width: rect.width, background: style.backgroundColor, border: style.borderStyle };
        }),
      );
      for (const b of buttons) {
        expect(b.height, `${screen}: “${b.text}” is too short`).toBeGreaterThanOrEqual(44);
        expect(b.width, `${screen}: “${b.text}” is too narrow`).toBeGreaterThanOrEqual(44);
        // The browser default is a grey (rgb(239, 239, 239)) outset button.
        expect(b.background, `${screen}: “${b.text}” has the browser's default look`).not.toBe('rgb(239, 239, 239)');
      }
    }
    await context.close();
  });
}
