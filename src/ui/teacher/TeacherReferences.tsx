/**
 * The teacher's renditions of the current lesson item: record one (the app's recorder, with the level
 * meter) or import WAV files, then list, play and delete them. The recordings join the practice
 * overlay as the "Teacher" voice.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { findLessonItem } from '../../lessons/packs';
import { teacherVoiceError, teacherVoiceStrings } from '../../lessons/strings/teacherVoice';
import { useAppStore } from '../../store';
import { LessonSelects } from '../LessonSelects';
import { formatNumber } from '../../lessons/strings/format';
import { LevelMeter } from '../LevelMeter';
import { createPlayback, type Playback } from '../playback';
import './teacherVoice.css';

export function TeacherReferences() {
  const language = useAppStore((st) => st.settings.language);
  const s = teacherVoiceStrings(language);
  const { packId, itemId } = useAppStore(useShallow((st) => ({ packId: st.practice.packId, itemId: st.practice.itemId })));
  const teacher = useAppStore(useShallow((st) => ({ refs: st.teacherVoice.refs, record: st.teacherVoice.record, level: st.teacherVoice.level, elapsed: st.teacherVoice.elapsedSeconds, problem: st.teacherVoice.problem, imported: st.teacherVoice.imported })));
  const { selectItem, loadTeacher, startTeacherRecording, stopTeacherRecording, importTeacherFiles, deleteTeacherRef } = useAppStore(
    useShallow((st) => ({
      selectItem: st.selectItem,
      loadTeacher: st.loadTeacher,
      startTeacherRecording: st.startTeacherRecording,
      stopTeacherRecording: st.stopTeacherRecording,
      importTeacherFiles: st.importTeacherFiles,
      deleteTeacherRef: st.deleteTeacherRef,
    })),
  );
  const [playback] = useState<Playback>(() => createPlayback());
  useEffect(() => () => playback.dispose(), [playback]);
  useEffect(() => {
    void loadTeacher(itemId);
  }, [itemId, loadTeacher]);
  const fileInput = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => new Map(teacher.refs.map((r) => [r.id, URL.createObjectURL(r.audio)])), [teacher.refs]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);

  const item = findLessonItem(itemId)?.item;
  const recording = teacher.record === 'recording';
  return (
    <section className="teacher-refs" aria-labelledby="teacher-refs-title" data-testid="teacher-references">
      <h2 id="teacher-refs-title" className="section-title">
        {s.title}
      </h2>
      <p className="muted small">{s.intro}</p>
      <p className="small">{s.forItem}</p>
      <div className="teacher-refs__picker">
        <LessonSelects language={language} packId={packId} itemId={itemId} disabled={recording} labels={{ lesson: s.lesson, item: s.item }} onSelect={selectItem} itemTestId="teacher-item" />
      </div>
      {item ? (
        <p className="item__text" lang="en">
          {item.text}
        </p>
      ) : null}
      <div className="teacher-refs__controls">
        <button type="button" className="button" onClick={() => (recording ? stopTeacherRecording() : void startTeacherRecording())} disabled={teacher.record === 'saving'} data-testid="teacher-record">
          {recording ? s.stop : teacher.record === 'saving' ? s.saving : s.record}
        </button>
        <LevelMeter rms={teacher.level.rms} peak={teacher.level.peak} active={recording} label={s.levelMeter} />
        <button type="button" className="button button--secondary" onClick={() => fileInput.current?.click()}>
          {s.importWav}
        </button>
        <input
          ref={fileInput}
          className="visually-hidden"
          type="file"
          accept=".wav,audio/wav,audio/x-wav,audio/wave"
          multiple
          aria-label={s.importWav}
          data-testid="teacher-import"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void importTeacherFiles(files);
          }}
        />
      </div>
      <p className="muted small">{s.importHint}</p>
      {teacher.imported !== null ? (
        <p className="small" role="status" data-testid="teacher-imported">
          {s.imported} {teacher.imported}
        </p>
      ) : null}
      {teacher.problem ? (
        <div className="problem" role="alert" data-testid="teacher-problem" data-code={teacher.problem.code}>
          <p className="problem__message">
            {teacher.problem.file ? <strong>{teacher.problem.file}: </strong> : null}
            {teacherVoiceError(language, teacher.problem.code, teacher.problem.message)}
          </p>
        </div>
      ) : null}
      {teacher.refs.length === 0 ? (
        <p className="muted small">{s.none}</p>
      ) : (
        <ul className="teacher-refs__list" data-testid="teacher-ref-list">
          {teacher.refs.map((r, i) => (
            <li key={r.id} className="teacher-refs__entry">
              <span>
                {s.recordingLabel} {i + 1} · {formatNumber(r.durationSeconds, language, 1)} {s.seconds}
              </span>
              <button type="button" className="button button--secondary" onClick={() => void playback.play([urls.get(r.id)!])} aria-label={`${s.play} ${s.recordingLabel} ${i + 1}`}>
                {s.play}
              </button>
              <button type="button" className="button button--secondary" onClick={() => void deleteTeacherRef(r.id)} aria-label={`${s.delete} ${s.recordingLabel} ${i + 1}`}>
                {s.delete}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
