/**
 * Practice-screen strings beyond the shared table (src/lessons/i18n.ts): the recording-level warnings
 * shown beside a result. Both languages have the same keys: a key missing from one is a type error.
 */
import type { TipLanguage } from '../tips';

/** The assessor's level warnings (src/assess `AssessWarning`; the UI indexes this table with them). */
export type LevelWarning = 'clipped' | 'noisy' | 'quiet';

export type WarningStrings = Readonly<Record<LevelWarning, string>> & { readonly title: string };

const EN: WarningStrings = {
  title: 'Check your recording',
  clipped: 'The recording is too loud: the sound was cut off (clipped), so this result may be wrong. Move the microphone a little further away or speak more softly, then record again.',
  noisy: 'There is a lot of background noise, so this result may be wrong. Find a quieter place and record again.',
  quiet: 'The recording is very quiet, so this result may be wrong. Speak a little louder or closer to the microphone.',
};

const PT: WarningStrings = {
  title: 'Confira sua gravação',
  clipped: 'A gravação ficou alta demais: o som foi cortado (saturou), então este resultado pode estar errado. Afaste um pouco o microfone ou fale mais baixo e grave de novo.',
  noisy: 'Há muito ruído de fundo, então este resultado pode estar errado. Procure um lugar mais silencioso e grave de novo.',
  quiet: 'A gravação ficou muito baixa, então este resultado pode estar errado. Fale um pouco mais alto ou mais perto do microfone.',
};

const TABLES: Readonly<Record<TipLanguage, WarningStrings>> = { en: EN, 'pt-BR': PT };

/** The recording-level warnings' strings in `language`. */
export function warningStrings(language: TipLanguage): WarningStrings {
  return TABLES[language];
}
