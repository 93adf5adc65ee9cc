/** The "Teacher" choice among the practice screen's native voices, shown when the teacher recorded the current item. */
import { useEffect, useMemo } from 'react';
import { teacherVoiceStrings } from '../../lessons/strings/teacherVoice';
import { TEACHER_VOICE, useAppStore } from '../../store';

/** Object URL of the teacher's latest recording of the current practice item (null when none). */
export function useTeacherUrl(): string | null {
  const itemId = useAppStore((st) => st.practice.itemId);
  const refs = useAppStore((st) => st.teacherVoice.refs);
  const teacherItem = useAppStore((st) => st.teacherVoice.itemId);
  const latest = teacherItem === itemId ? refs.at(-1) : undefined;
  const url = useMemo(() => (latest ? URL.createObjectURL(latest.audio) : null), [latest]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url;
}

export function TeacherVoiceOption() {
  const language = useAppStore((st) => st.settings.language);
  const itemId = useAppStore((st) => st.practice.itemId);
  const voice = useAppStore((st) => st.practice.voice);
  const setVoice = useAppStore((st) => st.setVoice);
  const loadTeacher = useAppStore((st) => st.loadTeacher);
  const has = useAppStore((st) => st.teacherVoice.itemId === itemId && st.teacherVoice.refs.length > 0);
  useEffect(() => {
    void loadTeacher(itemId);
  }, [itemId, loadTeacher]);
  if (!has) return null;
  return (
    <label className="radio">
      <input type="radio" name="voice" value={TEACHER_VOICE} checked={voice === TEACHER_VOICE} onChange={() => setVoice(TEACHER_VOICE)} /> {teacherVoiceStrings(language).teacherVoice}
    </label>
  );
}
