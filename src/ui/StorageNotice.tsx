/**
 * Storage on the device, on the practice screen:
 * - `StorageFullNotice`: the new recording did not fit (STORAGE_FULL). Says that earlier recordings
 *   are safe and what to do (export, delete old attempts), offers "Try saving again" and a WAV
 *   download of the recording kept in memory. After a successful retry it says so (SAVED).
 * - `StorageUsage`: a small "storage used" line (`navigator.storage.estimate()`) and whether the
 *   browser agreed to keep the data (the answer remembered at the first saved attempt).
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { encodeWav } from '../audio';
import { fill, formatBytes, pwaStrings } from '../lessons/strings/pwa';
import { storageStatus, useAppStore, type PersistenceAnswer } from '../store';
import './pwa.css';

export function StorageFullNotice() {
  const { notice, recording, itemId, attemptId, status } = useAppStore(
    useShallow((st) => ({ notice: st.practice.notice, recording: st.practice.recording, itemId: st.practice.itemId, attemptId: st.practice.attemptId, status: st.practice.status })),
  );
  const language = useAppStore((st) => st.settings.language);
  const retrySave = useAppStore((st) => st.retrySave);
  const [retrying, setRetrying] = useState(false);
  const s = pwaStrings(language);
  const url = useMemo(
    () => (notice?.code === 'STORAGE_FULL' && recording ? URL.createObjectURL(new Blob([encodeWav(recording.samples, recording.sampleRateHz)], { type: 'audio/wav' })) : null),
    [notice?.code, recording],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (notice?.code === 'SAVED') {
    return (
      <section className="problem problem--info" role="status" data-problem="SAVED">
        <p className="problem__message">{s.storageSaved}</p>
      </section>
    );
  }
  if (notice?.code !== 'STORAGE_FULL') return null;
  const busy = retrying || status === 'recording' || status === 'saving' || status === 'analysing';
  return (
    <section className="problem problem--warning" role="alert" data-problem="STORAGE_FULL" aria-labelledby="storage-full-title">
      <h2 id="storage-full-title" className="problem__title">
        {s.storageFullTitle}
      </h2>
      <p className="problem__message">{s.storageFull}</p>
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={busy || !recording || attemptId !== null}
          onClick={() => {
            setRetrying(true);
            void retrySave().finally(() => setRetrying(false));
          }}
        >
          {s.storageRetry}
        </button>
        {url ? (
          <a className="button button--secondary" href={url} download={`sotaque-${itemId}.wav`}>
            {s.storageDownload}
          </a>
        ) : null}
      </div>
    </section>
  );
}

export function StorageUsage() {
  const status = useAppStore((st) => st.practice.status);
  const language = useAppStore((st) => st.settings.language);
  const [estimate, setEstimate] = useState<{ usageBytes: number; quotaBytes: number | null } | null>(null);
  const [persisted, setPersisted] = useState<PersistenceAnswer | null>(null);
  useEffect(() => {
    if (status !== 'idle' && status !== 'done' && status !== 'error') return;
    let live = true;
    void storageStatus().then(({ estimate: e, persistence }) => {
      if (!live) return;
      setEstimate(e);
      setPersisted(persistence);
    });
    return () => {
      live = false;
    };
  }, [status]);
  if (!estimate) return null;
  const s = pwaStrings(language);
  const used = formatBytes(estimate.usageBytes, language);
  return (
    <p className="muted small storage-usage" data-testid="storage-usage" data-usage-bytes={estimate.usageBytes}>
      {estimate.quotaBytes === null ? fill(s.storageUsedNoQuota, { used }) : fill(s.storageUsed, { used, quota: formatBytes(estimate.quotaBytes, language) })}
      {persisted ? ` ${persisted.persisted ? s.storagePersisted : s.storageNotPersisted}` : null}
    </p>
  );
}
