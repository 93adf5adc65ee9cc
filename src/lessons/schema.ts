/**
 * Lesson packs: the JSON schema (zod) and its validator. One pack per Brazilian pattern; each item is
 * a word, a minimal pair (target and partner word) or a short sentence, with its phones per word so
 * the app needs no dictionary to assess it.
 */
import { z } from 'zod';
import { isPhone } from '../model/phones';

const phone = z.string().refine(isPhone, { message: 'not one of the 40 phone classes' });
/** Phones of each word of a text, in order. */
const wordPhones = z.array(z.array(phone).min(1)).min(1);
const localised = z.object({ 'pt-BR': z.string().min(1), en: z.string().min(1) });

export const lessonItemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(['word', 'pair', 'sentence']),
    text: z.string().min(1),
    phones: wordPhones,
    /** Minimal pairs: the word the learner's mistake turns the target into. */
    partner: z.string().min(1).optional(),
    partnerPhones: wordPhones.optional(),
  })
  .refine((item) => item.phones.length === item.text.trim().split(/\s+/).length, { message: 'phones must list one pronunciation per word' })
  .refine((item) => (item.kind === 'pair') === (item.partner !== undefined && item.partnerPhones !== undefined), {
    message: 'a pair has a partner with phones, and only a pair does',
  });

export const lessonPackSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9-]+$/),
  pattern: z.enum(['TH', 'DH', 'IH_IY', 'AE_EH', 'UH_UW', 'AH_AA', 'R_HH', 'T_D_PALATAL', 'FINAL_VOWEL']),
  focus: z.array(phone),
  title: localised,
  intro: localised,
  items: z.array(lessonItemSchema).min(10),
});

export type LessonItem = z.infer<typeof lessonItemSchema>;
export type LessonPack = z.infer<typeof lessonPackSchema>;

/** Validates a pack; throws an Error listing every problem with its path. */
export function validateLessonPack(data: unknown): LessonPack {
  const result = lessonPackSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(pack)'}: ${issue.message}`);
    throw new Error(`Invalid lesson pack:\n${problems.join('\n')}`);
  }
  const ids = new Set<string>();
  for (const item of result.data.items) {
    if (ids.has(item.id)) throw new Error(`Invalid lesson pack ${result.data.id}: duplicate item id ${item.id}`);
    ids.add(item.id);
  }
  return result.data;
}
