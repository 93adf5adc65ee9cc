/** CMUdict (the app's lexicon) plus the few transcript words it lacks (`lexicon-extra.txt`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { createLexicon, type Lexicon } from '../../src/assess/lexicon';

export const EXTRA_LEXICON = join(import.meta.dirname, 'lexicon-extra.txt');

/** `word PH ON ES` lines (`;` comments) as a CMUdict-style map. */
export function readExtraLexicon(path = EXTRA_LEXICON): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith(';')) continue;
    const [word, ...phones] = t.split(/\s+/);
    out[word] = phones.join(' ');
  }
  return out;
}

let shared: Lexicon | undefined;
export function realLexicon(): Lexicon {
  shared ??= createLexicon({ ...dictionary, ...readExtraLexicon() });
  return shared;
}
