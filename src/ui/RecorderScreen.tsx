/**
 * The first screen: record → stop (or the maximum length) → waveform with playback and the log-mel
 * spectrogram. Reads the recorder slice; every action goes through the store.
 */
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_FEATURE_CONFIG } from '../dsp';
import { fill } from '../lessons/strings/pwa';
import { recorderStrings, type RecorderStrings } from '../lessons/strings/recorder';
import { useAppStore, type RecorderStatus } from '../store';
import { LevelMeter } from './LevelMeter';
import { LogMelView } from './LogMelCanvas';
import { ProblemPanel } from './ProblemPanel';
import { formatClock, formatLimit } from './time';
import { WaveformPlayer } from './WaveformPlayer';
import { formatNumber } from '../lessons/strings/format';
import type { TipLanguage } from '../lessons/tips';

/** What the polite live region says in each state (the elapsed time stays out of it, it would chatter). */
function statusText(status: RecorderStatus, maxSeconds: number, speechSeconds: number | null, r: RecorderStrings, language: TipLanguage): string {
  switch (status) {
    case 'idle':
      return r.statusIdle;
    case 'recording':
      return fill(r.statusRecording, { limit: formatLimit(maxSeconds) });
    case 'processing':
      return r.statusProcessing;
    case 'done':
      return fill(r.statusDone, { seconds: speechSeconds === null ? '?' : formatNumber(speechSeconds, language, 1) });
    case 'error':
      return r.statusError;
  }
}

function useRecorderStrings(): RecorderStrings {
  return recorderStrings(useAppStore((s) => s.settings.language));
}
function RecordControls() {
  const { status, elapsedSeconds, maxSeconds, level } = useAppStore(
    useShallow((s) => ({ status: s.recorder.status, elapsedSeconds: s.recorder.elapsedSeconds, maxSeconds: s.recorder.maxSeconds, level: s.recorder.level })),
  );
  const r = useRecorderStrings();
  const startRecording = useAppStore((s) => s.startRecording);
  const stopRecording = useAppStore((s) => s.stopRecording);
  const recording = status === 'recording';
  const busy = status === 'processing';
  const remaining = Math.max(0, maxSeconds - elapsedSeconds);

  return (
    <div className="controls">
      <button
        type="button"
        className={`record-button${recording ? ' record-button--recording' : ''}`}
        onClick={() => (recording ? stopRecording() : void startRecording())}
        disabled={busy}
        aria-label={recording ? r.stopRecording : r.startRecording}
      >
        <span className="record-button__icon" aria-hidden="true" />
        <span className="record-button__text">{recording ? r.stop : busy ? r.wait : r.record}</span>
      </button>
      <div className="controls__readout">
        <div className="clock" aria-label={r.elapsed}>
          <span className="clock__elapsed" data-testid="elapsed">
            {formatClock(elapsedSeconds)}
          </span>
          <span className="muted"> / {formatLimit(maxSeconds)}</span>
        </div>
        <LevelMeter rms={level.rms} peak={level.peak} active={recording} />
        <div className="muted small">{recording ? fill(r.left, { time: formatClock(remaining, 0) }) : fill(r.upTo, { seconds: String(maxSeconds) })}</div>
      </div>
    </div>
  );
}

function Results() {
  const { recording, features } = useAppStore(useShallow((s) => ({ recording: s.recorder.recording, features: s.recorder.features })));
  const r = useRecorderStrings();
  const language = useAppStore((s) => s.settings.language);
  if (!recording) return null;
  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title" className="section-title">
        {r.yourRecording}
      </h2>
      <WaveformPlayer samples={recording.samples} sampleRateHz={recording.sampleRateHz} strings={r} language={language} />
      {features ? (
        <>
          <h3 className="section-title section-title--small">{r.spectrogramTitle}</h3>
          <LogMelView features={features} strings={r} language={language} />
        </>
      ) : null}
    </section>
  );
}

export function RecorderScreen() {
  const { status, maxSeconds, error, notice, features } = useAppStore(
    useShallow((s) => ({ status: s.recorder.status, maxSeconds: s.recorder.maxSeconds, error: s.recorder.error, notice: s.recorder.notice, features: s.recorder.features })),
  );
  const r = useRecorderStrings();
  const language = useAppStore((s) => s.settings.language);
  const speechSeconds = features ? (features.speech.end - features.speech.start) / DEFAULT_FEATURE_CONFIG.sampleRateHz : null;
  return (
    <main className="screen" data-status={status}>
      <section className="card" aria-labelledby="practice-title">
        <h1 id="practice-title" className="card__title">
          {r.title}
        </h1>
        <p className="status" role="status" aria-live="polite" data-testid="status">
          {statusText(status, maxSeconds, speechSeconds, r, language)}
        </p>
        <RecordControls />
      </section>
      {error ? <ProblemPanel problem={error} strings={r} /> : null}
      {notice ? <ProblemPanel problem={notice} tone="warning" strings={r} /> : null}
      <Results />
    </main>
  );
}
