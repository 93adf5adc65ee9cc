/** Settings: the UI language (pt-BR or en), defaulting to the browser's, remembered on the device. */
import type { StateCreator } from 'zustand/vanilla';
import type { TipLanguage } from '../lessons/tips';

export const LANGUAGE_STORAGE_KEY = 'sotaque.language.v1';

export interface SettingsSlice {
  readonly settings: { readonly language: TipLanguage };
  setLanguage(language: TipLanguage): void;
}

/** pt-BR for any Portuguese browser language (pt, pt-BR, pt-PT…), else English. */
export function languageFromBrowser(languages: readonly string[]): TipLanguage {
  return languages.some((l) => l.toLowerCase().startsWith('pt')) ? 'pt-BR' : 'en';
}

/** The remembered choice, else the browser's languages (outside a browser: English). */
export function initialLanguage(): TipLanguage {
  try {
    const saved = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    if (saved === 'pt-BR' || saved === 'en') return saved;
  } catch {
    // storage blocked: fall through to the browser's language
  }
  const nav = globalThis.navigator;
  return nav ? languageFromBrowser(nav.languages?.length ? nav.languages : [nav.language ?? 'en']) : 'en';
}

export function createSettingsSlice<S extends SettingsSlice>(): StateCreator<S, [], [], SettingsSlice> {
  return (set) => ({
    settings: { language: initialLanguage() },
    setLanguage(language) {
      try {
        globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
      } catch {
        // not remembered; the choice still applies now
      }
      set((state) => ({ settings: { ...state.settings, language } }) as Partial<S>);
    },
  });
}
