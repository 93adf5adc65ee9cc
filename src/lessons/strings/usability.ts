/**
 * Why a take was refused instead of scored (src/assess/usability `RefusalReason`), with what to do,
 * in both languages. Both tables have the same keys: a key missing from one is a type error.
 */
import type { TipLanguage } from '../tips';

/** The reasons of src/assess/usability.ts (lessons is data: the type is restated, and a test keeps them equal). */
export type RefusalCode = 'silent' | 'clipped' | 'too-long' | 'word-count';

export interface RefusalStrings {
  /** Heading of the refusal notice. */
  readonly title: string;
  /** Shown under it: the take is kept, not scored, not counted. */
  readonly kept: string;
  /** Teacher's list: the label of a refused attempt. */
  readonly refused: string;
  readonly reasons: Readonly<Record<RefusalCode, string>>;
}

const EN: RefusalStrings = {
  title: 'Please record that again',
  kept: 'This take was not scored and does not count in your progress.',
  refused: 'Not scored',
  reasons: {
    silent: 'We heard nothing. Check that the microphone is on and close to you, press Record and say the item.',
    clipped: 'The recording was so loud that the sound was cut off. Hold the microphone a little further away or speak more softly, and record a new take.',
    'too-long': 'That was much longer than the item. Record just the item: press Record, say it once, and stop.',
    'word-count': 'We heard more words than the item has. Record just the item: press Record, say it once, and stop.',
  },
};

const PT: RefusalStrings = {
  title: 'Grave de novo, por favor',
  kept: 'Esta gravação não recebeu nota e não conta no seu progresso.',
  refused: 'Sem nota',
  reasons: {
    silent: 'Não ouvimos nada. Confira se o microfone está ligado e perto de você, toque em Gravar e diga o item.',
    clipped: 'A gravação ficou tão alta que o som foi cortado. Afaste um pouco o microfone ou fale mais baixo e grave de novo.',
    'too-long': 'Ficou bem mais longo que o item. Grave só o item: toque em Gravar, diga uma vez e pare.',
    'word-count': 'Ouvimos mais palavras do que o item tem. Grave só o item: toque em Gravar, diga uma vez e pare.',
  },
};

const TABLES: Readonly<Record<TipLanguage, RefusalStrings>> = { en: EN, 'pt-BR': PT };

/** The refusal strings in `language`. */
export function refusalStrings(language: TipLanguage): RefusalStrings {
  return TABLES[language];
}
