/**
 * The header's profile switcher: pick the learner who is practising (no password), or create a new
 * one by name. Loads the profiles on mount (a first run creates the first profile).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { learnerDisplayName, teacherProblemText, teacherStrings } from '../../lessons/strings/teacher';
import { appStore, MAX_PROFILE_NAME, useAppStore } from '../../store';
import './teacher.css';

const NEW = 'new';

export function ProfileSwitcher() {
  const language = useAppStore((st) => st.settings.language);
  const ts = teacherStrings(language);
  const { list, activeId, error } = useAppStore(useShallow((st) => ({ list: st.profiles.list, activeId: st.profiles.activeId, error: st.profiles.error })));
  const practiceStatus = useAppStore((st) => st.practice.status);
  const { loadProfiles, switchProfile, createProfile } = useAppStore(useShallow((st) => ({ loadProfiles: st.loadProfiles, switchProfile: st.switchProfile, createProfile: st.createProfile })));
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [formError, setFormError] = useState(false);
  const busy = practiceStatus === 'recording' || practiceStatus === 'saving' || practiceStatus === 'analysing';

  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);

  const onPick = (value: string) => {
    if (value === NEW) {
      setCreating(true);
      setFormError(false);
      return;
    }
    void switchProfile(Number(value)).then(() => resetPractice());
  };

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await createProfile(name);
    setFormError(!ok);
    if (ok) {
      setCreating(false);
      setName('');
      resetPractice();
    }
  };

  return (
    <div className="profile-switcher">
      <label className="profile-switcher__pick">
        <span className="visually-hidden">{ts.learner}</span>
        <select
          className="field__input"
          aria-label={ts.learner}
          value={creating ? NEW : (activeId ?? '')}
          disabled={busy || list.length === 0}
          onChange={(e) => onPick(e.target.value)}
          data-testid="profile-select"
        >
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {learnerDisplayName(p.name, language)}
            </option>
          ))}
          <option value={NEW}>{ts.newLearnerOption}</option>
        </select>
      </label>
      {creating ? (
        <form className="profile-switcher__form" onSubmit={(e) => void onCreate(e)}>
          <label className="field">
            <span className="field__label">{ts.newLearnerName}</span>
            <input className="field__input" value={name} maxLength={MAX_PROFILE_NAME + 10} autoFocus onChange={(e) => setName(e.target.value)} aria-invalid={formError} />
          </label>
          <div className="row">
            <button type="submit" className="button">
              {ts.create}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setCreating(false);
                setFormError(false);
              }}
            >
              {ts.cancel}
            </button>
          </div>
          {formError && error ? (
            <p className="problem problem--error small" role="alert" data-problem={error.code}>
              {teacherProblemText(error, ts)}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

/** Clears the practice screen's last result (it belonged to the previous learner), keeping the item. */
function resetPractice(): void {
  const { packId, itemId } = appStore.getState().practice;
  appStore.getState().selectItem(packId, itemId);
}
