/** The tips a result calls for, shared by the practice screen and the learner's history. */
import type { PhoneAssessment } from '../assess';
import { findTip, type Tip } from '../lessons/tips';

/** Tips for the phones to fix: (expected, heard), and (consonant before, 'VOWEL') for an inserted vowel; each tip once. */
export function tipsFor(phones: readonly PhoneAssessment[]): Tip[] {
  const tips: Tip[] = [];
  const seen = new Set<string>();
  phones.forEach((p, i) => {
    let tip: Tip | null = null;
    if (p.verdict === 'mispronounced' && p.heard) tip = findTip(p.phone, p.heard);
    else if (p.verdict === 'inserted') tip = findTip(phones[i - 1]?.phone ?? 'FINAL', 'VOWEL');
    if (!tip) return;
    const key = tip.text.en;
    if (seen.has(key)) return;
    seen.add(key);
    tips.push(tip);
  });
  return tips;
}
