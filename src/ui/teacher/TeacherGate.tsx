/**
 * Teacher-only content behind the optional PIN (the Teacher, Share and Voice & model tabs): the PIN
 * prompt while locked — after too many wrong PINs with a countdown to the next try, the button
 * disabled until then — and the children once open. Leaving locks teacher mode again (a shared phone
 * goes back to a learner).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { Problem, useTeacherStrings, type Strings } from './teacherShared';

/** Whole seconds left until `at` (ms since the epoch), re-read every quarter second while it runs; 0 once it has passed or when null. */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(() => {
      tick();
      if (Date.now() >= at) clearInterval(id);
    }, 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

function PinPrompt({ ts }: Strings) {
  const { busy, error, retryAt } = useAppStore(useShallow((st) => ({ busy: st.teacher.busy, error: st.teacher.error, retryAt: st.teacher.retryAt })));
  const unlock = useAppStore((st) => st.unlockTeacher);
  const [pin, setPin] = useState('');
  const wait = useSecondsUntil(retryAt);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (wait > 0) return;
    void unlock(pin).then(() => setPin(''));
  };
  // While a wait runs, the countdown replaces the error; once it is over, the prompt says to try again.
  const waited = retryAt !== null && wait === 0;
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
        <button type="submit" className="button" disabled={busy || wait > 0}>
          {busy ? ts.checking : ts.unlock}
        </button>
      </form>
      {wait > 0 ? (
        <p className="problem problem--warning" role="timer" aria-live="polite" data-testid="pin-wait" data-seconds={wait}>
          {ts.pinWait.replace('{seconds}', String(wait))}
        </p>
      ) : waited ? (
        <p className="small" role="status" data-testid="pin-wait-over">
          {ts.pinWaitOver}
        </p>
      ) : (
        <Problem problem={error} ts={ts} />
      )}
    </section>
  );
}

export function TeacherGate({ children }: { children: ReactNode }) {
  const strings = useTeacherStrings();
  const { checked, hasPin, unlocked } = useAppStore(useShallow((st) => ({ checked: st.teacher.checked, hasPin: st.teacher.hasPin, unlocked: st.teacher.unlocked })));
  const profilesError = useAppStore((st) => st.profiles.error);
  const { loadProfiles, lock } = useAppStore(useShallow((st) => ({ loadProfiles: st.loadProfiles, lock: st.lockTeacher })));
  useEffect(() => {
    void loadProfiles();
    return () => lock();
  }, [loadProfiles, lock]);
  if (!checked)
    return (
      <>
        <p className="muted">{strings.ts.loading}</p>
        <Problem problem={profilesError} ts={strings.ts} />
      </>
    );
  if (hasPin && !unlocked) return <PinPrompt {...strings} />;
  return <>{children}</>;
}

/** `checking` | `locked` | `open`, for the screen's `data-teacher` attribute. */
export function useTeacherAccess(): 'checking' | 'locked' | 'open' {
  const { checked, hasPin, unlocked } = useAppStore(useShallow((st) => ({ checked: st.teacher.checked, hasPin: st.teacher.hasPin, unlocked: st.teacher.unlocked })));
  return !checked ? 'checking' : hasPin && !unlocked ? 'locked' : 'open';
}
