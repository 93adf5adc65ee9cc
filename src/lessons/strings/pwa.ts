/**
 * UI strings of the offline app and on-device storage (update prompt, storage line, storage full),
 * in English and Brazilian Portuguese. Both tables have the same keys: a missing translation is a
 * type error.
 */
import type { TipLanguage } from '../tips';

const EN = {
  updateReady: 'A new version of Sotaque is ready.',
  updateReload: 'Reload',
  updateLater: 'Later',
  updateRegion: 'App update',
  updateApplying: 'Updating…',
  updateStuck: 'The new version will start the next time you open Sotaque: close it and open it again.',
  storageUsed: 'Storage used on this device: {used} of {quota} available.',
  storageUsedNoQuota: 'Storage used on this device: {used}.',
  storagePersisted: 'Your recordings are kept until you delete them.',
  storageNotPersisted: 'The browser may clear your recordings if the device runs low on space.',
  storageFullTitle: 'This device has no room for the new recording',
  storageFull:
    'Your earlier recordings are safe, but this one could not be saved because the storage for Sotaque is full. Download it now if you want to keep it, export your progress and delete old attempts to make room, then press “Try saving again”.',
  storageRetry: 'Try saving again',
  storageDownload: 'Download this recording (WAV)',
  storageSaved: 'Saved: the recording is now stored on this device.',
} as const;

export type PwaStringKey = keyof typeof EN;
export type PwaStrings = Record<PwaStringKey, string>;

const PT_BR: PwaStrings = {
  updateReady: 'Uma nova versão do Sotaque está pronta.',
  updateReload: 'Recarregar',
  updateLater: 'Depois',
  updateRegion: 'Atualização do app',
  updateApplying: 'Atualizando…',
  updateStuck: 'A nova versão começa na próxima vez que você abrir o Sotaque: feche-o e abra de novo.',
  storageUsed: 'Espaço usado neste aparelho: {used} de {quota} disponíveis.',
  storageUsedNoQuota: 'Espaço usado neste aparelho: {used}.',
  storagePersisted: 'Suas gravações ficam guardadas até você apagá-las.',
  storageNotPersisted: 'O navegador pode apagar suas gravações se o aparelho ficar sem espaço.',
  storageFullTitle: 'Não há espaço neste aparelho para a nova gravação',
  storageFull:
    'Suas gravações anteriores estão a salvo, mas esta não pôde ser guardada porque o espaço do Sotaque está cheio. Baixe-a agora se quiser guardá-la, exporte seu progresso e apague tentativas antigas para liberar espaço, e então toque em “Tentar salvar de novo”.',
  storageRetry: 'Tentar salvar de novo',
  storageDownload: 'Baixar esta gravação (WAV)',
  storageSaved: 'Salvo: a gravação agora está guardada neste aparelho.',
};

const TABLES: Record<TipLanguage, PwaStrings> = { en: EN, 'pt-BR': PT_BR };

/** The table for `language`. */
export function pwaStrings(language: TipLanguage): PwaStrings {
  return TABLES[language];
}

/** `template` with each `{name}` replaced by `values[name]`. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Bytes in the learner's language (src/lessons/strings/format.ts). */
export { formatBytes } from './format';
