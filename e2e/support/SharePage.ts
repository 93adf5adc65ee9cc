/**
 * Page object of the sharing screen, plus direct access to the app's IndexedDB (the raw API, not the
 * app's code): seeding learners with attempts and real WAV blobs, wiping, and a snapshot of what
 * sharing carries with local ids replaced by uids and audio as base64 (comparable across a wipe).
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export interface SeedLearner {
  readonly uid: string;
  readonly name: string;
  /** Attempts to record for this learner (each gets a distinct tone of `seconds`). */
  readonly attempts: number;
}

export interface ShareSnapshot {
  readonly learners: unknown[];
  readonly sessions: unknown[];
  readonly attempts: { readonly uid: string; readonly audio: string | null; readonly [key: string]: unknown }[];
  readonly reviews: unknown[];
  readonly teacherReferences: { readonly uid: string; readonly samples16k: number; readonly [key: string]: unknown }[];
}

/** Stores of the schema that sharing reads and writes. */
const STORES = ['learners', 'sessions', 'attempts', 'attemptAudio', 'reviews', 'teacherReferences'] as const;

export class SharePage {
  readonly main: Locator;
  readonly counts: Locator;
  readonly importInput: Locator;
  readonly importSummary: Locator;
  readonly refusal: Locator;
  readonly exportStatus: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.counts = page.getByTestId('share-counts');
    this.importInput = page.getByLabel(/Choose a Sotaque file|Escolha um arquivo do Sotaque/);
    this.importSummary = page.getByTestId('import-summary');
    this.refusal = page.getByRole('alert');
    this.exportStatus = page.getByTestId('export-status');
  }

  async open(): Promise<void> {
    await this.page.goto('/?screen=share');
    await expect(this.main).toHaveAttribute('data-screen', 'share');
    await expect(this.counts).toBeVisible();
  }

  async expectCounts(learners: number, attempts: number): Promise<void> {
    await expect(this.counts).toHaveAttribute('data-learners', String(learners));
    await expect(this.counts).toHaveAttribute('data-attempts', String(attempts));
  }

  /** Clicks an export button and returns the download it starts. */
  async export(button: RegExp): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button }).click();
    return download;
  }

  /** Chooses a file in the import control and waits until the import settled (summary or refusal). */
  async import(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.importInput.setInputFiles(file);
    await expect(this.page.getByTestId('share-content')).toHaveAttribute('data-busy', 'false');
    await expect(this.importSummary.or(this.refusal)).toBeVisible();
  }

  /** Adds learners, one session each, attempts with real WAV blobs (16-bit PCM tones), a review and a teacher reference. */
  async seed(learners: readonly SeedLearner[], seconds: number): Promise<void> {
    await this.page.evaluate(
      async ({ learners, seconds, stores }) => {
        const wav = (tone: number, rateHz: number): Blob => {
          const n = Math.round(seconds * rateHz);
          const view = new DataView(new ArrayBuffer(44 + 2 * n));
          const ascii = (o: number, s: string) => [...s].forEach((c, i) => view.setUint8(o + i, c.charCodeAt(0)));
          ascii(0, 'RIFF');
          view.setUint32(4, 36 + 2 * n, true);
          ascii(8, 'WAVE');
          ascii(12, 'fmt ');
          view.setUint32(16, 16, true);
          view.setUint16(20, 1, true);
          view.setUint16(22, 1, true);
          view.setUint32(24, rateHz, true);
          view.setUint32(28, 2 * rateHz, true);
          view.setUint16(32, 2, true);
          view.setUint16(34, 16, true);
          ascii(36, 'data');
          view.setUint32(40, 2 * n, true);
          for (let i = 0; i < n; i++) view.setInt16(44 + 2 * i, Math.round(8000 * Math.sin((2 * Math.PI * tone * i) / rateHz)), true);
          return new Blob([view.buffer], { type: 'audio/wav' });
        };
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('sotaque');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction([...stores], 'readwrite');
        const add = (store: string, value: unknown) =>
          new Promise<number>((resolve, reject) => {
            const request = tx.objectStore(store).add(value);
            request.onsuccess = () => resolve(request.result as number);
            request.onerror = () => reject(request.error);
          });
        const t0 = Date.UTC(2026, 10, 20, 14);
        let tone = 220;
        for (const [n, learner] of learners.entries()) {
          const learnerId = await add('learners', { uid: learner.uid, name: learner.name, language: 'pt-BR', createdAt: t0 + n });
          const sessionId = await add('sessions', { uid: `${learner.uid}-s1`, learnerId, startedAt: t0, lastAt: t0 + 60_000 * (learner.attempts - 1) });
          for (let i = 0; i < learner.attempts; i++) {
            const result = { id: 'x', text: 'three', score: 50 + i, warnings: [], words: [{ word: 'three', score: 50 + i, phones: [{ phone: 'TH', start: 0.1, end: 0.2, score: 20, verdict: 'mispronounced', heard: 'T' }] }] };
            const attemptId = await add('attempts', {
              uid: `${learner.uid}-a${i}`,
              learnerId,
              sessionId,
              itemId: 'th-w-three',
              pattern: 'TH',
              text: 'three',
              createdAt: t0 + 60_000 * i,
              status: 'assessed',
              durationSeconds: seconds,
              sampleRateHz: 16_000,
              result,
              error: null,
              modelVersion: 'e2e',
            });
            await add('attemptAudio', { attemptId, audio: wav((tone += 30), 16_000) });
            if (i === 0) await add('reviews', { attemptId, overrides: [{ word: 0, phone: 0, verdict: 'ok' }], note: `Muito bem, ${learner.name}`, updatedAt: t0 + 1 });
          }
        }
        await add('teacherReferences', { uid: 'teacher-ref-1', itemId: 'th-w-three', text: 'three', createdAt: t0, durationSeconds: seconds, sampleRateHz: 16_000, audio: wav(440, 16_000), samples16k: new Float32Array(8) });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { learners, seconds, stores: STORES },
    );
  }

  /** Empties every store that sharing touches. */
  async wipe(): Promise<void> {
    await this.page.evaluate(async (stores) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sotaque');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction([...stores], 'readwrite');
      for (const store of stores) tx.objectStore(store).clear();
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, STORES);
  }

  /** Everything sharing carries, local ids replaced by uids, audio as base64, sorted by uid. */
  async snapshot(): Promise<ShareSnapshot> {
    return this.page.evaluate(async (stores) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sotaque');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction([...stores], 'readonly');
      const all = (store: string) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = tx.objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
      const [learners, sessions, attempts, audio, reviews, references] = await Promise.all(stores.map(all));
      db.close();
      const base64 = async (blob: unknown) => {
        if (!(blob instanceof Blob)) return null;
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return `${blob.type}:${btoa(text)}`;
      };
      const uidOf = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [r.id, r.uid as string]));
      const [lUid, sUid, aUid] = [uidOf(learners), uidOf(sessions), uidOf(attempts)];
      const audioOf = new Map(audio.map((a) => [a.attemptId, a.audio]));
      const byKey = <T extends Record<string, unknown>>(rows: T[], key: string) => rows.sort((a, b) => String(a[key]).localeCompare(String(b[key])));
      return {
        learners: byKey(learners.map(({ id: _id, ...l }) => l), 'uid'),
        sessions: byKey(sessions.map(({ id: _id, learnerId, ...s }) => ({ ...s, learner: lUid.get(learnerId) })), 'uid'),
        attempts: byKey(
          await Promise.all(attempts.map(async ({ id, learnerId, sessionId, ...a }) => ({ ...a, uid: a.uid as string, learner: lUid.get(learnerId), session: sUid.get(sessionId) ?? null, audio: await base64(audioOf.get(id)) }))),
          'uid',
        ),
        reviews: byKey(reviews.map(({ attemptId, ...r }) => ({ ...r, attempt: aUid.get(attemptId) })), 'attempt'),
        teacherReferences: byKey(
          await Promise.all(references.map(async ({ id: _id, audio: blob, samples16k, ...t }) => ({ ...t, uid: t.uid as string, audio: await base64(blob), samples16k: samples16k instanceof Float32Array ? samples16k.length : -1 }))),
          'uid',
        ),
      };
    }, STORES);
  }
}
