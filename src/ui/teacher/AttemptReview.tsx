/**
 * One attempt opened for review: the learner's audio, the spectrogram overlay against the native
 * speaker, each sound with the machine's verdict and a control to override it (and, for "to fix",
 * the sound the teacher heard), a note, save. Playback goes through playback.ts.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Verdict } from '../../assess';
import { refusalStrings } from '../../lessons/strings/usability';
import { effectiveVerdicts, FEATURE_RATE_HZ, MAX_NOTE_LENGTH, useAppStore, type OpenAttempt, type PhoneOverride } from '../../store';
import { logMelToRgba } from '../logMelImage';
import { createPlayback, type Playback } from '../playback';
import { segmentSlices, SpectrogramOverlay } from '../SpectrogramOverlay';
import { formatWhen } from './LearnerHistory';
import { Problem, type Strings } from './teacherShared';
import { verdictLabel } from './verdictLabel';
import { formatSeconds } from '../../lessons/strings/format';
import { isPhone, type Phone } from '../../model/phones';
import { NAMED_PHONES, soundLabel, soundWithExample } from '../../lessons/strings/sounds';

/** The learner's log-mel alone (when no native reference could be loaded). */
function LearnerLogMel({ open, label }: { open: OpenAttempt; label: string }) {
  const logMel = open.learnerLogMel;
  return (
    <canvas
      className="teacher-logmel"
      role="img"
      aria-label={label}
      ref={(element) => {
        const context = element?.getContext('2d');
        if (!element || !context || !logMel || logMel.frames === 0) return;
        element.width = logMel.frames;
        element.height = logMel.bands;
        context.putImageData(new ImageData(logMelToRgba(logMel), logMel.frames, logMel.bands), 0, 0);
      }}
    />
  );
}

const CHOICES: readonly Verdict[] = ['ok', 'mispronounced', 'missing'];

export function AttemptReview({ open, s, ts, language }: Strings & { open: OpenAttempt }) {
  const { attempt } = open;
  const { status, error } = useAppStore(useShallow((st) => ({ status: st.review.status, error: st.review.error })));
  const { openAttempt, save } = useAppStore(useShallow((st) => ({ openAttempt: st.openAttempt, save: st.saveReview })));
  const [playback] = useState<Playback>(() => createPlayback());
  const [playing, setPlaying] = useState(false);
  useEffect(() => () => playback.dispose(), [playback]);
  const initial = useMemo(() => new Map((attempt.review?.overrides ?? []).map((o) => [`${o.word}:${o.phone}`, o.verdict])), [attempt.review]);
  const initialHeard = useMemo(() => new Map((attempt.review?.overrides ?? []).flatMap((o) => (o.heard ? [[`${o.word}:${o.phone}`, o.heard] as const] : []))), [attempt.review]);
  const [choices, setChoices] = useState<Map<string, Verdict>>(() => initial);
  /** For a "to fix" choice: the sound the teacher heard instead (its tip reaches the learner). */
  const [heardChoices, setHeardChoices] = useState<Map<string, Phone>>(() => new Map(initialHeard));
  const [note, setNote] = useState(attempt.review?.note ?? '');
  const result = attempt.result;
  const review = useMemo(
    () => ({
      overrides: [...choices.entries()].map(([k, verdict]) => {
        const heard = verdict === 'mispronounced' ? heardChoices.get(k) : undefined;
        return { word: Number(k.split(':')[0]), phone: Number(k.split(':')[1]), verdict, ...(heard ? { heard } : {}) };
      }),
    }),
    [choices, heardChoices],
  );
  const effective = useMemo(() => (result ? effectiveVerdicts(result, review) : []), [result, review]);
  const flat = useMemo(() => effective.flatMap((w) => w.phones), [effective]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const overrides: PhoneOverride[] = review.overrides;
    void save(overrides, note);
  };
  const chooseHeard = (key: string, value: string) => {
    const next = new Map(heardChoices);
    if (value && isPhone(value)) next.set(key, value);
    else next.delete(key);
    setHeardChoices(next);
    // Naming the sound heard makes the verdict "to fix" (an override even where the machine said so too).
    if (value && choices.get(key) !== 'mispronounced') setChoices(new Map(choices).set(key, 'mispronounced'));
  };
  const choose = (key: string, value: string) => {
    const next = new Map(choices);
    if (value) next.set(key, value as Verdict);
    else next.delete(key);
    setChoices(next);
  };
  const clip = open.samples ? { samples: open.samples, sampleRateHz: open.sampleRateHz } : null;
  const overlay = open.overlay;

  return (
    <section className="card" aria-labelledby="attempt-title" data-testid="attempt-review" data-attempt-id={attempt.id}>
      <button type="button" className="button button--secondary" onClick={() => void openAttempt(null)}>
        ← {ts.backToSessions}
      </button>
      <h2 id="attempt-title" className="section-title teacher-title">
        {ts.attemptTitle}: <span lang="en">“{attempt.text}”</span>
      </h2>
      <p className="muted small">
        {ts.recordedOn} {formatWhen(attempt.createdAt, language)}
        {result ? ` · ${ts.score} ${result.score}` : ''}
      </p>
      {attempt.status === 'refused' && attempt.refusal ? (
        <p className="problem problem--warning small" data-testid="attempt-refusal" data-refusal={attempt.refusal.reason}>
          <strong>{refusalStrings(language).refused}:</strong> {refusalStrings(language).reasons[attempt.refusal.reason]}
        </p>
      ) : null}
      {clip ? (
        <div className="row">
          <button
            type="button"
            className="button"
            onClick={() => {
              if (playing) {
                playback.stop();
                return;
              }
              setPlaying(true);
              void playback.play([clip]).finally(() => setPlaying(false));
            }}
          >
            {playing ? ts.stopPlaying : ts.playAttempt}
          </button>
          <span className="muted small nowrap">{formatSeconds(clip.samples.length / clip.sampleRateHz, language)}</span>
        </div>
      ) : (
        <p className="problem problem--warning">{ts.audioMissing}</p>
      )}
      {overlay && clip ? (
        <SpectrogramOverlay
          overlay={overlay}
          phones={flat}
          strings={s}
          verdictText={(p) => verdictLabel(p, s, language)}
          onPlaySegment={(seg) => playback.playSlices(segmentSlices(seg, clip, { samples: overlay.native.samples16k, sampleRateHz: FEATURE_RATE_HZ }))}
        />
      ) : open.learnerLogMel ? (
        <>
          <LearnerLogMel open={open} label={s.overlayLabel} />
          <p className="muted small">{ts.learnerLogMel}</p>
        </>
      ) : null}
      {result ? (
        <form className="teacher-review" onSubmit={submit}>
          <h3 className="section-title section-title--small">{ts.phonesTitle}</h3>
          {effective.map((word, w) => (
            <div key={w} className="review-word">
              <span className="word-result__word" lang="en">
                {word.word}
              </span>
              <ul className="review-phones">
                {word.phones.map((p, i) => {
                  const key = `${w}:${i}`;
                  const options = p.machineVerdict === 'inserted' ? (['inserted', 'ok'] as const) : CHOICES;
                  return (
                    <li key={i} className="review-phone" data-testid="review-phone" data-phone={p.phone} data-machine-verdict={p.machineVerdict} data-verdict={p.verdict} data-heard={p.heard ?? ''}>
                      <span className={`phone phone--${p.verdict}`}>
                        {soundLabel(p.phone)}
                        {p.verdict === 'mispronounced' && p.heard ? ` → ${soundLabel(p.heard)}` : ''}
                      </span>
                      <span className="review-phone__machine small">
                        {ts.machineSays}: {verdictLabel({ verdict: p.machineVerdict, heard: p.machineHeard }, s, language)}
                      </span>
                      <label className="review-phone__choice">
                        <span className="visually-hidden">
                          {ts.teacherVerdictFor} {soundLabel(p.phone)} ({word.word})
                        </span>
                        <select
                          className="field__input"
                          aria-label={`${ts.teacherVerdictFor} ${p.phone} (${word.word})`}
                          value={choices.get(key) === p.machineVerdict ? '' : (choices.get(key) ?? '')}
                          onChange={(e) => choose(key, e.target.value)}
                        >
                          <option value="">
                            {ts.keepMachine} ({verdictLabel({ verdict: p.machineVerdict, heard: null }, s, language)})
                          </option>
                          {options
                            .filter((v) => v !== p.machineVerdict)
                            .map((v) => (
                              <option key={v} value={v}>
                                {verdictLabel({ verdict: v, heard: null }, s, language)}
                              </option>
                            ))}
                        </select>
                      </label>
                      {p.verdict === 'mispronounced' ? (
                        <label className="review-phone__choice">
                          <span className="field__label">{ts.heardInstead}</span>
                          <select
                            className="field__input"
                            aria-label={`${ts.heardInstead}: ${p.phone} (${word.word})`}
                            value={heardChoices.get(key) ?? ''}
                            onChange={(e) => chooseHeard(key, e.target.value)}
                            data-testid="review-heard"
                          >
                            <option value="">
                              {ts.heardMachine}
                              {p.machineHeard ? ` (${soundWithExample(p.machineHeard, language)})` : ''}
                            </option>
                            {NAMED_PHONES.filter((x) => x !== p.phone).map((x) => (
                              <option key={x} value={x}>
                                {soundWithExample(x, language)}
                              </option>
                            ))}
                          </select>
                        </label>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          <label className="field">
            <span className="field__label">{ts.note}</span>
            <textarea className="field__input teacher-note-input" rows={3} maxLength={MAX_NOTE_LENGTH} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="button" disabled={status === 'saving'}>
              {status === 'saving' ? ts.saving : ts.saveReview}
            </button>
          </div>
          <p className="small" role="status" data-testid="review-status">
            {status === 'saved' ? ts.reviewSaved : ''}
          </p>
        </form>
      ) : (
        <p className="muted">{ts.notAssessed}</p>
      )}
      <Problem problem={error} ts={ts} />
    </section>
  );
}
