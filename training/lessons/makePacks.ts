/** `npm run lessons`: writes src/lessons/packs/*.json from the curriculum, phones from CMUdict. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { createLexicon, splitWords } from '../../src/assess/lexicon';
import { validateLessonPack } from '../../src/lessons/schema';
import { CURRICULUM } from './curriculum';

const lexicon = createLexicon(dictionary);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** Words whose first CMUdict pronunciation is not the one the lesson means. */
const CHOICE: Record<string, string> = { live: 'L IH V' };
const phonesOf = (text: string) =>
  splitWords(text).map((word) => {
    const options = lexicon.pronunciations(word);
    return [...(options.find((p) => p.join(' ') === CHOICE[word]) ?? options[0])];
  });

const outDir = join(import.meta.dirname, '../../src/lessons/packs');
for (const source of CURRICULUM) {
  const id = slug(source.pattern);
  const items = [
    ...source.words.map((text) => ({ id: `${id}-w-${slug(text)}`, kind: 'word' as const, text, phones: phonesOf(text) })),
    ...source.pairs.map((pair) => {
      const [text, partner] = pair.split('/');
      return { id: `${id}-p-${slug(text)}-${slug(partner)}`, kind: 'pair' as const, text, phones: phonesOf(text), partner, partnerPhones: phonesOf(partner) };
    }),
    ...source.sentences.map((text) => ({ id: `${id}-s-${slug(text)}`, kind: 'sentence' as const, text, phones: phonesOf(text) })),
  ];
  const pack = validateLessonPack({ schemaVersion: 1, id, pattern: source.pattern, focus: source.focus, title: source.title, intro: source.intro, items });
  writeFileSync(join(outDir, `${id}.json`), `${JSON.stringify(pack, null, 1).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) => `[${inner.replace(/\s+/g, ' ')}]`)}\n`);
  console.log(`${id}: ${items.length} items`);
}
