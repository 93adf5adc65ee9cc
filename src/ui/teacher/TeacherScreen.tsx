/**
 * Teacher mode (`?screen=teacher`), behind the optional PIN (TeacherGate): the learners on this
 * device and the PIN's settings; a learner's sessions with their progress; one attempt opened for
 * review. Leaving the screen locks teacher mode again.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { AttemptReview } from './AttemptReview';
import { LearnerList } from './LearnerList';
import { LearnerSessions } from './LearnerSessions';
import { PinSettings } from './PinSettings';
import { TeacherGate, useTeacherAccess } from './TeacherGate';
import { useTeacherStrings } from './teacherShared';
import './teacher.css';

function TeacherContent() {
  const strings = useTeacherStrings();
  const { ts } = strings;
  const hasPin = useAppStore((st) => st.teacher.hasPin);
  const lock = useAppStore((st) => st.lockTeacher);
  const { learnerId, open, status } = useAppStore(useShallow((st) => ({ learnerId: st.review.learnerId, open: st.review.open, status: st.review.status })));
  return (
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
  );
}

export function TeacherScreen() {
  const access = useTeacherAccess();
  return (
    <main className="screen" data-screen="teacher" data-teacher={access}>
      <TeacherGate>
        <TeacherContent />
      </TeacherGate>
    </main>
  );
}
