/** The shipped lesson packs, validated once when first read. */
import aeEh from './packs/ae-eh.json';
import ahAa from './packs/ah-aa.json';
import dh from './packs/dh.json';
import finalVowel from './packs/final-vowel.json';
import ihIy from './packs/ih-iy.json';
import rHh from './packs/r-hh.json';
import tdPalatal from './packs/t-d-palatal.json';
import th from './packs/th.json';
import uhUw from './packs/uh-uw.json';
import { validateLessonPack, type LessonItem, type LessonPack } from './schema';

let packs: LessonPack[] | null = null;

/** All lesson packs, in teaching order. */
export function lessonPacks(): readonly LessonPack[] {
  packs ??= [th, dh, ihIy, aeEh, uhUw, ahAa, rHh, tdPalatal, finalVowel].map(validateLessonPack);
  return packs;
}

/** A lesson item by id, with its pack. */
export function findLessonItem(id: string): { pack: LessonPack; item: LessonItem } | undefined {
  for (const pack of lessonPacks()) {
    const item = pack.items.find((i) => i.id === id);
    if (item) return { pack, item };
  }
  return undefined;
}
