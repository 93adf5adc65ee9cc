/** Page object of the teacher's voice screen (`?screen=teacher-voice`) and its `window.__sotaque.teacherVoice` snapshot. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { TeacherTestData } from '../../src/ui/testHooks';

export class TeacherVoicePage {
  readonly importInput: Locator;
  readonly imported: Locator;
  readonly count: Locator;
  readonly adapt: Locator;
  readonly progress: Locator;
  readonly decision: Locator;
  readonly result: Locator;
  readonly revert: Locator;
  readonly active: Locator;

  constructor(readonly page: Page) {
    this.importInput = page.getByLabel('Import WAV files');
    this.imported = page.getByTestId('teacher-imported');
    this.count = page.getByTestId('finetune-count');
    this.adapt = page.getByRole('button', { name: 'Adapt the model to my voice' });
    this.progress = page.getByRole('progressbar');
    this.decision = page.getByTestId('finetune-decision');
    this.result = page.getByTestId('finetune-result');
    this.revert = page.getByRole('button', { name: 'Revert to the base model' });
    this.active = page.getByTestId('finetune-active');
  }

  async open(): Promise<void> {
    await this.page.goto('/?screen=teacher-voice');
    await expect(this.page.getByRole('heading', { name: "Teacher's voice" })).toBeVisible();
  }

  async data(): Promise<TeacherTestData> {
    return this.page.evaluate(() => window.__sotaque!.teacherVoice);
  }

  /** Waits until the practice engine has published its probe posteriors, and returns them. */
  async probe(): Promise<readonly number[]> {
    await expect.poll(async () => (await this.data()).probe !== null, { timeout: 60_000 }).toBe(true);
    return (await this.data()).probe!;
  }
}
