/**
 * Spaced review on the practice screen: a sound the learner got wrong yesterday is due today, named in
 * learner words with its lesson, and its drill button opens an item of that lesson with the sound.
 * The attempt is written into IndexedDB with the raw API, as an earlier version of the app would have.
 */
import { expect, test } from '@playwright/test';
import { progressStrings } from '../src/lessons/strings/progress';
import { PracticePage } from './support/PracticePage';

test.use({ viewport: { width: 360, height: 640 }, locale: 'pt-BR' });

test('a sound missed yesterday is due today, with a drill that opens an item that has it', async ({ page }) => {
  const practice = new PracticePage(page);
  await practice.open();
  await expect(page.getByTestId('due-today')).toHaveCount(0); // no attempts yet: the empty progress panel
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sotaque');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['learners', 'attempts', 'settings'], 'readwrite');
    const learnerId = await new Promise<number>((resolve) => {
      const r = tx.objectStore('learners').add({ uid: 'learner-seed', name: 'Ana', language: 'pt-BR', createdAt: 1 });
      r.onsuccess = () => resolve(r.result as number);
    });
    tx.objectStore('settings').put({ key: 'activeLearnerId', value: learnerId });
    const yesterday = Date.now() - 26 * 3_600_000;
    const phones = [
      { phone: 'TH', start: 0.3, end: 0.4, score: 20, verdict: 'mispronounced', heard: 'T' },
      { phone: 'R', start: 0.4, end: 0.5, score: 90, verdict: 'ok', heard: null },
      { phone: 'IY', start: 0.5, end: 0.7, score: 90, verdict: 'ok', heard: null },
    ];
    tx.objectStore('attempts').add({
      uid: 'attempt-seed', learnerId, sessionId: null, itemId: 'th-w-three', pattern: 'TH', text: 'three', createdAt: yesterday, status: 'assessed',
      durationSeconds: 1, sampleRateHz: 16000, result: { id: 'a', text: 'three', score: 60, warnings: [], words: [{ word: 'three', score: 60, phones }] }, error: null, modelVersion: 'v1', refusal: null,
    });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.reload();
  const due = page.getByTestId('due-today');
  await expect(due).toHaveAttribute('data-due', '1');
  const entry = due.getByRole('listitem');
  await expect(entry).toHaveAttribute('data-phone', 'TH');
  await expect(entry).toContainText('“th” de “think”');
  await expect(entry).toContainText(progressStrings('pt-BR').dueLapses(1));
  // The drill is the TH lesson's least-practised item with TH: not "three", done yesterday.
  const drill = entry.getByTestId('due-drill');
  await drill.click();
  await expect(practice.item).not.toHaveValue('th-w-three');
  await expect(practice.itemPhones).toHaveAttribute('data-phones', /\bTH\b/);
  await expect(page.getByTestId('item')).toBeInViewport();
});
