/** Shapes shared by the corpus planner, the synthesis workers and the index (see training/CORPUS-FORMAT.md). */
import type { Phone } from '../../src/model/phones';
import type { Engine } from './phoneMap';

/** Voice families of docs/CONTRACTS.md: splits hold out whole families so no speaker leaks. */
export const FAMILIES = ['espeak', 'kal', 'ked', 'slt', 'awb', 'rms'] as const;
export type Family = (typeof FAMILIES)[number];

/** Brazilian-learner contrasts the recipe weights (tags of the index's `contrast` field). */
export const CONTRASTS = ['TH/T', 'TH/F', 'TH/S', 'DH/D', 'DH/Z', 'IH/IY', 'AE/EH', 'UH/UW', 'AH/AA', 'R/HH', 'T/CH', 'D/JH', 'final-vowel'] as const;
export type Contrast = (typeof CONTRASTS)[number];

/** Phones of the Brazilian contrasts (the corpus aims at ≥ 5 000 frames each). */
export const CONTRAST_PHONES: readonly Phone[] = ['TH', 'T', 'F', 'S', 'DH', 'D', 'Z', 'IH', 'IY', 'EH', 'AE', 'UH', 'UW', 'AH', 'AA', 'R', 'HH', 'CH', 'JH'];

/** Engine settings of one utterance; only those the engine understands are set. */
export interface VoiceSettings {
  /** espeak words per minute. */
  readonly rateWpm?: number;
  /** espeak pitch, 0–100. */
  readonly pitch?: number;
  /** espeak pitch range, 0–100. */
  readonly pitchRange?: number;
  /** festival Duration_Stretch / flite duration_stretch (> 1 is slower). */
  readonly durationStretch?: number;
  /** festival HTS speech speed (hts_engine -r; > 1 is faster). */
  readonly htsSpeed?: number;
  /** festival HTS pitch shift in half-tones (hts_engine -fm). */
  readonly htsHalfTones?: number;
}

/** A deliberate mispronunciation, labelled as what was said. */
export type Variant =
  | {
      readonly kind: 'substitution';
      readonly contrast: Contrast;
      /** Index of the word in the utterance. */
      readonly word: number;
      /** Index of the phone in the word's canonical pronunciation. */
      readonly index: number;
      readonly expected: Phone;
      readonly said: Phone;
    }
  | {
      readonly kind: 'epenthesis';
      readonly contrast: 'final-vowel';
      readonly word: number;
      /** The word-final consonant the vowel follows. */
      readonly after: Phone;
      /** The added vowel. */
      readonly vowel: Phone;
    };

/** A word of an utterance as planned. */
export interface PlannedWord {
  /** The word as written (lower case). */
  readonly text: string;
  /** Its canonical pronunciation (CMUdict's first, with stress digits). */
  readonly canonical: readonly string[];
  /** The pronunciation meant to be spoken (the canonical one unless it carries the variant). */
  readonly spoken: readonly string[];
  /** Spoken from a phone string rather than from the text. */
  readonly phoneInput: boolean;
  /** Punctuation after the word. */
  readonly punct: '' | ',' | '.' | '?';
}

/** Which part of the recipe an utterance serves. */
export type UtteranceSet = 'pair' | 'variant' | 'coverage' | 'common';

/** One source utterance to synthesise (augmented copies share its `id` as their `sourceId`). */
export interface UtteranceSpec {
  readonly id: string;
  readonly engine: Engine;
  /** The engine's voice name (espeak: accent+variant, e.g. `en-us+m3`). */
  readonly voice: string;
  readonly family: Family;
  readonly settings: VoiceSettings;
  readonly set: UtteranceSet;
  readonly contrast: readonly Contrast[];
  readonly words: readonly PlannedWord[];
  readonly variant: Variant | null;
  /** Seed of everything random about this utterance's copies. */
  readonly seed: number;
  /** Augmented copies to make besides the clean one. */
  readonly copies: number;
}

/** A unit of work: utterances of one voice, written to one shard. */
export interface WorkUnit {
  readonly shard: number;
  readonly engine: Engine;
  readonly voice: string;
  readonly family: Family;
  readonly utterances: readonly UtteranceSpec[];
}

/** The text an utterance displays (and what non-phone engines read). */
export function utteranceText(words: readonly PlannedWord[]): string {
  return words.map((w) => w.text + w.punct).join(' ');
}
