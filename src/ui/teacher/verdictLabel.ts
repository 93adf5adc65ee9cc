/** A verdict in the user's language ("to fix, heard as T"), from the practice screen's strings. */
import type { UiStrings } from '../../lessons/i18n';

export function verdictLabel(p: { verdict: string; heard: string | null }, s: UiStrings): string {
  const base = (s as Record<string, string>)[`verdict_${p.verdict}`] ?? p.verdict;
  return p.heard ? `${base}, ${s.heardAs} ${p.heard}` : base;
}
