/**
 * The device self-test (`?selftest=1`): one button runs the checks of src/store/selfTest.ts — the
 * microphone's rate and level, the WebGPU adapter and the log-mel path, the model, its backend and
 * timing, storage quota and persistence — showing each as it finishes; then the diagnostic log (figures
 * only, no audio) can be downloaded.
 */
import { useEffect, useState } from 'react';
import { version as APP_VERSION } from '../../package.json';
import { formatBytes, formatNumber } from '../lessons/strings/format';
import { melReasonText } from '../lessons/strings/recorder';
import { selfTestStrings, type SelfTestStrings } from '../lessons/strings/selfTest';
import type { TipLanguage } from '../lessons/tips';
import { BROWSER_SELFTEST_DEPS, runSelfTest, selfTestLog, useAppStore, type SelfTestStep, type SelfTestStepId } from '../store';

const ORDER: readonly SelfTestStepId[] = ['microphone', 'webgpu', 'mel', 'model', 'inference', 'storage'];

/** A step's figures as short text in the UI language. */
function figuresText(step: SelfTestStep, language: TipLanguage, s: SelfTestStrings): string {
  const f = step.figures;
  const num = (v: unknown, digits = 0) => (typeof v === 'number' ? formatNumber(v, language, digits) : '—');
  switch (step.id) {
    case 'microphone':
      return `${num(f.sampleRateHz)} Hz · ${f.peakDb === null || f.peakDb === undefined ? '—' : `${num(f.peakDb)} dBFS`}`;
    case 'webgpu':
      return f.available === false ? '—' : [f.vendor, f.architecture, f.fallback ? s.software : ''].filter(Boolean).join(' · ') || '—';
    case 'mel':
      return f.path ? `${String(f.path).toUpperCase()} · ${num(f.computeMs, 1)} ms · ${melReasonText(String(f.reason ?? ''), language)}` : '';
    case 'model':
      return f.modelVersion ? `${String(f.modelVersion)} · tfjs ${String(f.backend)} · ${num(step.milliseconds)} ms` : '';
    case 'inference':
      return typeof f.assessMsFor1s === 'number' ? `${num(f.assessMsFor1s)} ms / 1 s` : '';
    case 'storage':
      return typeof f.quotaBytes === 'number' ? `${formatBytes(Number(f.usageBytes ?? 0), language)} / ${formatBytes(f.quotaBytes, language)}${f.persisted ? ` · ${s.persistent}` : ''}` : '';
  }
}

export function SelfTestScreen() {
  const language = useAppStore((st) => st.settings.language);
  const s = selfTestStrings(language);
  const [steps, setSteps] = useState<Map<SelfTestStepId, SelfTestStep>>(new Map());
  const [state, setState] = useState<'idle' | 'running' | 'done'>('idle');
  /** Object URL of the diagnostic log once the test is done (revoked when replaced or on leaving). */
  const [logUrl, setLogUrl] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (logUrl) URL.revokeObjectURL(logUrl);
    },
    [logUrl],
  );
  const run = async () => {
    setState('running');
    setSteps(new Map());
    setLogUrl(null);
    const all = await runSelfTest(BROWSER_SELFTEST_DEPS, (step) => setSteps((m) => new Map(m).set(step.id, step)));
    const log = selfTestLog(all, { userAgent: navigator.userAgent, language, at: new Date().toISOString(), app: APP_VERSION });
    setLogUrl(URL.createObjectURL(new Blob([log], { type: 'application/json' })));
    setState('done');
  };
  return (
    <main className="screen" data-screen="selftest" data-selftest={state}>
      <section className="card" aria-labelledby="selftest-title">
        <h1 id="selftest-title" className="card__title">
          {s.title}
        </h1>
        <p className="muted">{s.intro}</p>
        <button type="button" className="button" disabled={state === 'running'} onClick={() => void run()}>
          {state === 'running' ? s.running : s.run}
        </button>
        <ol className="selftest" aria-live="polite">
          {ORDER.map((id) => {
            const step = steps.get(id);
            return (
              <li key={id} className={`selftest__step selftest__step--${step?.outcome ?? 'pending'}`} data-testid="selftest-step" data-step={id} data-outcome={step?.outcome ?? 'pending'}>
                <span className="selftest__name">{s.steps[id]}</span> <span className="selftest__outcome">{step ? s.outcome[step.outcome] : '—'}</span>
                {step && step.outcome !== 'running' ? <span className="selftest__figures muted small">{figuresText(step, language, s)}</span> : null}
                {step?.problem ? <span className="selftest__problem small">{s.problems[step.problem.code] ?? step.problem.message}</span> : null}
              </li>
            );
          })}
        </ol>
        {state === 'done' && logUrl ? (
          <>
            <p role="status">{s.done}</p>
            <a className="button button--secondary" href={logUrl} download="sotaque-selftest.json" data-testid="selftest-log">
              {s.download}
            </a>
          </>
        ) : null}
      </section>
    </main>
  );
}
