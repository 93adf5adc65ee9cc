/**
 * The practice screen: pick a lesson and an item (its sounds shown), hear the native speaker (normal
 * and slow), record (live level, automatic stop on trailing silence), then the result — each sound
 * coloured by verdict with what was heard, the tip in the learner's language, the score, replay
 * buttons and the spectrogram overlay. Reads the practice and settings slices; actions go through
 * the store. This component owns the playback object.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PhoneAssessment } from '../assess';
import { t, type UiStrings } from '../lessons/i18n';
import { warningStrings } from '../lessons/strings/practice';
import { findLessonItem, lessonPacks } from '../lessons/packs';
import { LessonSelects } from './LessonSelects';
import { findTip, type Tip } from '../lessons/tips';
import { FEATURE_RATE_HZ, loadReferenceIndex, REFERENCE_BASE_URL, TEACHER_VOICE, useAppStore, type PracticeStatus } from '../store';
import type { ReferenceIndex } from '../lessons/references';
import { LevelMeter } from './LevelMeter';
import { usePaintTiming } from './paintTiming';
import { ProgressPanel } from './ProgressPanel';
import { createPlayback, type Playback } from './playback';
import { TeacherVoiceOption, useTeacherUrl } from './teacher/TeacherVoiceOption';
import { SpectrogramOverlay } from './SpectrogramOverlay';
import { LearnerHistory } from './teacher/LearnerHistory';
import { StorageFullNotice, StorageUsage } from './StorageNotice';
import { formatClock } from './time';

/** Playback speed of "play slowly". */
export const SLOW_RATE = 0.6;

function statusText(status: PracticeStatus, s: UiStrings): string {
  switch (status) {
    case 'idle':
      return s.statusIdle;
    case 'recording':
      return s.statusRecording;
    case 'saving':
      return s.statusSaving;
    case 'analysing':
      return s.statusAnalysing;
    case 'done':
      return s.statusDone;
    case 'error':
      return s.statusError;
  }
}

/** A problem in the learner's language where the code is known, else the error's own (English) message. */
function problemText(problem: { code: string; message: string }, s: UiStrings): string {
  const localised = s[`error_${problem.code}` as keyof UiStrings];
  return localised ?? problem.message;
}

export function verdictText(p: { verdict: string; heard: string | null }, s: UiStrings): string {
  const base = s[`verdict_${p.verdict}` as keyof UiStrings] ?? p.verdict;
  return p.heard ? `${base}, ${s.heardAs} ${p.heard}` : base;
}

/** Tips for the phones to fix: (expected, heard), and (consonant before, 'VOWEL') for an inserted vowel; each tip once. */
export function tipsFor(phones: readonly PhoneAssessment[]): Tip[] {
  const tips: Tip[] = [];
  const seen = new Set<string>();
  phones.forEach((p, i) => {
    let tip: Tip | null = null;
    if (p.verdict === 'mispronounced' && p.heard) tip = findTip(p.phone, p.heard);
    else if (p.verdict === 'inserted') tip = findTip(phones[i - 1]?.phone ?? 'FINAL', 'VOWEL');
    if (!tip) return;
    const key = tip.text.en;
    if (seen.has(key)) return;
    seen.add(key);
    tips.push(tip);
  });
  return tips;
}

function useReferenceIndex(): ReferenceIndex | null {
  const [index, setIndex] = useState<ReferenceIndex | null>(null);
  useEffect(() => {
    let live = true;
    loadReferenceIndex().then(
      (i) => live && setIndex(i),
      () => undefined, // without the index there is no native playback; the attempt reports REFERENCE_UNAVAILABLE
    );
    return () => {
      live = false;
    };
  }, []);
  return index;
}

function ItemPicker({ s }: { s: UiStrings }) {
  const { packId, itemId, voice, status } = useAppStore(useShallow((st) => ({ packId: st.practice.packId, itemId: st.practice.itemId, voice: st.practice.voice, status: st.practice.status })));
  const selectItem = useAppStore((st) => st.selectItem);
  const setVoice = useAppStore((st) => st.setVoice);
  const language = useAppStore((st) => st.settings.language);
  const packs = lessonPacks();
  const pack = packs.find((p) => p.id === packId) ?? packs[0];
  const busy = status === 'recording' || status === 'saving' || status === 'analysing';
  return (
    <div className="picker">
      <LessonSelects language={language} packId={packId} itemId={itemId} disabled={busy} labels={{ lesson: s.lesson, item: s.item }} onSelect={selectItem} />
      <fieldset className="field field--inline">
        <legend className="field__label">{s.nativeVoice}</legend>
        {[
          { id: 'slt', label: s.voiceFemale },
          { id: 'kal', label: s.voiceMale },
        ].map((v) => (
          <label key={v.id} className="radio">
            <input type="radio" name="voice" value={v.id} checked={voice === v.id} onChange={() => setVoice(v.id)} /> {v.label}
          </label>
        ))}
        <TeacherVoiceOption />
      </fieldset>
      <p className="muted small">{pack.intro[language]}</p>
    </div>
  );
}

function ItemCard({ s, index, playback }: { s: UiStrings; index: ReferenceIndex | null; playback: Playback }) {
  const { itemId, voice } = useAppStore(useShallow((st) => ({ itemId: st.practice.itemId, voice: st.practice.voice })));
  const teacherUrl = useTeacherUrl();
  const found = findLessonItem(itemId);
  if (!found) return null;
  const { item } = found;
  const url = voice === TEACHER_VOICE ? teacherUrl : nativeUrl(index, itemId, voice);
  return (
    <div className="item" data-testid="item" data-item-id={item.id}>
      <p className="item__text" lang="en">
        {item.text}
      </p>
      <p className="item__phones" aria-label={`${s.phones}: ${item.phones.flat().join(' ')}`} data-testid="item-phones">
        {item.phones.map((word, w) => (
          <span key={w} className="item__word">
            /{word.join(' ')}/
          </span>
        ))}
      </p>
      {item.kind === 'pair' ? (
        <p className="muted small">
          {s.pairWith} <span lang="en">“{item.partner}”</span> /{item.partnerPhones?.flat().join(' ')}/
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="button" disabled={!url} onClick={() => url && void playback.play([url], 1)}>
          {s.playNative}
        </button>
        <button type="button" className="button button--secondary" disabled={!url} onClick={() => url && void playback.play([url], SLOW_RATE)}>
          {s.playNativeSlow}
        </button>
      </div>
    </div>
  );
}

function nativeUrl(index: ReferenceIndex | null, itemId: string, voice: string): string | null {
  const entry = index?.items[itemId];
  const rendition = entry ? index?.clips[entry.clip]?.renditions.find((r) => r.voice === voice) : undefined;
  return rendition ? `${REFERENCE_BASE_URL}${rendition.file}` : null;
}

function RecordControls({ s }: { s: UiStrings }) {
  const { status, level, elapsedSeconds } = useAppStore(useShallow((st) => ({ status: st.practice.status, level: st.practice.level, elapsedSeconds: st.practice.elapsedSeconds })));
  const start = useAppStore((st) => st.startPractice);
  const stop = useAppStore((st) => st.stopPractice);
  const recording = status === 'recording';
  const busy = status === 'saving' || status === 'analysing';
  return (
    <div className="controls">
      <button
        type="button"
        className={`record-button${recording ? ' record-button--recording' : ''}`}
        onClick={() => (recording ? stop() : void start())}
        disabled={busy}
        aria-label={recording ? s.stopRecording : s.startRecording}
      >
        <span className="record-button__icon" aria-hidden="true" />
        <span className="record-button__text">{recording ? s.stop : busy ? s.wait : s.record}</span>
      </button>
      <div className="controls__readout">
        <div className="clock">
          <span className="clock__elapsed" data-testid="practice-elapsed">
            {formatClock(elapsedSeconds)}
          </span>
        </div>
        <LevelMeter rms={level.rms} peak={level.peak} active={recording} label={s.levelMeter} />
      </div>
    </div>
  );
}

function Result({ s, index, playback }: { s: UiStrings; index: ReferenceIndex | null; playback: Playback }) {
  const { result, recording, overlay, pair, itemId, voice, analysisMs } = useAppStore(
    useShallow((st) => ({
      result: st.practice.result,
      recording: st.practice.recording,
      overlay: st.practice.overlay,
      pair: st.practice.pair,
      itemId: st.practice.itemId,
      voice: st.practice.voice,
      analysisMs: st.practice.analysisMs,
    })),
  );
  const language = useAppStore((st) => st.settings.language);
  const phones = useMemo(() => result?.words.flatMap((w) => w.phones) ?? [], [result]);
  usePaintTiming(result);
  const teacherUrl = useTeacherUrl();
  if (!result || !recording) return null;
  const tips = tipsFor(phones);
  const url = voice === TEACHER_VOICE ? teacherUrl : nativeUrl(index, itemId, voice);
  const mine = { samples: recording.samples, sampleRateHz: recording.sampleRateHz };
  return (
    <section className="results" aria-labelledby="result-title" data-testid="result" data-score={result.score}>
      <h2 id="result-title" className="section-title">
        {s.resultTitle}: <span data-testid="score">{result.score}</span>
        <span className="muted small"> / 100</span>
      </h2>
      {result.warnings.length > 0 ? (
        <section className="problem problem--warning" role="alert" data-problem={result.warnings.join(' ')} data-testid="warnings" lang={language}>
          <h3 className="problem__title">{warningStrings(language).title}</h3>
          {result.warnings.map((w) => (
            <p key={w} className="problem__message" data-warning={w}>
              {warningStrings(language)[w]}
            </p>
          ))}
        </section>
      ) : null}
      {result.words.map((word, w) => (
        <div key={w} className="word-result">
          <span className="word-result__word" lang="en">
            {word.word}
          </span>{' '}
          <span className="muted small">
            {s.score} {word.score}
          </span>
          <ol className="phones" aria-label={word.word}>
            {word.phones.map((p, i) => (
              <li key={i} className={`phone phone--${p.verdict}`} data-testid="phone" data-phone={p.phone} data-verdict={p.verdict} data-heard={p.heard ?? ''}>
                <span className="phone__name">{p.phone}</span>
                {p.heard ? (
                  <span className="phone__heard">
                    → {p.heard}
                  </span>
                ) : null}
                <span className="visually-hidden">: {verdictText(p, s)}</span>
              </li>
            ))}
          </ol>
        </div>
      ))}
      {pair ? (
        <p className="muted small" data-testid="pair">
          {s.pairVerdict}: “{result.text}” / “{pair.partner}” — {Math.round(100 * pair.pOk)}%
        </p>
      ) : null}
      {tips.map((tip, i) => (
        <div key={i} className="tip" data-testid="tip" lang={language}>
          <h3 className="tip__title">{s.tip}</h3>
          <p>{tip.text[language]}</p>
          {tip.minimalPair ? (
            <p className="muted small">
              {s.practisePair}: <span lang="en">{tip.minimalPair.join(' / ')}</span>
            </p>
          ) : null}
        </div>
      ))}
      <div className="row">
        <button type="button" className="button" onClick={() => void playback.play([mine])}>
          {s.replayMine}
        </button>
        <button type="button" className="button button--secondary" disabled={!url} onClick={() => url && void playback.play([url])}>
          {s.replayNative}
        </button>
        <button type="button" className="button button--secondary" disabled={!url} onClick={() => url && void playback.play([mine, url])}>
          {s.replayBoth}
        </button>
      </div>
      {overlay ? (
        <>
          <h3 className="section-title section-title--small">{s.overlayTitle}</h3>
          <SpectrogramOverlay
            overlay={overlay}
            phones={phones}
            strings={s}
            verdictText={(p) => verdictText(p, s)}
            onPlaySegment={(seg) =>
              void playback.playSlices([
                { clip: mine, ...seg.learner },
                { clip: { samples: overlay.native.samples16k, sampleRateHz: FEATURE_RATE_HZ }, ...seg.native },
              ])
            }
          />
        </>
      ) : null}
      {analysisMs !== null ? (
        <p className="muted small" data-testid="analysis-ms">
          {s.analysisTime} {analysisMs} ms
        </p>
      ) : null}
    </section>
  );
}

export function PracticeScreen() {
  const { status, engine, engineMessage, error, notice } = useAppStore(
    useShallow((st) => ({ status: st.practice.status, engine: st.practice.engine, engineMessage: st.practice.engineMessage, error: st.practice.error, notice: st.practice.notice })),
  );
  const language = useAppStore((st) => st.settings.language);
  const loadEngine = useAppStore((st) => st.loadEngine);
  const s = t(language);
  const index = useReferenceIndex();
  // One owner of the playback; `dispose` leaves it usable again (StrictMode mounts twice).
  const [playback] = useState<Playback>(() => createPlayback());
  useEffect(() => () => playback.dispose(), [playback]);
  useEffect(() => {
    // Load tfjs and the model after the first paint, while the learner reads the item.
    const id = setTimeout(() => void loadEngine(), 0);
    return () => clearTimeout(id);
  }, [loadEngine]);
  return (
    <main className="screen" data-status={status} data-engine={engine} data-screen="practice">
      <section className="card" aria-labelledby="practice-title">
        <h1 id="practice-title" className="card__title">
          {s.practiceTitle}
        </h1>
        <ItemPicker s={s} />
        <ItemCard s={s} index={index} playback={playback} />
        <p className="status" role="status" aria-live="polite" data-testid="status">
          {statusText(status, s)}
        </p>
        <RecordControls s={s} />
        {engine === 'loading' ? <p className="muted small">{s.modelLoading}</p> : null}
        {engine === 'unavailable' ? (
          <p className="problem problem--warning" data-testid="engine-unavailable">
            {s.modelUnavailable} <span className="muted small">{engineMessage}</span>
          </p>
        ) : null}
      </section>
      {error ? (
        <section className="problem problem--error" role="alert" data-problem={error.code}>
          <p className="problem__message">{problemText(error, s)}</p>
        </section>
      ) : null}
      {notice && notice.code !== 'STORAGE_FULL' && notice.code !== 'SAVED' ? (
        <section className="problem problem--warning" role="alert" data-problem={notice.code}>
          <p className="problem__message">{notice.code === 'MAX_LENGTH' ? s.maxLength : notice.code === 'SAVE_FAILED' ? s.saveFailed : notice.message}</p>
        </section>
      ) : null}
      <StorageFullNotice />
      <Result s={s} index={index} playback={playback} />
      <ProgressPanel />
      <LearnerHistory />
      <StorageUsage />
    </main>
  );
}
