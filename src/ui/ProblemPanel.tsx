/** A problem the learner must see (role="alert"): a short title per code and the error's own message. */
import type { RecorderProblem, RecorderProblemCode } from '../store';

const TITLES: Partial<Record<RecorderProblemCode, string>> = {
  MIC_DENIED: 'Microphone permission needed',
  NO_MIC: 'No microphone found',
  MIC_LOST: 'The microphone stopped',
  MIC_BUSY: 'The microphone is busy',
  MIC_UNSUPPORTED: 'Recording is not available here',
  CLIP_SILENT: 'No speech in the recording',
};

export function ProblemPanel({ problem, tone = 'error' }: { problem: RecorderProblem; tone?: 'error' | 'warning' }) {
  return (
    <section className={`problem problem--${tone}`} role="alert" data-problem={problem.code}>
      <h2 className="problem__title">{TITLES[problem.code] ?? 'Something went wrong'}</h2>
      <p className="problem__message">{problem.message}</p>
    </section>
  );
}
