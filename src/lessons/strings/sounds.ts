/**
 * The 39 English sounds of the phone set (src/model/phones.ts) in learner words: how the sound is
 * usually spelt, and a common word that has it. The result screen shows "th → t" with "th as in
 * think, sounded like t as in tea" instead of ARPAbet codes; the codes stay in data attributes.
 */
import { PHONES } from '../../model/phones';
import type { TipLanguage } from '../tips';

export interface SoundName {
  /** How a learner would write it ("th", "ee"). */
  readonly label: string;
  /** A common English word with the sound. */
  readonly example: string;
}

const SOUNDS: Readonly<Record<string, SoundName>> = {
  AA: { label: 'ah', example: 'hot' },
  AE: { label: 'a', example: 'cat' },
  AH: { label: 'u', example: 'cup' },
  AO: { label: 'aw', example: 'law' },
  AW: { label: 'ow', example: 'now' },
  AY: { label: 'ai', example: 'time' },
  B: { label: 'b', example: 'bed' },
  CH: { label: 'ch', example: 'chair' },
  D: { label: 'd', example: 'day' },
  DH: { label: 'th', example: 'this' },
  EH: { label: 'e', example: 'bed' },
  ER: { label: 'er', example: 'bird' },
  EY: { label: 'ei', example: 'day' },
  F: { label: 'f', example: 'fan' },
  G: { label: 'g', example: 'go' },
  HH: { label: 'h', example: 'hat' },
  IH: { label: 'i', example: 'sit' },
  IY: { label: 'ee', example: 'see' },
  JH: { label: 'j', example: 'job' },
  K: { label: 'k', example: 'key' },
  L: { label: 'l', example: 'leg' },
  M: { label: 'm', example: 'man' },
  N: { label: 'n', example: 'no' },
  NG: { label: 'ng', example: 'sing' },
  OW: { label: 'o', example: 'go' },
  OY: { label: 'oi', example: 'boy' },
  P: { label: 'p', example: 'pen' },
  R: { label: 'r', example: 'red' },
  S: { label: 's', example: 'sun' },
  SH: { label: 'sh', example: 'she' },
  T: { label: 't', example: 'tea' },
  TH: { label: 'th', example: 'think' },
  UH: { label: 'oo', example: 'book' },
  UW: { label: 'oo', example: 'food' },
  V: { label: 'v', example: 'van' },
  W: { label: 'w', example: 'we' },
  Y: { label: 'y', example: 'yes' },
  Z: { label: 'z', example: 'zoo' },
  ZH: { label: 'zh', example: 'vision' },
};

/** The learner's name of a phone; an unknown code (or SIL) names itself. */
export function soundName(phone: string): SoundName {
  return SOUNDS[phone] ?? { label: phone.toLowerCase(), example: '' };
}

/** A phone's label alone ("th"). */
export function soundLabel(phone: string): string {
  return soundName(phone).label;
}

/** "th as in “think”" / "th de “think”". */
export function soundWithExample(phone: string, language: TipLanguage): string {
  const { label, example } = soundName(phone);
  if (!example) return `“${label}”`;
  return language === 'pt-BR' ? `“${label}” de “${example}”` : `“${label}” as in “${example}”`;
}

/** What was heard, in a sentence: "“th” as in “think” sounded like “t” as in “tea”." */
export function heardSentence(phone: string, heard: string, language: TipLanguage): string {
  const joined = language === 'pt-BR' ? 'soou como' : 'sounded like';
  return `${soundWithExample(phone, language)} ${joined} ${soundWithExample(heard, language)}.`;
}

/** The phones that have a name: every phone of the model but silence (for tests). */
export const NAMED_PHONES: readonly string[] = PHONES.filter((p) => p !== 'SIL');
