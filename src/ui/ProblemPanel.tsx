/** A problem the learner must see (role="alert"): a short title per code and the error's own message. */
import type { RecorderStrings } from '../lessons/strings/recorder';
import type { RecorderProblem } from '../store';

export function ProblemPanel({ problem, tone = 'error', strings }: { problem: RecorderProblem; tone?: 'error' | 'warning'; strings: RecorderStrings }) {
  const title = strings[`problem_${problem.code}` as keyof RecorderStrings] ?? strings.problemOther;
  return (
    <section className={`problem problem--${tone}`} role="alert" data-problem={problem.code}>
      <h2 className="problem__title">{title}</h2>
      <p className="problem__message">{problem.message}</p>
    </section>
  );
}
