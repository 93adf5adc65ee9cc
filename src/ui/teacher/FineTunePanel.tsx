/**
 * "Adapt the model to my voice": the number of teacher recordings and of items they cover (enabled
 * from MIN_FINETUNE_RECORDINGS distinct items),
 * progress with cancel, the held-back figures before and after, the adopt-or-keep decision, and one
 * tap back to the base model.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { teacherVoiceError, teacherVoiceStrings, type TeacherVoiceStrings } from '../../lessons/strings/teacherVoice';
import type { HeadEvaluation } from '../../model/finetune';
import { formatNumber, formatPercent } from '../../lessons/strings/format';
import { MIN_FINETUNE_RECORDINGS, useAppStore } from '../../store';
import './teacherVoice.css';

const rejections = (e: HeadEvaluation) => `${e.falseRejections} / ${e.phones}`;

function stageText(s: TeacherVoiceStrings, stage: string | null): string {
  return stage === 'training' ? s.stageTraining : stage === 'evaluating' ? s.stageEvaluating : s.stageFeatures;
}

export function FineTunePanel() {
  const language = useAppStore((st) => st.settings.language);
  const s = teacherVoiceStrings(language);
  const { total, items, fineTune, activeModel, itemId } = useAppStore(
    useShallow((st) => ({ total: st.teacherVoice.total, items: st.teacherVoice.items, fineTune: st.teacherVoice.fineTune, activeModel: st.teacherVoice.activeModel, itemId: st.practice.itemId })),
  );
  const { loadTeacher, startFineTune, cancelFineTune, revertToBaseModel, loadEngine, syncActiveModel } = useAppStore(
    useShallow((st) => ({ loadTeacher: st.loadTeacher, startFineTune: st.startFineTune, cancelFineTune: st.cancelFineTune, revertToBaseModel: st.revertToBaseModel, loadEngine: st.loadEngine, syncActiveModel: st.syncActiveModel })),
  );
  useEffect(() => {
    void loadTeacher(itemId);
  }, [itemId, loadTeacher]);
  // The practice engine (the model learners are judged by) follows the active model.
  useEffect(() => {
    void loadEngine().then(syncActiveModel);
  }, [loadEngine, syncActiveModel]);
  const running = fineTune.status === 'running';
  // The text says "items", and so does the count: twelve takes of one item are one item.
  const enough = items >= MIN_FINETUNE_RECORDINGS;
  const summary = fineTune.summary;
  return (
    <section className="finetune" aria-labelledby="finetune-title" data-testid="finetune-panel">
      <h2 id="finetune-title" className="section-title">
        {s.adaptTitle}
      </h2>
      <p className="muted small">{s.adaptIntro}</p>
      <p>
        {s.recordingsCount} <strong data-testid="finetune-count">{total}</strong> · {s.itemsCount} <strong data-testid="finetune-items">{items}</strong>
      </p>
      {!enough ? <p className="muted small">{s.needMore.replace('{n}', String(MIN_FINETUNE_RECORDINGS))}</p> : null}
      <div className="row">
        <button type="button" className="button" disabled={!enough || running} onClick={() => void startFineTune()} data-testid="finetune-start">
          {s.adapt}
        </button>
        {running ? (
          <button type="button" className="button button--secondary" onClick={cancelFineTune} data-testid="finetune-cancel">
            {s.cancel}
          </button>
        ) : null}
      </div>
      {/* Only while it runs: once finished, the result below says what happened (no stale label or full bar). */}
      {running ? (
        <div className="finetune__progress">
          <label className="small" htmlFor="finetune-progress">
            {stageText(s, fineTune.stage)}
          </label>
          <progress id="finetune-progress" max={100} value={Math.round(100 * fineTune.fraction)} data-testid="finetune-progress" aria-valuetext={formatPercent(fineTune.fraction, language, 0)}>
            {formatPercent(fineTune.fraction, language, 0)}
          </progress>
        </div>
      ) : null}
      {fineTune.status === 'cancelled' ? (
        <p role="status" className="small" data-testid="finetune-cancelled">
          {s.cancelled}
        </p>
      ) : null}
      {fineTune.status === 'error' && fineTune.error ? (
        <div className="problem" role="alert" data-testid="finetune-error" data-code={fineTune.error.code}>
          <p className="problem__title">{s.error}</p>
          <p className="problem__message">{teacherVoiceError(language, fineTune.error.code, fineTune.error.message)}</p>
        </div>
      ) : null}
      {summary ? (
        <div className="finetune__result" data-testid="finetune-result" data-adopt={String(summary.adopt)}>
          <table className="finetune__table">
            <caption>
              {s.resultTitle} ({summary.heldOut} {s.heldOut})
            </caption>
            <thead>
              <tr>
                <th scope="col">{s.measure}</th>
                <th scope="col">{s.before}</th>
                <th scope="col">{s.after}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{s.frameAccuracy}</th>
                <td>{formatPercent(summary.base.frameAccuracy, language)}</td>
                <td>{formatPercent(summary.tuned.frameAccuracy, language)}</td>
              </tr>
              <tr>
                <th scope="row">{s.falseRejections}</th>
                <td>{rejections(summary.base)}</td>
                <td>{rejections(summary.tuned)}</td>
              </tr>
            </tbody>
          </table>
          <p role="status" className={summary.adopt ? 'finetune__decision finetune__decision--adopted' : 'finetune__decision'} data-testid="finetune-decision">
            {summary.adopt ? s.adopted : s.kept}
          </p>
          <p className="muted small">{s.tookSeconds.replace('{s}', formatNumber(summary.seconds, language, 1))}</p>
        </div>
      ) : null}
      <p>
        {s.active} <strong data-testid="finetune-active">{activeModel === 'finetuned' ? s.activeFinetuned : s.activeBase}</strong>
      </p>
      <button type="button" className="button button--secondary" disabled={activeModel !== 'finetuned' || running} onClick={() => void revertToBaseModel()} data-testid="finetune-revert">
        {s.revert}
      </button>
    </section>
  );
}
