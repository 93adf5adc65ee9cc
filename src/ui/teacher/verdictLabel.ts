/** A verdict in the user's language, in learner words ("to fix, heard as “t” as in “tea”"), from the practice screen's strings. */
import type { UiStrings } from '../../lessons/i18n';
import { soundWithExample } from '../../lessons/strings/sounds';
import type { TipLanguage } from '../../lessons/tips';

export function verdictLabel(p: { verdict: string; heard: string | null }, s: UiStrings, language: TipLanguage): string {
  const base = (s as Record<string, string>)[`verdict_${p.verdict}`] ?? p.verdict;
  return p.heard && p.verdict === 'mispronounced' ? `${base}, ${s.heardAs} ${soundWithExample(p.heard, language)}` : base;
}
