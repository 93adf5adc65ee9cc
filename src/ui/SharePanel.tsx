/**
 * Sharing between phones without a server: export one learner or the whole class as a zip file
 * (downloaded through an `<a download>`, and offered to the Web Share API where the browser can
 * share files), and import such a file (checked completely before anything is stored; a refusal says
 * why in the user's language and changes nothing).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { TeacherGate, useTeacherAccess } from './teacher/TeacherGate';
import { formatBytes } from '../lessons/strings/format';
import { countList, fillShare, shareStrings, type ShareStrings } from '../lessons/strings/share';
import { archiveFileName, exportShareArchive, importShareArchive, ShareError, shareOverview, useAppStore, type DbOpener, type ImportSummary, type LearnerRow, type ShareErrorCode } from '../store';
import './share.css';

export interface SharePanelProps {
  /** The database to share from and into (default: the app's). */
  readonly openDb?: DbOpener;
}

type ExportState =
  | { readonly status: 'idle' }
  | { readonly status: 'busy' }
  | { readonly status: 'ready'; readonly file: File; readonly url: string; readonly canShare: boolean }
  | { readonly status: 'failed'; readonly code: ShareErrorCode | null; readonly reason: string };

type ImportState =
  | { readonly status: 'idle' }
  | { readonly status: 'busy' }
  | { readonly status: 'done'; readonly fileName: string; readonly summary: ImportSummary }
  | { readonly status: 'refused'; readonly code: ShareErrorCode; readonly detail: string };

interface DeviceCounts {
  readonly learners: LearnerRow[];
  readonly attempts: number;
}


/** The refusal in the user's language (the type makes a missing translation of a code an error). */
function refusalText(code: ShareErrorCode, s: ShareStrings): string {
  const key: `refuse_${ShareErrorCode}` = `refuse_${code}`;
  return s[key];
}

function canShareFile(file: File): boolean {
  try {
    return typeof navigator.share === 'function' && typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });
  } catch {
    return false;
  }
}

/** The Share tab: behind the teacher PIN when one is set (it exports the whole class). */
export function SharePanel(props: SharePanelProps) {
  const access = useTeacherAccess();
  return (
    <main className="screen share" data-screen="share" data-teacher={access}>
      <TeacherGate>
        <ShareContent {...props} />
      </TeacherGate>
    </main>
  );
}

function ShareContent({ openDb }: SharePanelProps) {
  const language = useAppStore((st) => st.settings.language);
  const activeLearnerId = useAppStore((st) => st.profiles.activeId);
  const s = shareStrings(language);
  const [counts, setCounts] = useState<DeviceCounts | null>(null);
  const [chosenLearnerId, setLearnerId] = useState<number | null>(null);
  const [exported, setExported] = useState<ExportState>({ status: 'idle' });
  const [imported, setImported] = useState<ImportState>({ status: 'idle' });
  const urlRef = useRef<string | null>(null);
  const fileInputId = useId();
  const learnerSelectId = useId();

  /** Bumped after each import, so the counts are read again. */
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void shareOverview(openDb).then((overview) => {
      if (live) setCounts(overview);
    });
    return () => {
      live = false;
    };
  }, [openDb, generation]);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const has = (id: number | null) => id !== null && Boolean(counts?.learners.some((l) => l.id === id));
  // The learner chosen here, else the active profile, else the first one.
  const learnerId = has(chosenLearnerId) ? chosenLearnerId : has(activeLearnerId) ? activeLearnerId : (counts?.learners[0]?.id ?? null);

  const runExport = async (scope: 'learner' | 'all') => {
    const learner = counts?.learners.find((l) => l.id === learnerId);
    if (scope === 'learner' && !learner) return;
    setExported({ status: 'busy' });
    try {
      const blob = await exportShareArchive(scope === 'all' ? 'all' : { learnerIds: [learner?.id as number] }, openDb);
      const name = archiveFileName(scope === 'all' ? s.classFileName : (learner?.name ?? ''), new Date());
      const file = new File([blob], name, { type: 'application/zip' });
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      const url = URL.createObjectURL(file);
      urlRef.current = url;
      setExported({ status: 'ready', file, url, canShare: canShareFile(file) });
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
    } catch (error) {
      setExported({ status: 'failed', code: error instanceof ShareError ? error.code : null, reason: (error as Error).message });
    }
  };

  const shareFile = async (file: File) => {
    try {
      await navigator.share({ files: [file], title: file.name });
    } catch (error) {
      if ((error as Error).name !== 'AbortError') setExported({ status: 'failed', code: null, reason: (error as Error).message });
    }
  };

  const runImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setImported({ status: 'busy' });
    try {
      const summary = await importShareArchive(file, openDb);
      setImported({ status: 'done', fileName: file.name, summary });
    } catch (error) {
      if (error instanceof ShareError) setImported({ status: 'refused', code: error.code, detail: error.message });
      else setImported({ status: 'refused', code: 'WRITE_FAILED', detail: (error as Error).message });
    } finally {
      input.value = '';
      setGeneration((g) => g + 1);
    }
  };

  const busy = exported.status === 'busy' || imported.status === 'busy';
  const summary = imported.status === 'done' ? imported.summary : null;
  const added = summary ? summary.learners + summary.sessions + summary.attempts + summary.reviews + summary.teacherReferences : 0;

  return (
    <div className="share__content" data-testid="share-content" data-busy={busy ? 'true' : 'false'}>
      <section className="card" aria-labelledby="share-title">
        <h1 id="share-title" className="card__title">
          {s.title}
        </h1>
        <p className="muted">{s.intro}</p>
        {counts && (
          <p data-testid="share-counts" data-learners={counts.learners.length} data-attempts={counts.attempts}>
            {fillShare(s.onDevice, { list: countList(language, { learners: counts.learners.length, attempts: counts.attempts }) })}
          </p>
        )}
      </section>

      <section className="card share__section" aria-labelledby="share-export-title">
        <h2 id="share-export-title" className="section-title">
          {s.exportTitle}
        </h2>
        {counts && counts.learners.length === 0 ? (
          <p className="muted">{s.noLearners}</p>
        ) : (
          <>
            <div className="field">
              <label className="field__label" htmlFor={learnerSelectId}>
                {s.learner}
              </label>
              <select id={learnerSelectId} className="field__input" value={learnerId ?? ''} onChange={(e) => setLearnerId(Number(e.target.value))} disabled={!counts}>
                {counts?.learners.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="share__actions">
              <button type="button" className="button" disabled={busy || learnerId === null} onClick={() => void runExport('learner')}>
                {s.exportLearner}
              </button>
              <button type="button" className="button button--secondary" disabled={busy || !counts} onClick={() => void runExport('all')}>
                {s.exportAll}
              </button>
            </div>
          </>
        )}
        <div role="status" aria-live="polite" className="share__status" data-testid="export-status">
          {exported.status === 'busy' && s.exporting}
          {exported.status === 'ready' && fillShare(s.exported, { file: exported.file.name, size: formatBytes(exported.file.size, language) })}
        </div>
        {exported.status === 'ready' && (
          <div className="share__actions">
            <a className="button button--secondary share__link" href={exported.url} download={exported.file.name}>
              {s.downloadAgain}
            </a>
            {exported.canShare && (
              <button type="button" className="button" onClick={() => void shareFile(exported.file)}>
                {s.shareFile}
              </button>
            )}
          </div>
        )}
        {exported.status === 'failed' && (
          <p className="problem" role="alert" data-refusal={exported.code ?? undefined}>
            {exported.code === 'TOO_LARGE' ? s.exportTooLarge : fillShare(s.exportFailed, { reason: exported.reason })}
          </p>
        )}
      </section>

      <section className="card share__section" aria-labelledby="share-import-title">
        <h2 id="share-import-title" className="section-title">
          {s.importTitle}
        </h2>
        <label className="button button--secondary file-button" htmlFor={fileInputId} aria-disabled={busy || undefined}>
          {s.importLabel}
          <input id={fileInputId} className="share__file" type="file" accept=".zip,application/zip" disabled={busy} onChange={(e) => void runImport(e.currentTarget)} />
        </label>
        <p className="muted small">{s.importHint}</p>
        <div role="status" aria-live="polite" className="share__status" data-testid="import-status">
          {imported.status === 'busy' && s.importing}
          {summary && imported.status === 'done' && (
            <span data-testid="import-summary" data-added={added} data-skipped={summary.skippedDuplicates}>
              {fillShare(s.imported, { file: imported.fileName })}{' '}
              {added > 0
                ? fillShare(s.added, {
                    list: countList(language, { learners: summary.learners, sessions: summary.sessions, attempts: summary.attempts, reviews: summary.reviews, teacherReferences: summary.teacherReferences }),
                  })
                : s.nothingNew}
              {added > 0 && summary.skippedDuplicates > 0 && <> {fillShare(s.skipped, { skipped: summary.skippedDuplicates })}</>}
            </span>
          )}
        </div>
        {imported.status === 'refused' && (
          <section className="problem" role="alert" data-refusal={imported.code}>
            <p className="problem__message">
              <strong>{refusalText(imported.code, s)}</strong> {s.refused}
            </p>
            <details className="share__details">
              <summary>{s.details}</summary>
              <p className="small" lang="en">
                {imported.detail}
              </p>
            </details>
          </section>
        )}
      </section>
    </div>
  );
}
