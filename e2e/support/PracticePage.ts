/**
 * Page object of the practice screen: what a learner sees and does (roles and labels), the
 * `window.__sotaque.practice` snapshot (src/ui/testHooks.ts) and the attempts stored in IndexedDB.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { t } from '../../src/lessons/i18n';
import type { PracticeTestData } from '../../src/ui/testHooks';

export interface StoredAttempt {
  readonly id: number;
  readonly itemId: string;
  readonly status: string;
  readonly error: { code: string } | null;
  readonly refusal: { reason: string } | null;
  readonly audioBytes: number | null;
  readonly audioType: string | null;
  readonly durationSeconds: number;
  readonly sampleRateHz: number;
}

export class PracticePage {
  readonly main: Locator;
  readonly lesson: Locator;
  readonly item: Locator;
  readonly itemPhones: Locator;
  readonly status: Locator;
  readonly phones: Locator;
  readonly tips: Locator;
  readonly overlay: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.lesson = page.getByRole('combobox', { name: /Lesson|Lição/ });
    this.item = page.getByRole('combobox', { name: /^(Item)$/ });
    this.itemPhones = page.getByTestId('item-phones');
    this.status = page.getByRole('status');
    this.phones = page.getByTestId('phone');
    this.tips = page.getByTestId('tip');
    this.overlay = page.getByTestId('overlay');
  }

  /** The Record button: its accessible name is its visible label ("Record" / "Gravar"). */
  recordButton(language: 'en' | 'pt-BR' = 'en'): Locator {
    return this.page.getByRole('button', { name: t(language).record, exact: true });
  }

  /** The same button while recording ("Stop" / "Parar"). */
  stopButton(language: 'en' | 'pt-BR' = 'en'): Locator {
    return this.page.getByRole('button', { name: t(language).stop, exact: true });
  }

  async open(params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams(params).toString();
    await this.page.goto(query ? `/?${query}` : '/');
    await expect(this.main).toHaveAttribute('data-screen', 'practice');
  }

  /** Waits for the attempt to be assessed, to fail, or to be refused as unusable, and returns the final status. */
  async waitUntilSettled(): Promise<'done' | 'error' | 'refused'> {
    await expect(this.main).toHaveAttribute('data-status', /^(done|error|refused)$/, { timeout: 90_000 });
    return (await this.main.getAttribute('data-status')) as 'done' | 'error' | 'refused';
  }

  async data(): Promise<PracticeTestData> {
    const data = await this.page.evaluate(() => window.__sotaque?.practice);
    if (!data) throw new Error('window.__sotaque.practice is missing');
    return data;
  }

  /** The attempts in the app's IndexedDB (read with the raw API, not the app's code), with their audio sizes. */
  async storedAttempts(): Promise<StoredAttempt[]> {
    return this.page.evaluate(
      () =>
        new Promise<StoredAttempt[]>((resolve, reject) => {
          const request = indexedDB.open('sotaque');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const tx = db.transaction(['attempts', 'attemptAudio'], 'readonly');
            const attempts = tx.objectStore('attempts').getAll();
            const audio = tx.objectStore('attemptAudio').getAll();
            tx.oncomplete = () => {
              const blobs = new Map((audio.result as { attemptId: number; audio: Blob }[]).map((a) => [a.attemptId, a.audio]));
              resolve(
                (attempts.result as { id: number; itemId: string; status: string; error: { code: string } | null; refusal?: { reason: string } | null; durationSeconds: number; sampleRateHz: number }[]).map((a) => ({
                  id: a.id,
                  itemId: a.itemId,
                  status: a.status,
                  error: a.error,
                  refusal: a.refusal ?? null,
                  audioBytes: blobs.get(a.id)?.size ?? null,
                  audioType: blobs.get(a.id)?.type ?? null,
                  durationSeconds: a.durationSeconds,
                  sampleRateHz: a.sampleRateHz,
                })),
              );
              db.close();
            };
          };
        }),
    );
  }
}
