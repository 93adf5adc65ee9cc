/**
 * The active learner's past attempts (newest first) on the practice screen: each sound with the
 * machine's verdict and, where the teacher changed it, the teacher's verdict beside it, clearly
 * marked; the teacher's note under the attempt. Reloads after each attempt and on a profile switch.
 */
import { useEffect } from 'react';
import { t, type UiStrings } from '../../lessons/i18n';
import { teacherStrings, type TeacherStrings } from '../../lessons/strings/teacher';
import { effectiveVerdicts, useAppStore, type ReviewedAttempt } from '../../store';
import { verdictLabel as verdictText } from './verdictLabel';
import { soundLabel } from '../../lessons/strings/sounds';
import { tipsFor } from '../practiceTips';
import { refusalStrings } from '../../lessons/strings/usability';
import type { TipLanguage } from '../../lessons/tips';
import './teacher.css';

/** How many past attempts the history shows. */
export const HISTORY_LENGTH = 20;

export function formatWhen(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

function HistoryAttempt({ attempt, s, ts, language }: { attempt: ReviewedAttempt; s: UiStrings; ts: TeacherStrings; language: TipLanguage }) {
  const words = attempt.result ? effectiveVerdicts(attempt.result, attempt.review) : [];
  // The tip for each sound the teacher heard as another one: the teacher's diagnosis reaches the learner.
  const teacherTips = tipsFor(words.flatMap((w) => w.phones).filter((p) => p.teacherHeard !== null));
  return (
    <li className="history__attempt" data-testid="history-attempt" data-attempt-id={attempt.id}>
      <div className="history__head">
        <span className="history__text" lang="en">
          {attempt.text}
        </span>
        <span className="muted small">{formatWhen(attempt.createdAt, language)}</span>
        {attempt.result ? <span className="small">{`${s.score} ${attempt.result.score}`}</span> : <span className="muted small">{attempt.status === 'refused' ? refusalStrings(language).refused : ts.failed}</span>}
      </div>
      {words.map((word, w) => (
        <ol key={w} className="phones" aria-label={word.word}>
          {word.phones.map((p, i) => (
            <li
              key={i}
              className={`phone phone--${p.verdict}${p.teacherVerdict ? ' history__phone--reviewed' : ''}`}
              data-testid="history-phone"
              data-phone={p.phone}
              data-machine-verdict={p.machineVerdict}
              data-teacher-verdict={p.teacherVerdict ?? ''}
            >
              <span className="phone__name">{soundLabel(p.phone)}</span>
              {p.verdict === 'mispronounced' && p.heard ? <span className="phone__heard">→ {soundLabel(p.heard)}</span> : null}
              <span className="visually-hidden">: {verdictText({ verdict: p.machineVerdict, heard: p.machineHeard }, s, language)}</span>
              {p.teacherVerdict ? (
                <span className={`teacher-badge teacher-badge--${p.teacherVerdict}`} data-testid="history-teacher-verdict">
                  {ts.teacherMark}: {verdictText({ verdict: p.teacherVerdict, heard: p.heard }, s, language)}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ))}
      {teacherTips.map((tip) => (
        <div key={tip.text.en} className="tip" data-testid="history-tip" lang={language}>
          <h3 className="tip__title">
            {ts.teacherMark}: {s.tip}
          </h3>
          <p>{tip.text[language]}</p>
        </div>
      ))}
      {attempt.review?.note ? (
        <p className="teacher-note" data-testid="history-note">
          <strong>{ts.teacherNote}:</strong> {attempt.review.note}
        </p>
      ) : null}
    </li>
  );
}

export function LearnerHistory() {
  const language = useAppStore((st) => st.settings.language);
  const history = useAppStore((st) => st.profiles.history);
  const practiceStatus = useAppStore((st) => st.practice.status);
  const loadHistory = useAppStore((st) => st.loadHistory);
  const s = t(language);
  const ts = teacherStrings(language);
  useEffect(() => {
    if (practiceStatus === 'done' || practiceStatus === 'error' || practiceStatus === 'idle') void loadHistory();
  }, [practiceStatus, loadHistory]);
  const shown = history.slice(0, HISTORY_LENGTH);
  return (
    <section className="card" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title" className="section-title">
        {ts.historyTitle}
      </h2>
      {shown.length === 0 ? (
        <p className="muted small">{ts.historyEmpty}</p>
      ) : (
        <ul className="history">
          {shown.map((a) => (
            <HistoryAttempt key={a.id} attempt={a} s={s} ts={ts} language={language} />
          ))}
        </ul>
      )}
    </section>
  );
}
