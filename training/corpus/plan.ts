/**
 * Expands the recipe into source utterances, deterministically from its seed, and groups them into
 * work units (one voice each, one shard each).
 *
 * Each voice speaks a mix of four sets: `pair` (minimal-pair words of a Brazilian contrast, alone, in
 * a carrier phrase or side by side), `variant` (a word spoken with a deliberate Brazilian
 * substitution or an added final vowel, from a phone string, labelled as said), `coverage` (a word
 * holding a phone drawn uniformly from the 39, so rare phones get their share) and `common` (a few
 * frequent words in a row, drawn by frequency). A share of correct utterances is also spoken from
 * phone strings, so that the phone-string path does not by itself mark a variant.
 */
import { dictionary } from 'cmu-pronouncing-dictionary';
import { PHONES, type Phone } from '../../src/model/phones';
import { loadMinimalPairs, loadWords, type MinimalPair, type Range, type Recipe, type VoiceRecipe } from './recipe';
import { Rng, seedFrom } from './rng';
import { CONTRAST_PHONES, CONTRASTS, type Contrast, type PlannedWord, type UtteranceSet, type UtteranceSpec, type Variant, type VoiceSettings, type WorkUnit } from './types';
import { bareAll, variantsOf } from './variants';

const DICT = dictionary as Readonly<Record<string, string>>;

/** CMUdict's first pronunciation of a word, with stress digits; throws naming an unknown word. */
export function canonicalPron(word: string): string[] {
  const entry = DICT[word];
  if (entry === undefined) throw new Error(`recipe word "${word}" is not in CMUdict`);
  return entry.trim().split(/\s+/);
}

/** Every CMUdict pronunciation of a word, stress removed. */
export function allProns(word: string): Phone[][] {
  const out: Phone[][] = [];
  const seen = new Set<string>();
  for (let n = 1; ; n++) {
    const entry = DICT[n === 1 ? word : `${word}(${n})`];
    if (entry === undefined) break;
    const pron = bareAll(entry.trim().split(/\s+/));
    if (!seen.has(pron.join(' '))) {
      seen.add(pron.join(' '));
      out.push(pron);
    }
  }
  return out;
}

interface Vocabulary {
  readonly common: readonly string[];
  /** Cumulative Zipf weights over `common` for frequency-weighted draws. */
  readonly cumulative: Float64Array;
  readonly pairs: readonly MinimalPair[];
  readonly pairsByContrast: ReadonlyMap<Contrast, readonly MinimalPair[]>;
  readonly variantWords: ReadonlyMap<Contrast, { pair: readonly string[]; common: readonly string[] }>;
  readonly wordsByPhone: ReadonlyMap<Phone, readonly string[]>;
  /** Coverage draws phone p with weight 1/√(share of p in frequency-weighted common words), ×1.5 for contrast phones. */
  readonly coveragePhones: readonly Phone[];
  readonly coverageWeights: readonly number[];
}

function buildVocabulary(recipe: Recipe): Vocabulary {
  const common = loadWords(recipe);
  common.forEach(canonicalPron);
  const cumulative = new Float64Array(common.length);
  let total = 0;
  common.forEach((_, i) => {
    total += 1 / (i + 20);
    cumulative[i] = total;
  });
  const pairs = loadMinimalPairs(recipe);
  const pairsByContrast = new Map<Contrast, MinimalPair[]>();
  for (const p of pairs) {
    p.words.forEach(canonicalPron);
    pairsByContrast.set(p.contrast, [...(pairsByContrast.get(p.contrast) ?? []), p]);
  }
  const pairWords = [...new Set(pairs.flatMap((p) => p.words))];
  const variantWords = new Map<Contrast, { pair: string[]; common: string[] }>();
  for (const c of CONTRASTS) {
    const has = (w: string) => variantsOf(canonicalPron(w), 0, c).length > 0;
    variantWords.set(c, { pair: pairWords.filter(has), common: common.slice(0, 4000).filter(has) });
  }
  const wordsByPhone = new Map<Phone, string[]>();
  for (const w of common) {
    for (const p of new Set(bareAll(canonicalPron(w)))) wordsByPhone.set(p, [...(wordsByPhone.get(p) ?? []), w]);
  }
  const share = new Map<Phone, number>();
  common.forEach((w, i) => {
    for (const p of bareAll(canonicalPron(w))) share.set(p, (share.get(p) ?? 0) + 1 / (i + 20));
  });
  const coveragePhones = PHONES.slice(1).filter((p) => wordsByPhone.has(p));
  const coverageWeights = coveragePhones.map((p) => (CONTRAST_PHONES.includes(p) ? 1.5 : 1) / Math.sqrt(share.get(p) ?? 1));
  return { common, cumulative, pairs, pairsByContrast, variantWords, wordsByPhone, coveragePhones, coverageWeights };
}

function drawCommon(vocab: Vocabulary, rng: Rng): string {
  const target = rng.next() * vocab.cumulative[vocab.cumulative.length - 1];
  let lo = 0;
  let hi = vocab.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocab.cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return vocab.common[lo];
}

function word(text: string, punct: PlannedWord['punct'] = '', phoneInput = false): PlannedWord {
  const canonical = canonicalPron(text);
  return { text, canonical, spoken: canonical, phoneInput, punct };
}

/** Fills a template ("say {} again", "{a}, {b}") with words; literal words come from CMUdict. */
export function fillTemplate(template: string, slots: Readonly<Record<string, string>>): PlannedWord[] {
  return template
    .trim()
    .split(/\s+/)
    .map((token) => {
      const m = /^(.*?)([,.?]?)$/.exec(token);
      const core = m ? m[1] : token;
      const punct = (m ? m[2] : '') as PlannedWord['punct'];
      const slot = /^\{(\w*)\}$/.exec(core);
      return word(slot ? slots[slot[1]] : core, punct);
    });
}

function draw(range: Range | undefined, rng: Rng, digits = 3): number | undefined {
  if (!range) return undefined;
  const f = 10 ** digits;
  return Math.round(rng.uniform(range[0], range[1]) * f) / f;
}

function drawSettings(v: VoiceRecipe, rng: Rng): VoiceSettings {
  const s: Record<string, number | undefined> = {
    rateWpm: v.rateWpm && Math.round(rng.uniform(v.rateWpm[0], v.rateWpm[1])),
    pitch: v.pitch && Math.round(rng.uniform(v.pitch[0], v.pitch[1])),
    pitchRange: v.pitchRange && Math.round(rng.uniform(v.pitchRange[0], v.pitchRange[1])),
    durationStretch: draw(v.durationStretch, rng),
    htsSpeed: draw(v.htsSpeed, rng),
    htsHalfTones: draw(v.htsHalfTones, rng, 2),
  };
  return Object.fromEntries(Object.entries(s).filter(([, x]) => x !== undefined)) as VoiceSettings;
}

/** One word alone, or in a carrier phrase; returns the words and the target's index. */
function placeWord(text: string, recipe: Recipe, rng: Rng): { words: PlannedWord[]; target: number } {
  if (rng.chance(0.45)) return { words: [word(text)], target: 0 };
  const template = rng.pick(recipe.carriers);
  const words = fillTemplate(template, { '': text });
  const target = template
    .trim()
    .split(/\s+/)
    .findIndex((t) => t.startsWith('{}'));
  return { words, target };
}

interface Planned {
  set: UtteranceSet;
  contrast: Contrast[];
  words: PlannedWord[];
  variant: Variant | null;
}

function planPair(vocab: Vocabulary, recipe: Recipe, rng: Rng): Planned {
  const contrast = rng.pick([...vocab.pairsByContrast.keys()]);
  const pair = rng.pick(vocab.pairsByContrast.get(contrast) ?? []);
  if (pair.words.length >= 2 && rng.chance(0.3)) {
    const [a, b] = rng.chance(0.5) ? [pair.words[0], pair.words[1]] : [pair.words[1], pair.words[0]];
    return { set: 'pair', contrast: [contrast], words: fillTemplate(rng.pick(recipe.pairFrames), { a, b }), variant: null };
  }
  return { set: 'pair', contrast: [contrast], words: placeWord(rng.pick(pair.words), recipe, rng).words, variant: null };
}

function planVariant(vocab: Vocabulary, recipe: Recipe, rng: Rng): Planned {
  const contrast = rng.pick(CONTRASTS);
  const pool = vocab.variantWords.get(contrast);
  if (!pool) throw new Error(`no words for contrast ${contrast}`);
  const candidates = rng.chance(0.5) && pool.pair.length > 0 ? pool.pair : pool.common;
  const { words, target } = placeWord(rng.pick(candidates), recipe, rng);
  const options = variantsOf(words[target].canonical, target, contrast);
  const chosen = rng.pick(options);
  words[target] = { ...words[target], spoken: chosen.spoken, phoneInput: true };
  return { set: 'variant', contrast: [contrast], words, variant: chosen.variant };
}

function planCoverage(vocab: Vocabulary, recipe: Recipe, rng: Rng): Planned {
  const phone = rng.weighted(vocab.coveragePhones, vocab.coverageWeights);
  const pool = vocab.wordsByPhone.get(phone) ?? vocab.common;
  if (rng.chance(0.5)) return { set: 'coverage', contrast: [], words: placeWord(rng.pick(pool), recipe, rng).words, variant: null };
  // A short list of words that all hold the phone.
  const n = 2 + rng.int(3);
  const words = Array.from({ length: n }, (_, i) => word(rng.pick(pool), i === n - 1 ? '.' : ','));
  return { set: 'coverage', contrast: [], words, variant: null };
}

function planCommon(vocab: Vocabulary, recipe: Recipe, rng: Rng): Planned {
  const n = recipe.listLength[0] + rng.int(recipe.listLength[1] - recipe.listLength[0] + 1);
  const commas = rng.chance(0.3);
  const words = Array.from({ length: n }, (_, i) => word(drawCommon(vocab, rng), i === n - 1 ? '.' : commas ? ',' : ''));
  return { set: 'common', contrast: [], words, variant: null };
}

/** Source utterances of one voice. */
function planVoice(recipe: Recipe, vocab: Vocabulary, v: VoiceRecipe, count: number, copies: number): UtteranceSpec[] {
  const rng = new Rng(seedFrom(recipe.seed, 'voice', v.engine, v.voice));
  const sets = Object.keys(recipe.mix) as (keyof Recipe['mix'])[];
  const weights = sets.map((s) => recipe.mix[s]);
  const out: UtteranceSpec[] = [];
  for (let u = 0; u < count; u++) {
    const set = rng.weighted(sets, weights);
    const planned =
      set === 'pair' ? planPair(vocab, recipe, rng) : set === 'variant' ? planVariant(vocab, recipe, rng) : set === 'coverage' ? planCoverage(vocab, recipe, rng) : planCommon(vocab, recipe, rng);
    let words = planned.words;
    if (!planned.variant && rng.chance(recipe.phoneInputShare)) words = words.map((w) => ({ ...w, phoneInput: true }));
    let voice = v.voice;
    if (v.engine === 'espeak') {
      const variant = rng.pick(recipe.espeakVariants);
      if (variant) voice = `${v.voice}+${variant}`;
    }
    const id = `${v.engine}.${v.voice}.${String(u).padStart(5, '0')}`;
    out.push({
      id,
      engine: v.engine,
      voice,
      family: v.family,
      settings: drawSettings(v, rng),
      set: planned.set,
      contrast: planned.contrast,
      words,
      variant: planned.variant,
      seed: seedFrom(recipe.seed, id),
      copies,
    });
  }
  return out;
}

/** The whole plan: work units in shard order. `smoke` makes a few utterances per voice. */
export function planCorpus(recipe: Recipe, smoke: boolean): WorkUnit[] {
  const vocab = buildVocabulary(recipe);
  const units: WorkUnit[] = [];
  for (const v of recipe.voices) {
    const count = smoke ? recipe.smoke.utterancesPerVoice : v.utterances;
    const copies = smoke ? recipe.smoke.augmentedCopies : recipe.augmentedCopies;
    const utterances = planVoice(recipe, vocab, v, count, copies);
    for (let i = 0; i < utterances.length; i += recipe.unitSize) {
      units.push({ shard: units.length, engine: v.engine, voice: v.voice, family: v.family, utterances: utterances.slice(i, i + recipe.unitSize) });
    }
  }
  return units;
}
