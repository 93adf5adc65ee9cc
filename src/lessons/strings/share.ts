/**
 * Strings of the sharing panel (export/import of a class archive), in English and Brazilian
 * Portuguese. `{name}` placeholders are filled by `fillShare`. Refusals are keyed `refuse_<CODE>` by
 * the import's error codes (src/db/shareErrors.ts).
 */
import type { TipLanguage } from '../tips';

const EN = {
  navShare: 'Share',
  title: 'Share between phones',
  intro: 'Move recordings between phones without internet: export a file, send it through a messaging app, and import it on the other phone. Nothing already there is duplicated.',
  onDevice: 'On this phone: {list}.',
  exportTitle: 'Export',
  learner: 'Learner',
  noLearners: 'No learners on this phone yet. Practise first, or import a file.',
  exportLearner: 'Export this learner',
  exportAll: 'Export all learners (class)',
  classFileName: 'class',
  exporting: 'Preparing the file…',
  exported: 'Ready: {file} ({size}). It was downloaded; send it with a messaging app.',
  downloadAgain: 'Download again',
  shareFile: 'Send with…',
  exportFailed: 'The file could not be made: {reason}',
  exportTooLarge: 'That would make a file too large to send and import safely. Export the learners one at a time.',
  importTitle: 'Import',
  importLabel: 'Choose a Sotaque file (.zip) to import',
  importHint: 'The file is checked completely before anything is saved; a damaged or foreign file changes nothing.',
  importing: 'Checking and importing…',
  imported: 'Imported {file}.',
  added: 'Added: {list}.',
  skipped: 'Already on this phone (skipped): {skipped}.',
  nothingNew: 'Everything in this file was already on this phone; nothing changed.',
  refused: 'This file was not imported, and nothing on this phone changed.',
  refuse_NOT_AN_ARCHIVE: 'It is not a Sotaque file (not a zip archive). Choose the .zip file that Sotaque exported.',
  refuse_TRUNCATED: 'The file is incomplete: it was probably cut off while being sent or downloaded. Ask for it again.',
  refuse_FOREIGN_ARCHIVE: 'This zip file was not made by Sotaque. Choose a file exported with “Export”.',
  refuse_NEWER_VERSION: 'This file was made by a newer version of Sotaque. Update the app (reload it while online), then import again.',
  refuse_TOO_LARGE: 'The file is too large to import safely on this phone. Export fewer learners at a time.',
  refuse_CORRUPT_ENTRY: 'The file is damaged: some of its content does not match what it declares. Ask for it again.',
  refuse_AUDIO_UNREADABLE: 'A recording inside the file cannot be read. Ask for the file again.',
  refuse_INVALID_DATA: 'The file’s content is not valid for this app. Ask for the file again, exported from Sotaque.',
  refuse_WRITE_FAILED: 'The file is fine but this phone could not store it (is storage full?). Free some space and try again.',
  details: 'Details',
} as const;

export type ShareStringKey = keyof typeof EN;
export type ShareStrings = { readonly [K in ShareStringKey]: string };

const PT: ShareStrings = {
  // The soft hyphen lets the word break as com-par-ti-lhar in the phone's bottom tab bar.
  navShare: 'Compar\u00ADtilhar',
  title: 'Compartilhar entre celulares',
  intro: 'Leve as gravações de um celular para outro sem internet: exporte um arquivo, envie por um aplicativo de mensagens e importe no outro celular. O que já estiver lá não é duplicado.',
  onDevice: 'Neste celular: {list}.',
  exportTitle: 'Exportar',
  learner: 'Aluno',
  noLearners: 'Ainda não há alunos neste celular. Pratique primeiro, ou importe um arquivo.',
  exportLearner: 'Exportar este aluno',
  exportAll: 'Exportar todos os alunos (turma)',
  classFileName: 'turma',
  exporting: 'Preparando o arquivo…',
  exported: 'Pronto: {file} ({size}). O arquivo foi baixado; envie por um aplicativo de mensagens.',
  downloadAgain: 'Baixar de novo',
  shareFile: 'Enviar com…',
  exportFailed: 'Não foi possível criar o arquivo: {reason}',
  exportTooLarge: 'Isso criaria um arquivo grande demais para enviar e importar com segurança. Exporte os alunos um de cada vez.',
  importTitle: 'Importar',
  importLabel: 'Escolha um arquivo do Sotaque (.zip) para importar',
  importHint: 'O arquivo é todo conferido antes de qualquer coisa ser salva; um arquivo danificado ou estranho não muda nada.',
  importing: 'Conferindo e importando…',
  imported: '{file} importado.',
  added: 'Adicionado: {list}.',
  skipped: 'Já estavam neste celular (ignorados): {skipped}.',
  nothingNew: 'Tudo neste arquivo já estava neste celular; nada mudou.',
  refused: 'Este arquivo não foi importado, e nada neste celular mudou.',
  refuse_NOT_AN_ARCHIVE: 'Não é um arquivo do Sotaque (não é um arquivo zip). Escolha o arquivo .zip que o Sotaque exportou.',
  refuse_TRUNCATED: 'O arquivo está incompleto: provavelmente foi cortado ao ser enviado ou baixado. Peça o arquivo de novo.',
  refuse_FOREIGN_ARCHIVE: 'Este arquivo zip não foi feito pelo Sotaque. Escolha um arquivo exportado com “Exportar”.',
  refuse_NEWER_VERSION: 'Este arquivo foi feito por uma versão mais nova do Sotaque. Atualize o aplicativo (recarregue com internet) e importe de novo.',
  refuse_TOO_LARGE: 'O arquivo é grande demais para importar com segurança neste celular. Exporte menos alunos de cada vez.',
  refuse_CORRUPT_ENTRY: 'O arquivo está danificado: parte do conteúdo não confere com o que ele declara. Peça o arquivo de novo.',
  refuse_AUDIO_UNREADABLE: 'Uma gravação dentro do arquivo não pode ser lida. Peça o arquivo de novo.',
  refuse_INVALID_DATA: 'O conteúdo do arquivo não é válido para este aplicativo. Peça o arquivo de novo, exportado pelo Sotaque.',
  refuse_WRITE_FAILED: 'O arquivo está certo, mas este celular não conseguiu guardá-lo (o armazenamento está cheio?). Libere espaço e tente de novo.',
  details: 'Detalhes',
};

/** Both tables (for tests: every key translated, none empty). */
export const SHARE_STRINGS: Readonly<Record<TipLanguage, ShareStrings>> = { 'pt-BR': PT, en: EN };

/** The sharing strings of one language. */
export function shareStrings(language: TipLanguage): ShareStrings {
  return SHARE_STRINGS[language];
}

/** Things the panel counts. */
export type ShareCountKind = 'learners' | 'sessions' | 'attempts' | 'reviews' | 'teacherReferences';

type CountForms = { readonly [K in ShareCountKind]: { readonly one: string; readonly other: string } };

const COUNT_FORMS: Readonly<Record<TipLanguage, CountForms>> = {
  en: {
    learners: { one: '{n} learner', other: '{n} learners' },
    sessions: { one: '{n} session', other: '{n} sessions' },
    attempts: { one: '{n} attempt', other: '{n} attempts' },
    reviews: { one: '{n} review', other: '{n} reviews' },
    teacherReferences: { one: '{n} teacher recording', other: '{n} teacher recordings' },
  },
  'pt-BR': {
    learners: { one: '{n} aluno', other: '{n} alunos' },
    sessions: { one: '{n} sessão', other: '{n} sessões' },
    attempts: { one: '{n} tentativa', other: '{n} tentativas' },
    reviews: { one: '{n} revisão', other: '{n} revisões' },
    teacherReferences: { one: '{n} gravação do professor', other: '{n} gravações do professor' },
  },
};

/** "3 attempts", "1 tentativa": the count with the noun in the language's plural form. */
export function countPhrase(language: TipLanguage, kind: ShareCountKind, n: number): string {
  const forms = COUNT_FORMS[language][kind];
  return (n === 1 ? forms.one : forms.other).replace('{n}', String(n));
}

/** Several counts as one phrase ("2 learners, 3 attempts and 1 review"), leaving out zeros unless all are. */
export function countList(language: TipLanguage, counts: Partial<Record<ShareCountKind, number>>): string {
  const entries = (Object.entries(counts) as [ShareCountKind, number][]).filter(([, n]) => n > 0);
  const shown = entries.length ? entries : (Object.entries(counts) as [ShareCountKind, number][]);
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(shown.map(([kind, n]) => countPhrase(language, kind, n)));
}

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible (caught by tests). */
export function fillShare(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
