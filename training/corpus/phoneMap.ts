/**
 * Engines' phone names → the 40 classes of docs/CONTRACTS.md.
 *
 * festival and flite name phones like CMUdict in lower case (plus `ax` and `pau`). espeak-ng reports
 * IPA with stress marks; those are stripped, then the table below applies. Some espeak sounds have
 * no single ARPAbet match (docs/CONTRACTS.md): the flap is T or D as the word's pronunciation has it
 * (`FLAP`, resolved by `resolveFlaps`), the glottal stop is SIL, syllabic n/l become AH + N/L,
 * r-coloured and centring diphthongs become the vowel plus R (rhotic accents) or AH (non-rhotic
 * ones). A multi-phone entry splits the engine's interval by the weights given.
 * Anything missing from a table throws `PhoneMappingError` naming the phone and the engine.
 */
import { isPhone, type Phone } from '../../src/model/phones';

/** The synthesisers the corpus uses. */
export type Engine = 'espeak' | 'festival' | 'flite';

/** A flap (espeak ɾ): T or D depending on the word. */
export const FLAP = 'FLAP';

/** One class an engine phone maps to, with its share of the engine phone's interval. */
export interface MappedPart {
  readonly phone: Phone | typeof FLAP;
  readonly weight: number;
}

/** An engine phone that has no entry in its engine's table. */
export class PhoneMappingError extends Error {
  readonly code = 'PHONE_UNMAPPED';
  constructor(
    readonly engine: Engine,
    readonly enginePhone: string,
  ) {
    super(`${engine} phone "${enginePhone}" has no mapping to the 40 phone classes; add it to training/corpus/phoneMap.ts`);
    this.name = 'PhoneMappingError';
  }
}

/** festival and flite (CMU/radio phone set, lower case). */
export const CMU_STYLE_TABLE: Readonly<Record<string, Phone>> = Object.freeze({
  pau: 'SIL', aa: 'AA', ae: 'AE', ah: 'AH', ax: 'AH', ao: 'AO', aw: 'AW', ay: 'AY', b: 'B', ch: 'CH', d: 'D', dh: 'DH',
  eh: 'EH', er: 'ER', ey: 'EY', f: 'F', g: 'G', hh: 'HH', ih: 'IH', iy: 'IY', jh: 'JH', k: 'K', l: 'L', m: 'M', n: 'N',
  ng: 'NG', ow: 'OW', oy: 'OY', p: 'P', r: 'R', s: 'S', sh: 'SH', t: 'T', th: 'TH', uh: 'UH', uw: 'UW', v: 'V', w: 'W',
  y: 'Y', z: 'Z', zh: 'ZH',
});

type EspeakEntry = Phone | typeof FLAP | readonly [Phone, number, Phone, number];

/**
 * espeak-ng IPA (stress marks removed) for the accents the recipe uses: en-us, en-us-nyc, en (gb),
 * en-gb-x-rp, en-029. The empty name is espeak's pause.
 */
export const ESPEAK_TABLE: Readonly<Record<string, EspeakEntry>> = Object.freeze<Record<string, EspeakEntry>>({
  '': 'SIL', 'ʔ': 'SIL', '_': 'SIL',
  // consonants
  p: 'P', b: 'B', t: 'T', 't̪': 'T', d: 'D', 'd̪': 'D', k: 'K', 'ɡ': 'G', g: 'G', f: 'F', v: 'V', 'θ': 'TH', 'ð': 'DH',
  s: 'S', z: 'Z', 'ʃ': 'SH', 'ʒ': 'ZH', h: 'HH', 'tʃ': 'CH', 'dʒ': 'JH', m: 'M', n: 'N', 'ŋ': 'NG', l: 'L', 'ɹ': 'R',
  r: 'R', w: 'W', 'ʍ': 'W', j: 'Y', 'ɾ': FLAP,
  'n̩': ['AH', 0.35, 'N', 0.65], 'əl': ['AH', 0.35, 'L', 0.65], 'l̩': ['AH', 0.35, 'L', 0.65],
  // monophthongs
  'ɪ': 'IH', 'ᵻ': 'IH', i: 'IY', 'iː': 'IY', 'ɛ': 'EH', e: 'EH', 'æ': 'AE', a: 'AE', 'aː': 'AA', 'a:': 'AA', aa: 'AA',
  'ə': 'AH', 'ɐ': 'AH', 'ʌ': 'AH', 'ɑː': 'AA', 'ɑ': 'AA', 'ɒ': 'AA', 'ɔː': 'AO', 'ɔ': 'AO', 'ʊ': 'UH', 'uː': 'UW',
  u: 'UW', 'ɚ': 'ER', 'ɜː': 'ER', 'ɜ': 'ER', 'əɪ': 'ER',
  // diphthongs
  'eɪ': 'EY', 'eː': 'EY', 'aɪ': 'AY', 'ɔɪ': 'OY', 'oɪ': 'OY', 'aʊ': 'AW', 'oʊ': 'OW', 'əʊ': 'OW', 'oː': 'OW', 'ɛə': 'AE',
  // r-coloured (rhotic accents) and centring (non-rhotic accents) vowels
  'ɑːɹ': ['AA', 0.6, 'R', 0.4], 'ɔːɹ': ['AO', 0.6, 'R', 0.4], 'ɛɹ': ['EH', 0.6, 'R', 0.4], 'ɪɹ': ['IH', 0.6, 'R', 0.4],
  'ʊɹ': ['UH', 0.6, 'R', 0.4], 'ʌɹ': ['AH', 0.6, 'R', 0.4], 'əɹ': ['AH', 0.5, 'R', 0.5], 'aɪɚ': ['AY', 0.6, 'ER', 0.4],
  'iə': ['IY', 0.55, 'AH', 0.45], 'eə': ['EH', 0.6, 'AH', 0.4], 'ʊə': ['UH', 0.55, 'AH', 0.45],
  'aɪə': ['AY', 0.6, 'AH', 0.4], 'ɑə': ['AA', 0.7, 'AH', 0.3], 'ɔə': ['AO', 0.7, 'AH', 0.3], 'oə': ['OW', 0.7, 'AH', 0.3],
});

/** espeak's name with stress and syllable marks removed. */
export function stripEspeakMarks(name: string): string {
  return name.replace(/[ˈˌ.]/g, '');
}

/** The classes an engine phone maps to; throws `PhoneMappingError` when the table has no entry. */
export function mapEnginePhone(engine: Engine, name: string): readonly MappedPart[] {
  if (engine === 'espeak') {
    const key = stripEspeakMarks(name);
    const entry = Object.hasOwn(ESPEAK_TABLE, key) ? ESPEAK_TABLE[key] : undefined;
    if (entry === undefined) throw new PhoneMappingError(engine, name);
    if (typeof entry === 'string') return [{ phone: entry, weight: 1 }];
    return [
      { phone: entry[0], weight: entry[1] },
      { phone: entry[2], weight: entry[3] },
    ];
  }
  const phone = Object.hasOwn(CMU_STYLE_TABLE, name) ? CMU_STYLE_TABLE[name] : undefined;
  if (phone === undefined) throw new PhoneMappingError(engine, name);
  return [{ phone, weight: 1 }];
}

/** A raw engine phone with its interval in seconds and the index of the word it belongs to. */
export interface EngineSegment {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Index into the utterance's words, or null for pauses. */
  readonly word: number | null;
}

/** A labelled interval of one of the 40 classes (or an unresolved flap). */
export interface PhoneSpan {
  readonly phone: Phone;
  readonly start: number;
  readonly end: number;
  readonly word: number | null;
}

interface Unresolved {
  phone: Phone | typeof FLAP;
  start: number;
  end: number;
  word: number | null;
}

/**
 * Maps engine segments to the 40 classes, splitting multi-phone entries and resolving flaps against
 * the pronunciation each word was meant to have (`intended[word]`, ARPAbet): a flap becomes T when
 * that pronunciation has a T nearest its position and D when a D is nearer; T when it has neither.
 * Adjacent silences are merged.
 */
export function mapSegments(engine: Engine, segments: readonly EngineSegment[], intended: readonly (readonly string[])[] = []): PhoneSpan[] {
  const out: Unresolved[] = [];
  for (const seg of segments) {
    const parts = mapEnginePhone(engine, seg.name);
    const total = parts.reduce((sum, p) => sum + p.weight, 0);
    let t = seg.start;
    parts.forEach((part, i) => {
      const end = i === parts.length - 1 ? seg.end : t + ((seg.end - seg.start) * part.weight) / total;
      out.push({ phone: part.phone, start: t, end, word: part.phone === 'SIL' ? null : seg.word });
      t = end;
    });
  }
  resolveFlaps(out, intended);
  const merged: PhoneSpan[] = [];
  for (const span of out) {
    const last = merged[merged.length - 1];
    if (last && last.phone === 'SIL' && span.phone === 'SIL') {
      merged[merged.length - 1] = { ...last, end: span.end };
    } else if (span.end > span.start || span.phone !== 'SIL') {
      merged.push(span as PhoneSpan);
    }
  }
  return merged;
}

function resolveFlaps(spans: Unresolved[], intended: readonly (readonly string[])[]): void {
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (span.phone !== FLAP) continue;
    const pron = span.word === null ? undefined : intended[span.word];
    let choice: Phone = 'T';
    if (pron && pron.length > 0) {
      const inWord = spans.filter((s) => s.word === span.word);
      const position = inWord.indexOf(span) / Math.max(1, inWord.length - 1);
      let best = Infinity;
      pron.forEach((p, k) => {
        if (p !== 'T' && p !== 'D') return;
        const distance = Math.abs(k / Math.max(1, pron.length - 1) - position);
        if (distance < best) {
          best = distance;
          choice = p;
        }
      });
    }
    span.phone = choice;
  }
}

/** Asserts a phone name is one of the 40 classes (for tables built elsewhere). */
export function assertPhone(name: string, engine: Engine): Phone {
  if (!isPhone(name)) throw new PhoneMappingError(engine, name);
  return name;
}
