/**
 * The learner's progress: the practice streak (current and best), what to practise next (weak lessons
 * first, each with a button that opens it), each sound's daily average score over time (a small SVG
 * chart, with a text summary for screen readers), the weak sounds due for review today (SM-2,
 * src/db/spacedReview.ts) each with its next-best drill, and the lessons, weakest first. Reads the attempts
 * of the active profile from IndexedDB whenever an attempt settles or the profile changes.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { soundWithExample } from '../lessons/strings/sounds';
import { lessonPacks } from '../lessons/packs';
import { progressStrings, type ProgressStrings } from '../lessons/strings/progress';
import type { TipLanguage } from '../lessons/tips';
import { activeLearnerAttempts, dayStart, dueToday, nextDrill, patternProgress, phoneProgress, practiseNext, reviewCards, streaks, useAppStore, type AttemptRow, type DrillItem, type PhoneProgress } from '../store';
import './ProgressPanel.css';

/** Suggestions shown under "practise next". */
const SUGGESTIONS = 3;

/** The learner's attempts and when they were read (ms), reloaded whenever an attempt settles. */
function useAttempts(): { rows: AttemptRow[]; readAt: number } | null {
  const status = useAppStore((st) => st.practice.status);
  const activeId = useAppStore((st) => st.profiles.activeId);
  const language = useAppStore((st) => st.settings.language);
  const loadProfiles = useAppStore((st) => st.loadProfiles);
  const [rows, setRows] = useState<{ rows: AttemptRow[]; readAt: number } | null>(null);
  useEffect(() => {
    if (status !== 'done' && status !== 'idle' && status !== 'error') return;
    let live = true;
    // The active profile's attempts (the first run creates one).
    activeLearnerAttempts(language).then(
      ({ learnerId, attempts }) => {
        // The first run just created the profile: the header's switcher reads it again.
        if (learnerId !== activeId) void loadProfiles();
        if (live) setRows({ rows: attempts, readAt: Date.now() });
      },
      () => undefined, // unreadable storage: the panel stays empty; saving reports storage problems
    );
    return () => {
      live = false;
    };
  }, [status, activeId, language, loadProfiles]);
  return rows;
}

function formatDay(day: number, language: TipLanguage): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(dayStart(day));
}

const CHART = { width: 320, height: 120, left: 28, right: 8, top: 8, bottom: 22 };

/** One sound's daily averages as a line over days (x: day, evenly spaced by date; y: 0–100). */
function PhoneChart({ progress, language, p }: { progress: PhoneProgress; language: TipLanguage; p: ProgressStrings }) {
  const { points } = progress;
  const first = points[0].day;
  const span = Math.max(1, points[points.length - 1].day - first);
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const x = (day: number) => CHART.left + (points.length === 1 ? plotW / 2 : ((day - first) / span) * plotW);
  const y = (score: number) => CHART.top + (1 - score / 100) * plotH;
  const summary = p.chartSummary(soundWithExample(progress.phone, language), points.map((pt) => `${formatDay(pt.day, language)} ${pt.score}`).join(', '));
  return (
    <svg className="progress-chart" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={summary} data-testid="phone-chart" data-points={points.length}>
      {[0, 50, 100].map((v) => (
        <g key={v} aria-hidden="true">
          <line className="progress-chart__grid" x1={CHART.left} x2={CHART.width - CHART.right} y1={y(v)} y2={y(v)} />
          <text className="progress-chart__label" x={CHART.left - 4} y={y(v) + 4} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      <text className="progress-chart__label" x={CHART.left} y={CHART.height - 6} aria-hidden="true">
        {formatDay(first, language)}
      </text>
      {points.length > 1 ? (
        <text className="progress-chart__label" x={CHART.width - CHART.right} y={CHART.height - 6} textAnchor="end" aria-hidden="true">
          {formatDay(points[points.length - 1].day, language)}
        </text>
      ) : null}
      <polyline className="progress-chart__line" points={points.map((pt) => `${x(pt.day)},${y(pt.score)}`).join(' ')} aria-hidden="true" />
      {points.map((pt) => (
        <circle key={pt.day} className="progress-chart__dot" cx={x(pt.day)} cy={y(pt.score)} r={3.5} aria-hidden="true" />
      ))}
    </svg>
  );
}

export function ProgressPanel() {
  const language = useAppStore((st) => st.settings.language);
  const { status, packId } = useAppStore(useShallow((st) => ({ status: st.practice.status, packId: st.practice.packId })));
  const select = useAppStore((st) => st.selectItem);
  // Opening a lesson from down here brings the item and Record back into view.
  const selectItem = (packId: string, itemId: string) => {
    select(packId, itemId);
    document.querySelector('[data-screen="practice"]')?.scrollIntoView({ block: 'start' });
  };
  const p = progressStrings(language);
  const attempts = useAttempts();
  const packs = lessonPacks();
  const [chosenPhone, setChosenPhone] = useState<string | null>(null);
  const drillItems = useMemo<DrillItem[]>(() => packs.flatMap((pack) => pack.items.map((i) => ({ packId: pack.id, itemId: i.id, pattern: pack.pattern, phones: i.phones.flat() }))), [packs]);
  const view = useMemo(() => {
    if (!attempts) return null;
    const { rows, readAt } = attempts;
    return {
      streak: streaks(rows, readAt),
      next: practiseNext(rows, packs.map((pack) => pack.pattern)).slice(0, SUGGESTIONS),
      phones: phoneProgress(rows),
      patterns: patternProgress(rows),
      due: dueToday(reviewCards(rows), readAt)
        .slice(0, SUGGESTIONS)
        .map((card) => ({ card, drill: nextDrill(card, drillItems, rows) })),
    };
  }, [attempts, packs, drillItems]);
  const busy = status === 'recording' || status === 'saving' || status === 'analysing';
  const titleOf = (pattern: string) => packs.find((pack) => pack.pattern === pattern)?.title[language] ?? pattern;

  if (!view || view.patterns.length === 0) {
    return (
      <section className="card progress-panel" aria-labelledby="progress-title" data-testid="progress">
        <h2 id="progress-title" className="section-title">
          {p.title}
        </h2>
        <p className="muted small">{p.empty}</p>
      </section>
    );
  }
  const phone = view.phones.find((x) => x.phone === chosenPhone) ?? view.phones[0];
  return (
    <section className="card progress-panel" aria-labelledby="progress-title" data-testid="progress">
      <h2 id="progress-title" className="section-title">
        {p.title}
      </h2>

      <div className="progress-panel__streak" data-testid="streak" data-current={view.streak.current} data-best={view.streak.best}>
        <span className="progress-panel__streak-label">{p.streak}:</span> <strong>{p.streakDays(view.streak.current)}</strong>{' '}
        <span className="muted small">({p.streakBest(view.streak.best)})</span>
        <p className="muted small progress-panel__streak-hint">{view.streak.today ? p.streakToday : view.streak.current > 0 ? p.streakKeep : p.streakStart}</p>
      </div>

      <h3 className="section-title section-title--small">{p.dueTitle}</h3>
      {view.due.length === 0 ? (
        <p className="muted small" data-testid="due-today" data-due="0">
          {p.dueNone}
        </p>
      ) : (
        <ol className="progress-panel__next" data-testid="due-today" data-due={view.due.length}>
          {view.due.map(({ card, drill }) => {
            const item = drill ? packs.find((x) => x.id === drill.packId)?.items.find((i) => i.id === drill.itemId) : undefined;
            return (
              <li key={`${card.pattern}:${card.phone}`} className="progress-panel__suggestion" data-pattern={card.pattern} data-phone={card.phone}>
                <span className="progress-panel__suggestion-text">
                  <strong>{p.dueSound(soundWithExample(card.phone, language), titleOf(card.pattern))}</strong>{' '}
                  {card.lapses > 0 ? <span className="muted small">{p.dueLapses(card.lapses)}</span> : null}
                </span>
                {drill && item ? (
                  <button type="button" className="button button--secondary progress-panel__go" disabled={busy} data-testid="due-drill" onClick={() => selectItem(drill.packId, drill.itemId)}>
                    {p.dueDrill(item.text)}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}

      <h3 className="section-title section-title--small">{p.nextTitle}</h3>
      <ol className="progress-panel__next" data-testid="practise-next">
        {view.next.map((s) => {
          const pack = packs.find((x) => x.pattern === s.pattern);
          const title = titleOf(s.pattern);
          return (
            <li key={s.pattern} className="progress-panel__suggestion" data-pattern={s.pattern} data-reason={s.reason}>
              <span className="progress-panel__suggestion-text">
                <strong>{title}</strong> <span className="muted small">{s.reason === 'new' ? p.reason_new() : p[`reason_${s.reason}`](s.recentScore ?? 0)}</span>
              </span>
              {pack ? (
                <button
                  type="button"
                  className="button button--secondary progress-panel__go"
                  disabled={busy || pack.id === packId}
                  aria-label={p.practiseLesson(title)}
                  onClick={() => selectItem(pack.id, pack.items[0].id)}
                >
                  {p.practise}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>

      {phone ? (
        <>
          <h3 className="section-title section-title--small">{p.chartTitle}</h3>
          <label className="field">
            <span className="field__label">{p.chartPhone}</span>
            <select className="field__input" value={phone.phone} onChange={(e) => setChosenPhone(e.target.value)}>
              {view.phones.map((x) => (
                <option key={x.phone} value={x.phone}>
                  {p.chartPhoneOption(soundWithExample(x.phone, language), x.meanScore)}
                </option>
              ))}
            </select>
          </label>
          <PhoneChart progress={phone} language={language} p={p} />
        </>
      ) : null}

      <h3 className="section-title section-title--small">{p.patternsTitle}</h3>
      <ul className="progress-panel__patterns">
        {view.patterns.map((r) => (
          <li key={r.pattern} className="progress-panel__pattern">
            <span className="progress-panel__pattern-name">{titleOf(r.pattern)}</span>
            <span className="progress-panel__bar" role="meter" aria-label={`${titleOf(r.pattern)}: ${p.average}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={r.meanScore}>
              <span style={{ width: `${r.meanScore}%` }} />
            </span>
            <span className="small">
              {r.meanScore} · {p.attempts(r.attempts)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
