/** What the teacher screens share: their strings bundle and the problem line. */
import { useAppStore } from '../../store';
import { t, type UiStrings } from '../../lessons/i18n';
import { teacherProblemText, teacherStrings, type TeacherStrings } from '../../lessons/strings/teacher';

export interface Strings {
  readonly s: UiStrings;
  readonly ts: TeacherStrings;
  readonly language: 'pt-BR' | 'en';
}

/** The practice and teacher strings in the UI language. */
export function useTeacherStrings(): Strings {
  const language = useAppStore((st) => st.settings.language);
  return { s: t(language), ts: teacherStrings(language), language };
}

export function Problem({ problem, ts }: { problem: { code: string; message: string } | null; ts: TeacherStrings }) {
  if (!problem) return null;
  return (
    <p className="problem problem--error" role="alert" data-problem={problem.code}>
      {teacherProblemText(problem, ts)}
    </p>
  );
}
