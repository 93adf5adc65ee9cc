/**
 * Sharing between phones, through the user's eyes, with the real IndexedDB: learners' attempts (real
 * WAV blobs) are exported as a file via the Share tab, the database is wiped, the file is imported
 * back and everything (rows and audio bytes) is as before; a truncated copy and a foreign zip are
 * refused with the reason shown, in the chosen language, and nothing changes.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { SharePage, type ShareSnapshot } from './support/SharePage';

test.use({ viewport: { width: 360, height: 640 } });

/** The snapshot without teacher references' derived 16 kHz samples (recomputed from the WAV on import). */
const comparable = (s: ShareSnapshot) => ({ ...s, teacherReferences: s.teacherReferences.map(({ samples16k: _derived, ...t }) => t) });

test('export the class, wipe, import it back: identical data; damaged or foreign files are refused and change nothing', async ({ page }) => {
  const share = new SharePage(page);
  await share.open();
  await share.expectCounts(0, 0);
  await share.seed(
    [
      { uid: 'learner-ana', name: 'Ana Conceição', attempts: 2 },
      { uid: 'learner-bia', name: 'Bia', attempts: 1 },
    ],
    0.6,
  );
  await page.reload();
  await share.expectCounts(2, 3);
  const before = await share.snapshot();
  expect(before.attempts).toHaveLength(3);
  expect(before.attempts.every((a) => a.audio?.startsWith('audio/wav:UklGR'))).toBe(true); // "RIFF"

  // One learner, then the class.
  await page.getByRole('region', { name: 'Export' }).getByLabel('Learner').selectOption({ label: 'Bia' });
  const learnerFile = await share.export(/^Export this learner$/);
  expect(learnerFile.suggestedFilename()).toMatch(/^sotaque-bia-\d{4}-\d{2}-\d{2}\.zip$/);
  const classFile = await share.export(/^Export all learners \(class\)$/);
  expect(classFile.suggestedFilename()).toMatch(/^sotaque-class-\d{4}-\d{2}-\d{2}\.zip$/);
  await expect(share.exportStatus).toContainText(classFile.suggestedFilename());
  await expect(page.getByRole('link', { name: 'Download again' })).toHaveAttribute('download', classFile.suggestedFilename());
  const archivePath = await classFile.path();
  const archive = readFileSync(archivePath);
  expect(archive.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

  await share.wipe();
  await page.reload();
  await share.expectCounts(0, 0);

  await share.import(archivePath);
  await expect(share.importSummary).toContainText('Added: 2 learners, 2 sessions, 3 attempts, 2 reviews, and 1 teacher recording.');
  await share.expectCounts(2, 3);
  const after = await share.snapshot();
  expect(comparable(after)).toEqual(comparable(before));
  expect(after.teacherReferences[0].samples16k).toBeGreaterThan(0);

  // The same file again: nothing new.
  await share.import(archivePath);
  await expect(share.importSummary).toContainText('already on this phone; nothing changed');
  expect(await share.snapshot()).toEqual(after);

  // A truncated copy (as if cut off while sending): refused, with the reason, nothing changed.
  await share.import({ name: 'sotaque-class-cut.zip', mimeType: 'application/zip', buffer: archive.subarray(0, Math.floor(archive.length * 0.6)) });
  await expect(share.refusal).toHaveAttribute('data-refusal', 'TRUNCATED');
  await expect(share.refusal).toContainText('The file is incomplete');
  await expect(share.refusal).toContainText('nothing on this phone changed');
  expect(await share.snapshot()).toEqual(after);

  // A foreign zip, with the app in Portuguese: refused in Portuguese, nothing changed.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  const foreign = Buffer.from(zipSync({ 'fotos/praia.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'leia-me.txt': strToU8('oi') }));
  await share.import({ name: 'fotos.zip', mimeType: 'application/zip', buffer: foreign });
  await expect(share.refusal).toHaveAttribute('data-refusal', 'FOREIGN_ARCHIVE');
  await expect(share.refusal).toContainText('não foi feito pelo Sotaque');
  await expect(share.refusal).toContainText('nada neste celular mudou');
  expect(await share.snapshot()).toEqual(after);
  await share.expectCounts(2, 3);
  await page.screenshot({ path: test.info().outputPath('share-360.png'), fullPage: true });
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // Keyboard: the import control is reachable with Tab.
  await page.getByRole('button', { name: 'Exportar todos os alunos (turma)' }).focus();
  await page.keyboard.press('Tab');
  await expect(share.importInput).toBeFocused();
});
