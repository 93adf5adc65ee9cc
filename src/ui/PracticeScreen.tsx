/**
 * The practice screen: pick a lesson and an item (its sounds shown), hear the native speaker (normal
 * and slow), record (live level, automatic stop on trailing silence), then the result — each sound
 * coloured by verdict with what was heard, the tip in the learner's language, the score, replay
 * buttons and the spectrogram overlay. Reads the practice and settings slices; actions go through
 * the store. This component owns the playback object.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PhoneAssessment } from '../assess';
import { t, type UiStrings } from '../lessons/i18n';
import { warningStrings } from '../lessons/strings/practice';
import { refusalStrings } from '../lessons/strings/usability';
import { findLessonItem, lessonPacks } from '../lessons/packs';
import { LessonSelects } from './LessonSelects';
import type { TipLanguage } from '../lessons/tips';
import { tipsFor } from './practiceTips';

export { tipsFor };
import { heardSentence, soundLabel, soundWithExample } from '../lessons/strings/sounds';
import { verdictLabel } from './teacher/verdictLabel';
import { loadReferenceIndex, MAX_FREE_TEXT, REFERENCE_BASE_URL, TEACHER_VOICE, useAppStore, type AttemptRefusal, type PracticeStatus } from '../store';
import type { ReferenceIndex } from '../lessons/references';
import { LevelMeter } from './LevelMeter';
import { usePaintTiming } from './paintTiming';
import { ProgressPanel } from './ProgressPanel';
import { createPlayback, type Playback } from './playback';
import { TeacherVoiceOption, useTeacherUrl } from './teacher/TeacherVoiceOption';
import { segmentSlices, SpectrogramOverlay } from './SpectrogramOverlay';
import { LearnerHistory } from './teacher/LearnerHistory';
import { StorageFullNotice, StorageUsage } from './StorageNotice';
import { formatClock } from './time';
import { formatMilliseconds } from '../lessons/strings/format';

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
    case 'refused':
      return s.statusRefused;
  }
}

/** A problem in the learner's language where the code is known, else the error's own (English) message. */
function problemText(problem: { code: string; message: string; word?: string }, s: UiStrings): string {
  const localised = s[`error_${problem.code}` as keyof UiStrings];
  return localised ? localised.replace('{word}', problem.word ?? '') : problem.message;
}

export function verdictText(p: { verdict: string; heard: string | null }, s: UiStrings, language: TipLanguage): string {
  return verdictLabel(p, s, language);
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** What was wrong with each sound, in learner words: "“th” as in “think” sounded like “t” as in “tea”." (each line once). */
export function findingsFor(phones: readonly PhoneAssessment[], s: UiStrings, language: TipLanguage): string[] {
  const lines: string[] = [];
  phones.forEach((p, i) => {
    let line: string | null = null;
    if (p.verdict === 'mispronounced' && p.heard) line = heardSentence(p.phone, p.heard, language);
    else if (p.verdict === 'missing') line = fill(s.missingSound, { sound: soundWithExample(p.phone, language) });
    else if (p.verdict === 'inserted' && phones[i - 1]) line = fill(s.extraVowel, { sound: soundWithExample(phones[i - 1].phone, language) });
    if (line && !lines.includes(line)) lines.push(line);
  });
  return lines.map((l) => l.charAt(0).toUpperCase() + l.slice(1));
}

function useReferenceIndex(): ReferenceIndex | null {
  const [index, setIndex] = useState<ReferenceIndex | null>(null);
  useEffect(() => {
    let live = true;
    loadReferenceIndex().then(
      (i) => live && setIndex(i),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return index;
}

function ItemPicker({ s }: { s: UiStrings }) {
  const { packId, itemId, status, freeText } = useAppStore(useShallow((st) => ({ packId: st.practice.packId, itemId: st.practice.itemId, status: st.practice.status, freeText: st.practice.freeText })));
  const selectItem = useAppStore((st) => st.selectItem);
  const setFreeText = useAppStore((st) => st.setFreeText);
  const language = useAppStore((st) => st.settings.language);
  const busy = status === 'recording' || status === 'saving' || status === 'analysing';
  return (
    <>
      <div className="mode-switch" role="group" aria-label={s.modeLabel}>
        <button type="button" className={`mode-switch__option${freeText === null ? ' mode-switch__option--on' : ''}`} aria-pressed={freeText === null} disabled={busy} onClick={() => setFreeText(null)}>
          {s.modeLesson}
        </button>
        <button type="button" className={`mode-switch__option${freeText !== null ? ' mode-switch__option--on' : ''}`} aria-pressed={freeText !== null} disabled={busy} onClick={() => freeText === null && setFreeText('')}>
          {s.modeFree}
        </button>
      </div>
      {freeText === null ? (
        <div className="picker">
          <LessonSelects language={language} packId={packId} itemId={itemId} disabled={busy} labels={{ lesson: s.lesson, item: s.item }} onSelect={selectItem} />
        </div>
      ) : (
        <label className="field">
          <span className="field__label">{s.freeTextLabel}</span>
          <input
            className="field__input"
            lang="en"
            value={freeText}
            maxLength={MAX_FREE_TEXT}
            disabled={busy}
            placeholder={s.freeTextPlaceholder}
            autoCapitalize="off"
            spellCheck
            onChange={(e) => setFreeText(e.target.value)}
            data-testid="free-text"
          />
        </label>
      )}
    </>
  );
}

/** The native voice and the lesson's introduction: below Record, so the item and Record fit the first screen. */
function VoicePicker({ s }: { s: UiStrings }) {
  const { packId, voice } = useAppStore(useShallow((st) => ({ packId: st.practice.packId, voice: st.practice.voice })));
  const setVoice = useAppStore((st) => st.setVoice);
  const language = useAppStore((st) => st.settings.language);
  const packs = lessonPacks();
  const pack = packs.find((p) => p.id === packId) ?? packs[0];
  return (
    <div className="voice-picker">
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
  const { itemId, voice, freeText } = useAppStore(useShallow((st) => ({ itemId: st.practice.itemId, voice: st.practice.voice, freeText: st.practice.freeText })));
  const teacherUrl = useTeacherUrl();
  const found = findLessonItem(itemId);
  if (freeText !== null) {
    // The learner's own text: no native recording to play.
    return freeText.trim() ? (
      <div className="item" data-testid="item" data-item-id="free">
        <p className="item__text item__text--free" lang="en">
          {freeText.trim()}
        </p>
      </div>
    ) : null;
  }
  if (!found) return null;
  const { item } = found;
  const url = voice === TEACHER_VOICE ? teacherUrl : nativeUrl(index, itemId, voice);
  return (
    <div className="item" data-testid="item" data-item-id={item.id}>
      <p className="item__text" lang="en">
        {item.text}
      </p>
      <p className="item__phones" data-testid="item-phones" data-phones={item.phones.map((w) => w.join(' ')).join(' | ')}>
        <span className="visually-hidden">{`${s.phones}: ${item.phones.flat().map(soundLabel).join(', ')}`}</span>
        {item.phones.map((word, w) => (
          <span key={w} className="item__word" aria-hidden="true">
            {word.map(soundLabel).join(' · ')}
          </span>
        ))}
      </p>
      {item.kind === 'pair' ? (
        <p className="muted small">
          {s.pairWith} <span lang="en">“{item.partner}”</span>
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
        data-testid="record-button"
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
  const { result, recording, overlay, pair, itemId, voice, analysisMs, freeText } = useAppStore(
    useShallow((st) => ({
      result: st.practice.result,
      recording: st.practice.recording,
      overlay: st.practice.overlay,
      pair: st.practice.pair,
      itemId: st.practice.itemId,
      voice: st.practice.voice,
      analysisMs: st.practice.analysisMs,
      freeText: st.practice.freeText,
    })),
  );
  const language = useAppStore((st) => st.settings.language);
  const phones = useMemo(() => result?.words.flatMap((w) => w.phones) ?? [], [result]);
  usePaintTiming(result);
  const teacherUrl = useTeacherUrl();
  const section = useRef<HTMLElement>(null);
  // A new result is scrolled to: on a phone it is below the item and Record.
  useEffect(() => {
    if (result) section.current?.scrollIntoView({ block: 'start' });
  }, [result]);
  if (!result || !recording) return null;
  const tips = tipsFor(phones);
  const findings = findingsFor(phones, s, language);
  // Free text has no native recording.
  const url = freeText !== null ? null : voice === TEACHER_VOICE ? teacherUrl : nativeUrl(index, itemId, voice);
  const mine = { samples: recording.samples, sampleRateHz: recording.sampleRateHz };
  return (
    <section ref={section} className="results" aria-labelledby="result-title" data-testid="result" data-score={result.score}>
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
                <span className="phone__name">{p.verdict === 'inserted' ? `+${soundLabel(p.phone)}` : soundLabel(p.phone)}</span>
                {p.heard && p.verdict === 'mispronounced' ? <span className="phone__heard">→ {soundLabel(p.heard)}</span> : null}
                {p.verdict === 'unsure' ? <span className="phone__heard" aria-hidden="true">?</span> : null}
                <span className="visually-hidden">: {verdictText(p, s, language)}</span>
              </li>
            ))}
          </ol>
        </div>
      ))}
      {findings.length > 0 ? (
        <ul className="findings" data-testid="findings" lang={language}>
          {findings.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {phones.some((p) => p.verdict === 'unsure') ? (
        <p className="unsure-advice" data-testid="unsure" lang={language}>
          {s.unsureAdvice}
        </p>
      ) : null}
      {pair ? (
        <p className="muted small" data-testid="pair" data-p-ok={pair.pOk.toFixed(2)}>
          {fill(pair.pTarget >= 0.5 ? s.pairCloserTarget : s.pairCloserPartner, { target: `“${result.text}”`, partner: `“${pair.partner}”` })}
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
            verdictText={(p) => verdictText(p, s, language)}
            onPlaySegment={(seg) => playback.playSlices(segmentSlices(seg, mine, { samples: overlay.native.samples16k, sampleRateHz: 16_000 }))}
          />
        </>
      ) : null}
      {analysisMs !== null ? (
        <p className="muted small" data-testid="analysis-ms">
          {s.analysisTime} {formatMilliseconds(analysisMs, language)}
        </p>
      ) : null}
    </section>
  );
}

/** A take that was refused instead of scored: why, what to do, and that it counts nowhere. Scrolled to, like a result. */
function Refusal({ refusal }: { refusal: AttemptRefusal }) {
  const language = useAppStore((st) => st.settings.language);
  const r = refusalStrings(language);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' });
  }, [refusal]);
  return (
    <section ref={section} className="problem problem--warning" role="alert" data-problem="REFUSED" data-refusal={refusal.reason} data-testid="refusal" lang={language}>
      <h2 className="problem__title">{r.title}</h2>
      <p className="problem__message">{r.reasons[refusal.reason]}</p>
      <p className="muted small">{r.kept}</p>
    </section>
  );
}

export function PracticeScreen() {
  const { status, engine, engineMessage, error, refusal, notice, freeText } = useAppStore(
    useShallow((st) => ({ status: st.practice.status, engine: st.practice.engine, engineMessage: st.practice.engineMessage, error: st.practice.error, refusal: st.practice.refusal, notice: st.practice.notice, freeText: st.practice.freeText })),
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
        <h1 id="practice-title" className="visually-hidden">
          {s.practiceTitle}
        </h1>
        <ItemPicker s={s} />
        <ItemCard s={s} index={index} playback={playback} />
        <RecordControls s={s} />
        <p className="status" role="status" aria-live="polite" data-testid="status">
          {statusText(status, s)}
        </p>
        {engine === 'loading' ? <p className="muted small">{s.modelLoading}</p> : null}
        {engine === 'unavailable' ? (
          <p className="problem problem--warning" data-testid="engine-unavailable">
            {s.modelUnavailable} <span className="muted small">{engineMessage}</span>
          </p>
        ) : null}
        {freeText === null ? <VoicePicker s={s} /> : null}
      </section>
      {error ? (
        <section className="problem problem--error" role="alert" data-problem={error.code}>
          <p className="problem__message">{problemText(error, s)}</p>
        </section>
      ) : null}
      {refusal ? <Refusal refusal={refusal} /> : null}
      {notice && notice.code !== 'STORAGE_FULL' && notice.code !== 'SAVED' && !(refusal && notice.code === 'MAX_LENGTH') ? (
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
