/**
 * The Brazilian learner's contrasts, held here once: for each target phone, the sounds a Brazilian
 * speaker tends to say instead (docs/ARCHITECTURE.md). Assessment's contrast check
 * (`CONTRAST_PARTNERS` in src/assess/score.ts) and the Python training code (through
 * training/model/appConstants.ts) both read this list.
 */
import type { Phone } from '../model/phones';

export interface Contrast {
  readonly target: Phone;
  /** What is said instead, likeliest first. */
  readonly heardAs: readonly Phone[];
  /** The confusion goes both ways (IH↔IY): each partner is also checked against the target. */
  readonly bothWays: boolean;
}

export const BRAZILIAN_CONTRASTS: readonly Contrast[] = [
  { target: 'TH', heardAs: ['T', 'F', 'S'], bothWays: false },
  { target: 'DH', heardAs: ['D', 'Z'], bothWays: false },
  { target: 'IH', heardAs: ['IY'], bothWays: true },
  { target: 'EH', heardAs: ['AE'], bothWays: true },
  { target: 'UH', heardAs: ['UW'], bothWays: true },
  { target: 'AH', heardAs: ['AA'], bothWays: true },
  { target: 'R', heardAs: ['HH'], bothWays: true },
  // Before high front vowels ("tip" → "chip", "did" → "djid").
  { target: 'T', heardAs: ['CH'], bothWays: false },
  { target: 'D', heardAs: ['JH'], bothWays: false },
];

/** Each contrast as a group, target first: `[['TH', 'T', 'F', 'S'], ['DH', 'D', 'Z'], …]`. */
export function contrastGroups(contrasts: readonly Contrast[] = BRAZILIAN_CONTRASTS): Phone[][] {
  return contrasts.map((c) => [c.target, ...c.heardAs]);
}

/** For each phone, the partners to check it against (both-way contrasts in both directions). */
export function contrastPartners(contrasts: readonly Contrast[] = BRAZILIAN_CONTRASTS): Partial<Record<Phone, Phone[]>> {
  const out: Partial<Record<Phone, Phone[]>> = {};
  const add = (phone: Phone, partner: Phone) => {
    const list = (out[phone] ??= []);
    if (!list.includes(partner)) list.push(partner);
  };
  for (const c of contrasts) {
    for (const h of c.heardAs) {
      add(c.target, h);
      if (c.bothWays) add(h, c.target);
    }
  }
  return out;
}
