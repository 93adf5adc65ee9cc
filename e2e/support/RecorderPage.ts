/**
 * Page object of the recorder screen: what a learner sees and does (roles and labels), plus the
 * `window.__sotaque` data snapshot for assertions on data (src/ui/testHooks.ts).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { SotaqueTestData } from '../../src/ui/testHooks';

export class RecorderPage {
  readonly recordButton: Locator;
  readonly stopButton: Locator;
  readonly status: Locator;
  readonly problem: Locator;
  readonly elapsed: Locator;
  readonly levelMeter: Locator;
  readonly waveform: Locator;
  readonly playButton: Locator;
  readonly spectrogram: Locator;
  readonly melPath: Locator;
  readonly melReason: Locator;

  constructor(readonly page: Page) {
    this.recordButton = page.getByRole('button', { name: 'Start recording' });
    this.stopButton = page.getByRole('button', { name: 'Stop recording' });
    this.status = page.getByRole('status');
    this.problem = page.getByRole('alert');
    this.elapsed = page.getByTestId('elapsed');
    this.levelMeter = page.getByRole('meter', { name: 'Microphone level' });
    this.waveform = page.getByRole('img', { name: /Waveform of your recording/ });
    this.playButton = page.getByRole('button', { name: /Play|Pause/ });
    this.spectrogram = page.getByRole('img', { name: /Log-mel spectrogram/ });
    this.melPath = page.getByTestId('mel-path');
    this.melReason = page.getByTestId('mel-reason');
  }

  /** Opens the free recording screen (`screen=record`) with optional URL parameters (`maxSeconds`, `selfCheck`, `mel`). */
  async open(params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams({ screen: 'record', ...params }).toString();
    await this.page.goto(`/?${query}`);
    await expect(this.recordButton).toBeEnabled();
  }

  async startRecording(): Promise<void> {
    await this.recordButton.click();
  }

  /** The elapsed time the screen shows, in seconds. */
  async elapsedSeconds(): Promise<number> {
    const text = (await this.elapsed.textContent()) ?? '0:00.0';
    const [minutes, seconds] = text.split(':');
    return Number(minutes) * 60 + Number(seconds);
  }

  /** Waits until the clock shows at least `seconds`, then presses Stop. */
  async stopAfter(seconds: number): Promise<void> {
    await expect.poll(() => this.elapsedSeconds(), { timeout: 60_000 }).toBeGreaterThanOrEqual(seconds);
    await this.stopButton.click();
  }

  /** Waits for the recording to be processed (or refused) and returns the screen's final status. */
  async waitUntilSettled(): Promise<'done' | 'error'> {
    const main = this.page.getByRole('main');
    await expect(main).toHaveAttribute('data-status', /^(done|error)$/, { timeout: 90_000 });
    return (await main.getAttribute('data-status')) as 'done' | 'error';
  }

  /** The app's data snapshot (typed arrays come across intact). */
  async data(): Promise<SotaqueTestData> {
    const data = await this.page.evaluate(() => window.__sotaque);
    if (!data) throw new Error('window.__sotaque is missing: is this the Sotaque app?');
    return data;
  }
}
