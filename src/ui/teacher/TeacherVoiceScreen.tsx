/** The teacher's voice screen (`?screen=teacher-voice`): the teacher's recordings and adapting the model. */
import { FineTunePanel } from './FineTunePanel';
import { TeacherReferences } from './TeacherReferences';

export function TeacherVoiceScreen() {
  return (
    <main className="screen">
      <TeacherReferences />
      <FineTunePanel />
    </main>
  );
}
