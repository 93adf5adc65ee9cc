/**
 * Teacher mode: behind the optional PIN, the learners on this device (open, rename, remove with a
 * confirmation), the teacher PIN's settings, a learner's sessions under filters (pattern, flagged
 * only, dates) with their progress per pattern, and one attempt opened for review — the learner's
 * audio, the spectrogram overlay against the native speaker, each sound with the machine's verdict
 * and a control to override it, a note, save. (Playback goes through playback.ts, whose controls
 * are ours and bilingual; WaveformPlayer's labels are English-only.) Leaving the screen locks teacher mode again.
 */
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Verdict } from '../../assess';
import { t, type UiStrings } from '../../lessons/i18n';
import { lessonPacks } from '../../lessons/packs';
import { teacherProblemText, teacherStrings, type TeacherStrings } from '../../lessons/strings/teacher';
import { effectiveVerdicts, FEATURE_RATE_HZ, isFlagged, MAX_NOTE_LENGTH, useAppStore, type OpenAttempt, type PhoneOverride, type Profile } from '../../store';
import { logMelToRgba } from '../logMelImage';
import { createPlayback, type Playback } from '../playback';
import { refusalStrings } from '../../lessons/strings/usability';
import { segmentSlices, SpectrogramOverlay } from '../SpectrogramOverlay';
import { formatWhen } from './LearnerHistory';
import { verdictLabel } from './verdictLabel';
import './teacher.css';

interface Strings {
  readonly s: UiStrings;
  readonly ts: TeacherStrings;
  readonly language: 'pt-BR' | 'en';
}

function Problem({ problem, ts }: { problem: { code: string; message: string } | null; ts: TeacherStrings }) {
  if (!problem) return null;
  return (
    <p className="problem problem--error" role="alert" data-problem={problem.code}>
      {teacherProblemText(problem, ts)}
    </p>
  );
}

function PinPrompt({ ts }: Strings) {
  const { busy, error } = useAppStore(useShallow((st) => ({ busy: st.teacher.busy, error: st.teacher.error })));
  const unlock = useAppStore((st) => st.unlockTeacher);
  const [pin, setPin] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void unlock(pin).then(() => setPin(''));
  };
  return (
    <section className="card" aria-labelledby="pin-title">
      <h1 id="pin-title" className="card__title">
        {ts.teacherTitle}
      </h1>
      <p>{ts.pinPrompt}</p>
      <form className="teacher-form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{ts.pin}</span>
          <input className="field__input" type="password" inputMode="numeric" autoComplete="current-password" autoFocus value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? ts.checking : ts.unlock}
        </button>
      </form>
      <Problem problem={error} ts={ts} />
    </section>
  );
}

function PinSettings({ ts }: Strings) {
  const { hasPin, busy, error, pinChange } = useAppStore(useShallow((st) => ({ hasPin: st.teacher.hasPin, busy: st.teacher.busy, error: st.teacher.error, pinChange: st.teacher.pinChange })));
  const { setPin, clearPin } = useAppStore(useShallow((st) => ({ setPin: st.setTeacherPin, clearPin: st.clearTeacherPin })));
  const [pin, setPinText] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pin !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    void setPin(pin).then((ok) => {
      if (ok) {
        setPinText('');
        setConfirm('');
      }
    });
  };
  return (
    <section className="card" aria-labelledby="pin-settings-title">
      <h2 id="pin-settings-title" className="section-title">
        {ts.pinSettings}
      </h2>
      <p className="muted small">{hasPin ? ts.pinIsSet : ts.pinNone}</p>
      <form className="teacher-form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{ts.newPin}</span>
          <input className="field__input" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPinText(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{ts.confirmPin}</span>
          <input className="field__input" type="password" inputMode="numeric" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {hasPin ? ts.changePin : ts.setPin}
          </button>
          {hasPin ? (
            <button type="button" className="button button--secondary" onClick={() => void clearPin()}>
              {ts.clearPin}
            </button>
          ) : null}
        </div>
      </form>
      {mismatch ? (
        <p className="problem problem--error" role="alert" data-problem="PIN_MISMATCH">
          {ts.pinMismatch}
        </p>
      ) : (
        <Problem problem={error} ts={ts} />
      )}
      {pinChange && !mismatch && !error ? (
        <p className="small" role="status">
          {pinChange === 'set' ? ts.pinSaved : ts.pinCleared}
        </p>
      ) : null}
    </section>
  );
}

function LearnerRow({ profile, count, ts }: { profile: Profile; count: number; ts: TeacherStrings }) {
  const { openLearner, rename, remove } = useAppStore(useShallow((st) => ({ openLearner: st.openLearner, rename: st.renameProfile, remove: st.removeProfile })));
  const [mode, setMode] = useState<'view' | 'rename' | 'remove'>('view');
  const [name, setName] = useState(profile.name);
  const submitRename = (e: FormEvent) => {
    e.preventDefault();
    void rename(profile.id, name).then((ok) => ok && setMode('view'));
  };
  return (
    <li className="learners__row" data-testid="learner" data-learner-name={profile.name}>
      <div className="learners__head">
        <span className="learners__name">{profile.name}</span>
        <span className="muted small">
          {count} {count === 1 ? ts.attemptOne : ts.attemptsCount}
        </span>
      </div>
      {mode === 'rename' ? (
        <form className="teacher-form" onSubmit={submitRename}>
          <label className="field">
            <span className="field__label">{ts.newName}</span>
            <input className="field__input" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="button">
              {ts.save}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
              {ts.cancel}
            </button>
          </div>
        </form>
      ) : mode === 'remove' ? (
        <div className="learners__confirm" role="group" aria-label={`${ts.remove} ${profile.name}`}>
          <p>{ts.removeConfirm.replace('{name}', profile.name).replace('{count}', String(count))}</p>
          <div className="row">
            <button type="button" className="button button--danger" onClick={() => void remove(profile.id)}>
              {ts.removeYes}
            </button>
            <button type="button" className="button button--secondary" autoFocus onClick={() => setMode('view')}>
              {ts.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button" aria-label={`${ts.open} ${profile.name}`} onClick={() => void openLearner(profile.id)}>
            {ts.open}
          </button>
          <button type="button" className="button button--secondary" aria-label={`${ts.rename} ${profile.name}`} onClick={() => setMode('rename')}>
            {ts.rename}
          </button>
          <button type="button" className="button button--secondary" aria-label={`${ts.remove} ${profile.name}`} onClick={() => setMode('remove')}>
            {ts.remove}
          </button>
        </div>
      )}
    </li>
  );
}

function LearnerList({ ts }: Strings) {
  const { list, counts, error } = useAppStore(useShallow((st) => ({ list: st.profiles.list, counts: st.profiles.attemptCounts, error: st.profiles.error })));
  return (
    <section className="card" aria-labelledby="learners-title">
      <h2 id="learners-title" className="section-title">
        {ts.learners}
      </h2>
      <ul className="learners">
        {list.map((p) => (
          <LearnerRow key={p.id} profile={p} count={counts[p.id] ?? 0} ts={ts} />
        ))}
      </ul>
      <Problem problem={error} ts={ts} />
    </section>
  );
}

function Filters({ ts }: Strings) {
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
              {p}
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

function ProgressTable({ ts }: Strings) {
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
                <th scope="row">{r.pattern}</th>
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

function LearnerSessions(props: Strings) {
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
              {attempts.map((a) => {
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

/** The learner's log-mel alone (when no native reference could be loaded). */
function LearnerLogMel({ open, label }: { open: OpenAttempt; label: string }) {
  const logMel = open.learnerLogMel;
  return (
    <canvas
      className="teacher-logmel"
      role="img"
      aria-label={label}
      ref={(element) => {
        const context = element?.getContext('2d');
        if (!element || !context || !logMel || logMel.frames === 0) return;
        element.width = logMel.frames;
        element.height = logMel.bands;
        context.putImageData(new ImageData(logMelToRgba(logMel), logMel.frames, logMel.bands), 0, 0);
      }}
    />
  );
}

const CHOICES: readonly Verdict[] = ['ok', 'mispronounced', 'missing'];

function AttemptReview({ open, s, ts, language }: Strings & { open: OpenAttempt }) {
  const { attempt } = open;
  const { status, error } = useAppStore(useShallow((st) => ({ status: st.review.status, error: st.review.error })));
  const { openAttempt, save } = useAppStore(useShallow((st) => ({ openAttempt: st.openAttempt, save: st.saveReview })));
  const [playback] = useState<Playback>(() => createPlayback());
  const [playing, setPlaying] = useState(false);
  useEffect(() => () => playback.dispose(), [playback]);
  const initial = useMemo(() => new Map((attempt.review?.overrides ?? []).map((o) => [`${o.word}:${o.phone}`, o.verdict])), [attempt.review]);
  const [choices, setChoices] = useState<Map<string, Verdict>>(() => initial);
  const [note, setNote] = useState(attempt.review?.note ?? '');
  const result = attempt.result;
  const review = useMemo(() => ({ overrides: [...choices.entries()].map(([k, verdict]) => ({ word: Number(k.split(':')[0]), phone: Number(k.split(':')[1]), verdict })) }), [choices]);
  const effective = useMemo(() => (result ? effectiveVerdicts(result, review) : []), [result, review]);
  const flat = useMemo(() => effective.flatMap((w) => w.phones), [effective]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const overrides: PhoneOverride[] = review.overrides;
    void save(overrides, note);
  };
  const choose = (key: string, value: string) => {
    const next = new Map(choices);
    if (value) next.set(key, value as Verdict);
    else next.delete(key);
    setChoices(next);
  };
  const clip = open.samples ? { samples: open.samples, sampleRateHz: open.sampleRateHz } : null;
  const overlay = open.overlay;

  return (
    <section className="card" aria-labelledby="attempt-title" data-testid="attempt-review" data-attempt-id={attempt.id}>
      <button type="button" className="button button--secondary" onClick={() => void openAttempt(null)}>
        ← {ts.backToSessions}
      </button>
      <h2 id="attempt-title" className="section-title teacher-title">
        {ts.attemptTitle}: <span lang="en">“{attempt.text}”</span>
      </h2>
      <p className="muted small">
        {ts.recordedOn} {formatWhen(attempt.createdAt, language)}
        {result ? ` · ${ts.score} ${result.score}` : ''}
      </p>
      {attempt.status === 'refused' && attempt.refusal ? (
        <p className="problem problem--warning small" data-testid="attempt-refusal" data-refusal={attempt.refusal.reason}>
          <strong>{refusalStrings(language).refused}:</strong> {refusalStrings(language).reasons[attempt.refusal.reason]}
        </p>
      ) : null}
      {clip ? (
        <div className="row">
          <button
            type="button"
            className="button"
            onClick={() => {
              if (playing) {
                playback.stop();
                return;
              }
              setPlaying(true);
              void playback.play([clip]).finally(() => setPlaying(false));
            }}
          >
            {playing ? ts.stopPlaying : ts.playAttempt}
          </button>
          <span className="muted small nowrap">{(clip.samples.length / clip.sampleRateHz).toFixed(1)} s</span>
        </div>
      ) : (
        <p className="problem problem--warning">{ts.audioMissing}</p>
      )}
      {overlay && clip ? (
        <SpectrogramOverlay
          overlay={overlay}
          phones={flat}
          strings={s}
          verdictText={(p) => verdictLabel(p, s, language)}
          onPlaySegment={(seg) => playback.playSlices(segmentSlices(seg, clip, { samples: overlay.native.samples16k, sampleRateHz: FEATURE_RATE_HZ }))}
        />
      ) : open.learnerLogMel ? (
        <>
          <LearnerLogMel open={open} label={s.overlayLabel} />
          <p className="muted small">{ts.learnerLogMel}</p>
        </>
      ) : null}
      {result ? (
        <form className="teacher-review" onSubmit={submit}>
          <h3 className="section-title section-title--small">{ts.phonesTitle}</h3>
          {effective.map((word, w) => (
            <div key={w} className="review-word">
              <span className="word-result__word" lang="en">
                {word.word}
              </span>
              <ul className="review-phones">
                {word.phones.map((p, i) => {
                  const key = `${w}:${i}`;
                  const options = p.machineVerdict === 'inserted' ? (['inserted', 'ok'] as const) : CHOICES;
                  return (
                    <li key={i} className="review-phone" data-testid="review-phone" data-phone={p.phone} data-machine-verdict={p.machineVerdict} data-verdict={p.verdict}>
                      <span className={`phone phone--${p.machineVerdict}`}>{p.phone}</span>
                      <span className="review-phone__machine small">
                        {ts.machineSays}: {verdictLabel({ verdict: p.machineVerdict, heard: p.machineHeard }, s, language)}
                      </span>
                      <label className="review-phone__choice">
                        <span className="visually-hidden">
                          {ts.teacherVerdictFor} {p.phone} ({word.word})
                        </span>
                        <select
                          className="field__input"
                          aria-label={`${ts.teacherVerdictFor} ${p.phone} (${word.word})`}
                          value={choices.get(key) ?? ''}
                          onChange={(e) => choose(key, e.target.value)}
                        >
                          <option value="">
                            {ts.keepMachine} ({verdictLabel({ verdict: p.machineVerdict, heard: null }, s, language)})
                          </option>
                          {options
                            .filter((v) => v !== p.machineVerdict)
                            .map((v) => (
                              <option key={v} value={v}>
                                {verdictLabel({ verdict: v, heard: null }, s, language)}
                              </option>
                            ))}
                        </select>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          <label className="field">
            <span className="field__label">{ts.note}</span>
            <textarea className="field__input teacher-note-input" rows={3} maxLength={MAX_NOTE_LENGTH} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="button" disabled={status === 'saving'}>
              {status === 'saving' ? ts.saving : ts.saveReview}
            </button>
          </div>
          <p className="small" role="status" data-testid="review-status">
            {status === 'saved' ? ts.reviewSaved : ''}
          </p>
        </form>
      ) : (
        <p className="muted">{ts.notAssessed}</p>
      )}
      <Problem problem={error} ts={ts} />
    </section>
  );
}

/**
 * Teacher-only content behind the optional PIN (as the Teacher tab): the prompt while locked, the
 * children once open; leaving locks teacher mode again.
 */
export function TeacherGate({ children }: { children: ReactNode }) {
  const language = useAppStore((st) => st.settings.language);
  const strings: Strings = { s: t(language), ts: teacherStrings(language), language };
  const { checked, hasPin, unlocked } = useAppStore(useShallow((st) => ({ checked: st.teacher.checked, hasPin: st.teacher.hasPin, unlocked: st.teacher.unlocked })));
  const { loadProfiles, lock } = useAppStore(useShallow((st) => ({ loadProfiles: st.loadProfiles, lock: st.lockTeacher })));
  useEffect(() => {
    void loadProfiles();
    return () => lock();
  }, [loadProfiles, lock]);
  if (!checked) return <p className="muted">{strings.ts.loading}</p>;
  if (hasPin && !unlocked) return <PinPrompt {...strings} />;
  return <>{children}</>;
}

export function TeacherScreen() {
  const language = useAppStore((st) => st.settings.language);
  const s = t(language);
  const ts = teacherStrings(language);
  const strings: Strings = { s, ts, language };
  const { checked, hasPin, unlocked } = useAppStore(useShallow((st) => ({ checked: st.teacher.checked, hasPin: st.teacher.hasPin, unlocked: st.teacher.unlocked })));
  const { learnerId, open, status } = useAppStore(useShallow((st) => ({ learnerId: st.review.learnerId, open: st.review.open, status: st.review.status })));
  const { loadProfiles, lock } = useAppStore(useShallow((st) => ({ loadProfiles: st.loadProfiles, lock: st.lockTeacher })));
  const profilesError = useAppStore((st) => st.profiles.error);
  useEffect(() => {
    void loadProfiles();
    // Leaving teacher mode locks it again (a shared phone goes back to a learner).
    return () => lock();
  }, [loadProfiles, lock]);
  const allowed = checked && (!hasPin || unlocked);
  return (
    <main className="screen" data-screen="teacher" data-teacher={!checked ? 'checking' : allowed ? 'open' : 'locked'}>
      {!checked ? (
        <>
          <p className="muted">{ts.loading}</p>
          <Problem problem={profilesError} ts={ts} />
        </>
      ) : !allowed ? (
        <PinPrompt {...strings} />
      ) : (
        <>
          <div className="teacher-bar">
            <h1 className="card__title">{ts.teacherTitle}</h1>
            {hasPin ? (
              <button type="button" className="button button--secondary" onClick={lock}>
                {ts.lock}
              </button>
            ) : null}
          </div>
          {open ? (
            <AttemptReview key={open.attempt.id} open={open} {...strings} />
          ) : status === 'loading' && learnerId !== null ? (
            <p className="muted">{ts.loading}</p>
          ) : learnerId !== null ? (
            <LearnerSessions {...strings} />
          ) : (
            <>
              <LearnerList {...strings} />
              <PinSettings {...strings} />
            </>
          )}
        </>
      )}
    </main>
  );
}
