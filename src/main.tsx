/**
 * Entry point. URL parameters: `maxSeconds` (the recorder's maximum length, default 15, 0.5–30) and
 * `selfCheck=1` (also compute each clip's log-mel on the CPU and compare; shown under the spectrogram).
 */
// First: configures zod before anything parses (no eval under the Content-Security-Policy).
import './ui/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from './store';
import { App } from './ui/App';
import { installTestHooks } from './ui/testHooks';
import './ui/app.css';

const params = new URLSearchParams(window.location.search);
const maxSeconds = params.get('maxSeconds');
if (maxSeconds !== null && Number.isFinite(Number(maxSeconds))) appStore.getState().setMaxSeconds(Number(maxSeconds));
if (params.get('selfCheck') === '1') appStore.getState().setSelfCheck(true);
installTestHooks(appStore);
// The store owns the microphone and the GPU device; give them back when the page goes away.
window.addEventListener('pagehide', () => {
  appStore.getState().disposeRecorderResources();
  appStore.getState().disposePracticeResources();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Prepare the spectrogram path (WebGPU adapter and pipelines, or the CPU) while the learner reads the screen.
setTimeout(() => void appStore.getState().warmUp(), 0);
