/** The teacher's voice screen (`?screen=teacher-voice`): the teacher's recordings and adapting the model, behind the teacher PIN. */
import { FineTunePanel } from './FineTunePanel';
import { TeacherReferences } from './TeacherReferences';
import { TeacherGate } from './TeacherScreen';

export function TeacherVoiceScreen() {
  return (
    <main className="screen">
      <TeacherGate>
        <TeacherReferences />
        <FineTunePanel />
      </TeacherGate>
    </main>
  );
}
