/**
 * espeak-ng through npm @echogarden/espeak-ng-emscripten (voice data included), in process.
 *
 * While synthesising, espeak reports events: `word` (a new word starts), `phoneme` (IPA `id`, empty
 * for a pause) at `audio_position` ms. A phone lasts from its event to the next phoneme event (the
 * last to the end of the audio); the audio before the first phoneme is silence. Words given as a
 * phone string are written in espeak's phoneme mnemonics between `[[` `]]`.
 */
import { stressOf } from '../variants';
import type { EngineSegment } from '../phoneMap';
import type { PlannedWord, VoiceSettings } from '../types';
import type { SynthResult } from './types';
import type { EspeakEvent, EspeakNGWorker } from '@echogarden/espeak-ng-emscripten';

/** espeak-ng's output rate. */
export const ESPEAK_RATE_HZ = 22_050;

/** ARPAbet → espeak phoneme mnemonic (en), for `[[...]]` input. Unstressed variants where they differ. */
const MNEMONIC: Readonly<Record<string, string>> = {
  AA: 'A:', AE: 'a', AH: 'V', AO: 'O:', AW: 'aU', AY: 'aI', B: 'b', CH: 'tS', D: 'd', DH: 'D', EH: 'E', ER: '3:', EY: 'eI',
  F: 'f', G: 'g', HH: 'h', IH: 'I', IY: 'i:', JH: 'dZ', K: 'k', L: 'l', M: 'm', N: 'n', NG: 'N', OW: 'oU', OY: 'OI', P: 'p',
  R: 'r', S: 's', SH: 'S', T: 't', TH: 'T', UH: 'U', UW: 'u:', V: 'v', W: 'w', Y: 'j', Z: 'z', ZH: 'Z',
};
const UNSTRESSED: Readonly<Record<string, string>> = { AH: '@', ER: '3', IY: 'i' };

/** A pronunciation (ARPAbet with stress digits) as espeak phoneme input, e.g. `[[Tr'i:]]`. */
export function espeakPhonemes(pron: readonly string[]): string {
  let out = '';
  for (const phone of pron) {
    const base = phone.replace(/[0-2]$/, '');
    const mnemonic = MNEMONIC[base];
    if (mnemonic === undefined) throw new RangeError(`no espeak mnemonic for ARPAbet "${phone}"`);
    const isVowelPhone = /[0-2]$/.test(phone);
    const stress = stressOf(phone);
    if (isVowelPhone && stress === 1) out += `'${mnemonic}`;
    else if (isVowelPhone && stress === 2) out += `,${mnemonic}`;
    else if (isVowelPhone && stress === 0) out += UNSTRESSED[base] ?? mnemonic;
    else out += mnemonic;
  }
  return `[[${out}]]`;
}

/** An espeak instance; creating one loads ~24 MB of voice data, so keep one per process. */
export class Espeak {
  private constructor(private readonly worker: EspeakNGWorker) {}

  static async create(): Promise<Espeak> {
    const { default: init } = await import('@echogarden/espeak-ng-emscripten');
    const module = await init();
    return new Espeak(new module.eSpeakNGWorker());
  }

  /** The text espeak reads for these words (phone-input words as `[[...]]`). */
  static text(words: readonly PlannedWord[]): string {
    return words.map((w) => (w.phoneInput ? espeakPhonemes(w.spoken) : w.text) + w.punct).join(' ');
  }

  synthesize(words: readonly PlannedWord[], voice: string, settings: VoiceSettings): SynthResult {
    this.worker.set_voice(voice);
    this.worker.set_rate(settings.rateWpm ?? 175);
    this.worker.set_pitch(settings.pitch ?? 50);
    this.worker.set_range(settings.pitchRange ?? 50);
    const chunks: Int16Array[] = [];
    const events: EspeakEvent[] = [];
    this.worker.synthesize(Espeak.text(words), (samples, evs) => {
      if (samples && samples.length > 0) chunks.push(samples.slice());
      events.push(...evs);
    });
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const samples = new Float32Array(length);
    let offset = 0;
    for (const c of chunks) {
      for (let i = 0; i < c.length; i++) samples[offset + i] = c[i] / 32768;
      offset += c.length;
    }
    const duration = length / ESPEAK_RATE_HZ;
    const segments: EngineSegment[] = [];
    let word = -1;
    const phonemes: { name: string; start: number; word: number | null }[] = [];
    for (const e of events) {
      if (e.type === 'word') word++;
      else if (e.type === 'phoneme') {
        const name = String(e.id ?? '');
        phonemes.push({ name, start: Math.min(e.audio_position / 1000, duration), word: name === '' ? null : word });
      }
    }
    if (word + 1 !== words.length) {
      throw new Error(`espeak reported ${word + 1} words for ${words.length} in "${Espeak.text(words)}"`);
    }
    // espeak reports some consonants after a vowel (word-final "l" above all) at the instant the next
    // phoneme starts: the vowel's interval holds both. Give such a consonant the last 40 % of it.
    for (let i = 1; i < phonemes.length; i++) {
      const p = phonemes[i];
      const prev = phonemes[i - 1];
      const end = i + 1 < phonemes.length ? phonemes[i + 1].start : duration;
      if (p.name !== '' && prev.name !== '' && end - p.start < 0.005 && p.start > prev.start) p.start = prev.start + 0.6 * (p.start - prev.start);
    }
    if (phonemes.length > 0 && phonemes[0].start > 0) segments.push({ name: '', start: 0, end: phonemes[0].start, word: null });
    phonemes.forEach((p, i) => {
      const end = i + 1 < phonemes.length ? phonemes[i + 1].start : duration;
      if (end > p.start) segments.push({ name: p.name, start: p.start, end, word: p.word });
    });
    return { samples, sampleRateHz: ESPEAK_RATE_HZ, segments, wordsReported: true };
  }
}
