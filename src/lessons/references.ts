/**
 * The shape of `public/references/index.json` (written by `make.ts`, read by the app) and the pure
 * helpers both sides share. No Node imports: the browser bundle reads this file too.
 */

/** A voice the references are spoken in. */
export interface ReferenceVoice {
  readonly id: string;
  /** festival voice name without the `voice_` prefix. */
  readonly festivalVoice: string;
  readonly sex: 'female' | 'male';
}

/** The two voices: clearly different (female HTS, male diphone). */
export const REFERENCE_VOICES: readonly ReferenceVoice[] = [
  { id: 'slt', festivalVoice: 'cmu_us_slt_arctic_hts', sex: 'female' },
  { id: 'kal', festivalVoice: 'kal_diphone', sex: 'male' },
];

/** A phone of a rendition, seconds from the start of its file; `word` indexes the clip's words (null for silence). */
export interface ReferencePhone {
  readonly phone: string;
  readonly start: number;
  readonly end: number;
  readonly word: number | null;
}

export interface ReferenceRendition {
  readonly voice: string;
  /** Path under /references/. */
  readonly file: string;
  readonly durationSeconds: number;
  /** Whether the voice said exactly the lesson's phones. */
  readonly matchesLesson: boolean;
  readonly phones: readonly ReferencePhone[];
}

export interface ReferenceClip {
  readonly text: string;
  /** The lesson's phones per word. */
  readonly phones: readonly (readonly string[])[];
  readonly renditions: readonly ReferenceRendition[];
}

export interface ReferenceIndex {
  readonly schemaVersion: 1;
  readonly bitrateKbps: number;
  readonly voices: readonly ReferenceVoice[];
  /** Clips by slug. */
  clips: Record<string, ReferenceClip>;
  /** Per lesson item id: its clip, and its partner word's clip for minimal pairs. */
  readonly items: Readonly<Record<string, { readonly clip: string; readonly partnerClip: string | null }>>;
}

/** Words of a text as festival should read them: letters, digits and apostrophes only. */
export function referenceWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^a-z0-9']/g, ''))
    .filter(Boolean);
}

/** File-name slug of a text: its words joined by hyphens (apostrophes dropped). */
export function referenceSlug(text: string): string {
  return referenceWords(text)
    .map((w) => w.replace(/'/g, ''))
    .join('-');
}
