/** The teacher's voice screen (`?screen=teacher-voice`): the teacher's recordings and adapting the model, behind the teacher PIN. */
import { FineTunePanel } from './FineTunePanel';
import { TeacherReferences } from './TeacherReferences';
import { TeacherGate, useTeacherAccess } from './TeacherGate';

export function TeacherVoiceScreen() {
  const access = useTeacherAccess();
  return (
    <main className="screen" data-screen="teacher-voice" data-teacher={access}>
      <TeacherGate>
        <TeacherReferences />
        <FineTunePanel />
      </TeacherGate>
    </main>
  );
}
