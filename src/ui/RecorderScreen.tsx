/**
 * The first screen: record → stop (or the maximum length) → waveform with playback and the log-mel
 * spectrogram. Reads the recorder slice; every action goes through the store.
 */
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_FEATURE_CONFIG } from '../dsp';
import { useAppStore, type RecorderStatus } from '../store';
import { LevelMeter } from './LevelMeter';
import { LogMelView } from './LogMelCanvas';
import { ProblemPanel } from './ProblemPanel';
import { formatClock, formatLimit } from './time';
import { WaveformPlayer } from './WaveformPlayer';

/** What the polite live region says in each state (the elapsed time stays out of it, it would chatter). */
function statusText(status: RecorderStatus, maxSeconds: number, speechSeconds: number | null): string {
  switch (status) {
    case 'idle':
      return 'Press Record and say a word or a sentence in English.';
    case 'recording':
      return `Recording. Press Stop when you have finished; it stops by itself after ${formatLimit(maxSeconds)}.`;
    case 'processing':
      return 'Analysing your recording…';
    case 'done':
      return `Done: ${speechSeconds?.toFixed(1) ?? '?'} s of speech. Listen back, or record again.`;
    case 'error':
      return 'The recording could not be used. See the message below.';
  }
}

function RecordControls() {
  const { status, elapsedSeconds, maxSeconds, level } = useAppStore(
    useShallow((s) => ({ status: s.recorder.status, elapsedSeconds: s.recorder.elapsedSeconds, maxSeconds: s.recorder.maxSeconds, level: s.recorder.level })),
  );
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
        aria-label={recording ? 'Stop recording' : 'Start recording'}
      >
        <span className="record-button__icon" aria-hidden="true" />
        <span className="record-button__text">{recording ? 'Stop' : busy ? 'Wait' : 'Record'}</span>
      </button>
      <div className="controls__readout">
        <div className="clock" aria-label="Elapsed time">
          <span className="clock__elapsed" data-testid="elapsed">
            {formatClock(elapsedSeconds)}
          </span>
          <span className="muted"> / {formatLimit(maxSeconds)}</span>
        </div>
        <LevelMeter rms={level.rms} peak={level.peak} active={recording} />
        <div className="muted small">{recording ? `${formatClock(remaining, 0)} left` : `Up to ${maxSeconds} s per recording`}</div>
      </div>
    </div>
  );
}

function Results() {
  const { recording, features } = useAppStore(useShallow((s) => ({ recording: s.recorder.recording, features: s.recorder.features })));
  if (!recording) return null;
  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title" className="section-title">
        Your recording
      </h2>
      <WaveformPlayer samples={recording.samples} sampleRateHz={recording.sampleRateHz} />
      {features ? (
        <>
          <h3 className="section-title section-title--small">Spectrogram of your speech</h3>
          <LogMelView features={features} />
        </>
      ) : null}
    </section>
  );
}

export function RecorderScreen() {
  const { status, maxSeconds, error, notice, features } = useAppStore(
    useShallow((s) => ({ status: s.recorder.status, maxSeconds: s.recorder.maxSeconds, error: s.recorder.error, notice: s.recorder.notice, features: s.recorder.features })),
  );
  const speechSeconds = features ? (features.speech.end - features.speech.start) / DEFAULT_FEATURE_CONFIG.sampleRateHz : null;
  return (
    <main className="screen" data-status={status}>
      <section className="card" aria-labelledby="practice-title">
        <h1 id="practice-title" className="card__title">
          Practise your pronunciation
        </h1>
        <p className="status" role="status" aria-live="polite" data-testid="status">
          {statusText(status, maxSeconds, speechSeconds)}
        </p>
        <RecordControls />
      </section>
      {error ? <ProblemPanel problem={error} /> : null}
      {notice ? <ProblemPanel problem={notice} tone="warning" /> : null}
      <Results />
    </main>
  );
}
