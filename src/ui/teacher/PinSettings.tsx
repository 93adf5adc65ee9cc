/** The teacher PIN's settings: set, change or remove it. */
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { Problem, type Strings } from './teacherShared';

export function PinSettings({ ts }: Strings) {
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
