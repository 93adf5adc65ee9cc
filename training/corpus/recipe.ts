/**
 * The recipe (training/recipe/: corpus.json, the word list, the minimal pairs) and its hash. The hash
 * covers the recipe files and every source file that shapes the output (synthesis, mapping,
 * augmentation, features, shard format), so a corpus is rebuilt exactly when its result would differ.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './phoneMap';
import { CONTRASTS, FAMILIES, type Contrast, type Family } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Repository root. */
export const ROOT = join(HERE, '..', '..');
/** Folder of the recipe files. */
export const RECIPE_DIR = join(ROOT, 'training', 'recipe');

/** A range [lo, hi] drawn uniformly. */
export type Range = readonly [number, number];

/** One voice of the recipe and how many source utterances it speaks. */
export interface VoiceRecipe {
  readonly engine: Engine;
  readonly family: Family;
  readonly voice: string;
  readonly utterances: number;
  readonly rateWpm?: Range;
  readonly pitch?: Range;
  readonly pitchRange?: Range;
  readonly durationStretch?: Range;
  readonly htsSpeed?: Range;
  readonly htsHalfTones?: Range;
}

/** training/recipe/corpus.json. */
export interface Recipe {
  readonly seed: number;
  readonly wordList: string;
  readonly commonWords: number;
  readonly minimalPairs: string;
  readonly unitSize: number;
  readonly augmentedCopies: number;
  readonly mix: Readonly<Record<'pair' | 'variant' | 'coverage' | 'common', number>>;
  readonly phoneInputShare: number;
  readonly listLength: Range;
  readonly carriers: readonly string[];
  readonly pairFrames: readonly string[];
  readonly espeakVariants: readonly string[];
  readonly voices: readonly VoiceRecipe[];
  readonly smoke: { readonly utterancesPerVoice: number; readonly augmentedCopies: number };
}

/** A minimal pair (or a single word for `final-vowel`). */
export interface MinimalPair {
  readonly contrast: Contrast;
  readonly words: readonly string[];
}

/** Source files whose changes change the corpus (relative to the repository root). */
export function outputSources(): string[] {
  const list = (dir: string, keep: (f: string) => boolean) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && keep(f))
      .map((f) => join(dir, f));
  const notOutput = new Set(['cli.ts', 'report.ts', 'pool.ts', 'makeWordList.ts']);
  return [
    ...list('training/corpus', (f) => !notOutput.has(f)),
    ...list('training/corpus/engines', () => true),
    ...list('src/dsp', () => true),
    'src/model/phones.ts',
    'src/audio/wav.ts',
  ].sort();
}

/** Versions of the packages that synthesise or pronounce. */
function packageVersions(): string {
  const require = createRequire(import.meta.url);
  return ['@echogarden/espeak-ng-emscripten/package.json', 'cmu-pronouncing-dictionary/package.json']
    .map((p) => {
      const pkg = require(p) as { name: string; version: string };
      return `${pkg.name}@${pkg.version}`;
    })
    .join(',');
}

/** Loads and checks corpus.json. */
export function loadRecipe(path = join(RECIPE_DIR, 'corpus.json')): Recipe {
  const recipe = JSON.parse(readFileSync(path, 'utf8')) as Recipe;
  for (const v of recipe.voices) {
    if (!FAMILIES.includes(v.family)) throw new Error(`recipe: voice ${v.engine}/${v.voice} has unknown family "${v.family}" (families: ${FAMILIES.join(', ')})`);
    if (!['espeak', 'festival', 'flite'].includes(v.engine)) throw new Error(`recipe: unknown engine "${v.engine}"`);
  }
  return recipe;
}

/** Hash of the recipe files, the output-shaping sources and the engine packages (hex, 16 characters). */
export function recipeHash(recipe: Recipe): string {
  const h = createHash('sha256');
  for (const file of ['corpus.json', recipe.wordList, recipe.minimalPairs]) {
    h.update(`recipe/${file}\n`).update(readFileSync(join(RECIPE_DIR, file)));
  }
  for (const file of outputSources()) h.update(`${relative(ROOT, join(ROOT, file))}\n`).update(readFileSync(join(ROOT, file)));
  h.update(packageVersions());
  return h.digest('hex').slice(0, 16);
}

/** The common-word list, most frequent first. */
export function loadWords(recipe: Recipe): string[] {
  return readFileSync(join(RECIPE_DIR, recipe.wordList), 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, recipe.commonWords);
}

/** The minimal pairs file. */
export function loadMinimalPairs(recipe: Recipe): MinimalPair[] {
  const pairs: MinimalPair[] = [];
  readFileSync(join(RECIPE_DIR, recipe.minimalPairs), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const text = line.trim();
      if (!text || text.startsWith('#')) return;
      const [contrast, ...words] = text.split(/\s+/);
      if (!(CONTRASTS as readonly string[]).includes(contrast)) throw new Error(`${recipe.minimalPairs}:${i + 1}: unknown contrast "${contrast}"`);
      pairs.push({ contrast: contrast as Contrast, words });
    });
  return pairs;
}
