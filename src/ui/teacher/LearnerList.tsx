/** The learners on this device, each with open, rename and remove (after a confirmation). */
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TeacherStrings } from '../../lessons/strings/teacher';
import { useAppStore, type Profile } from '../../store';
import { Problem, type Strings } from './teacherShared';

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

export function LearnerList({ ts }: Strings) {
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
