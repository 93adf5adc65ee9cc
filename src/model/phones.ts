/** The 40 phone classes of docs/CONTRACTS.md, in model output order (index 0 is silence). Held here once. */
export const PHONES = [
  'SIL', 'AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'B', 'CH', 'D', 'DH', 'EH', 'ER', 'EY', 'F', 'G', 'HH', 'IH', 'IY', 'JH',
  'K', 'L', 'M', 'N', 'NG', 'OW', 'OY', 'P', 'R', 'S', 'SH', 'T', 'TH', 'UH', 'UW', 'V', 'W', 'Y', 'Z', 'ZH',
] as const;

/** One of the 40 phone classes. */
export type Phone = (typeof PHONES)[number];

/** Number of phone classes (model outputs per frame). */
export const PHONE_COUNT = PHONES.length;

/** Index of silence. */
export const SIL_INDEX = 0;

const INDEX = new Map<string, number>(PHONES.map((p, i) => [p, i]));

/** True when `name` is one of the 40 classes (exact, upper case). */
export function isPhone(name: string): name is Phone {
  return INDEX.has(name);
}

/** Index of a phone in the model output; throws a RangeError naming an unknown phone. */
export function phoneIndex(phone: string): number {
  const index = INDEX.get(phone);
  if (index === undefined) throw new RangeError(`"${phone}" is not one of the 40 phone classes (${PHONES.join(' ')})`);
  return index;
}

const VOWELS: ReadonlySet<Phone> = new Set(['AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW']);

/** True for the 15 ARPAbet vowels (diphthongs and ER included). */
export function isVowel(phone: string): boolean {
  return VOWELS.has(phone as Phone);
}
