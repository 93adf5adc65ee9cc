/** A learner's sessions (newest first) under filters — pattern, flagged only, dates — and progress per pattern. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { lessonPacks } from '../../lessons/packs';
import { refusalStrings } from '../../lessons/strings/usability';
import { isFlagged, useAppStore } from '../../store';
import { formatWhen } from './LearnerHistory';
import { Problem, type Strings } from './teacherShared';

/** A pattern's name in the UI language: its lesson's title (AE_EH → "bad" e "bed"); an unknown pattern names itself. */
export function patternTitle(pattern: string, language: Strings['language']): string {
  return lessonPacks().find((p) => p.pattern === pattern)?.title[language] ?? pattern;
}

function Filters({ ts, language }: Strings) {
  const filter = useAppStore((st) => st.review.filter);
  const setFilter = useAppStore((st) => st.setReviewFilter);
  const patterns = useMemo(() => [...new Set(lessonPacks().map((p) => p.pattern))].sort(), []);
  return (
    <fieldset className="teacher-filters">
      <legend className="field__label">{ts.filters}</legend>
      <label className="field">
        <span className="field__label">{ts.pattern}</span>
        <select className="field__input" value={filter.pattern ?? ''} onChange={(e) => void setFilter({ pattern: e.target.value || null })}>
          <option value="">{ts.allPatterns}</option>
          {patterns.map((p) => (
            <option key={p} value={p}>
              {patternTitle(p, language)}
            </option>
          ))}
        </select>
      </label>
      <label className="radio">
        <input type="checkbox" checked={filter.flaggedOnly} onChange={(e) => void setFilter({ flaggedOnly: e.target.checked })} /> {ts.flaggedOnly}
      </label>
      <label className="field">
        <span className="field__label">{ts.fromDate}</span>
        <input className="field__input" type="date" value={filter.from} onChange={(e) => void setFilter({ from: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">{ts.toDate}</span>
        <input className="field__input" type="date" value={filter.to} onChange={(e) => void setFilter({ to: e.target.value })} />
      </label>
    </fieldset>
  );
}

function ProgressTable({ ts, language }: Strings) {
  const progress = useAppStore((st) => st.review.progress);
  return (
    <section className="card" aria-labelledby="teacher-progress-title">
      <h2 id="teacher-progress-title" className="section-title">
        {ts.progressTitle}
      </h2>
      {progress.length === 0 ? (
        <p className="muted small">{ts.progressEmpty}</p>
      ) : (
        <table className="teacher-progress" data-testid="teacher-progress">
          <thead>
            <tr>
              <th scope="col">{ts.pattern}</th>
              <th scope="col">{ts.okPhones}</th>
              <th scope="col">{ts.machineOnly}</th>
              <th scope="col">{ts.attemptsCount}</th>
            </tr>
          </thead>
          <tbody>
            {progress.map((r) => (
              <tr key={r.pattern} data-pattern={r.pattern} data-ok-percent={r.okPercent}>
                <th scope="row">{patternTitle(r.pattern, language)}</th>
                <td>{r.okPercent}%</td>
                <td>{r.machineOkPercent}%</td>
                <td>
                  {r.attempts} ({r.reviewed} {ts.reviewed})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function LearnerSessions(props: Strings) {
  const { ts, language } = props;
  const { learnerId, sessions, status, error } = useAppStore(useShallow((st) => ({ learnerId: st.review.learnerId, sessions: st.review.sessions, status: st.review.status, error: st.review.error })));
  const name = useAppStore((st) => st.profiles.list.find((p) => p.id === learnerId)?.name ?? '');
  const { openLearner, openAttempt } = useAppStore(useShallow((st) => ({ openLearner: st.openLearner, openAttempt: st.openAttempt })));
  return (
    <>
      <section className="card" aria-labelledby="sessions-title">
        <button type="button" className="button button--secondary" onClick={() => void openLearner(null)}>
          ← {ts.backToLearners}
        </button>
        <h2 id="sessions-title" className="section-title teacher-title">
          {name} — {ts.sessions}
        </h2>
        <Filters {...props} />
        {status === 'loading' ? <p className="muted small">{ts.loading}</p> : null}
        {status !== 'loading' && sessions.length === 0 ? <p className="muted small">{ts.noSessions}</p> : null}
        {sessions.map(({ session, attempts }) => (
          <div key={session.id} className="session" data-testid="session">
            <h3 className="session__title">
              {ts.session} · {formatWhen(session.startedAt, language)}
            </h3>
            <ul className="session__attempts">
              {[...attempts]
                .sort((x, y) => y.createdAt - x.createdAt)
                .map((a) => {
                const flagged = isFlagged(a.result, a.review);
                const marks = [a.result ? `${a.result.score}` : a.status === 'refused' ? refusalStrings(language).refused : ts.failed, flagged ? ts.flagged : null, a.review ? ts.reviewed : null].filter(Boolean).join(' · ');
                return (
                  <li key={a.id}>
                    <button type="button" className="session__attempt" data-testid="session-attempt" data-attempt-id={a.id} onClick={() => void openAttempt(a.id)}>
                      <span lang="en" className="session__text">
                        {a.text}
                      </span>
                      <span className="muted small">{new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(a.createdAt)}</span>
                      <span className={`small${flagged ? ' session__flag' : ''}`}>{marks}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        <Problem problem={error} ts={ts} />
      </section>
      <ProgressTable {...props} />
    </>
  );
}
