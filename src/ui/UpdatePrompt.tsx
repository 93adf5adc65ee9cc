/// <reference types="vite-plugin-pwa/react" />
/**
 * Registers the service worker (vite-plugin-pwa, `registerType: 'prompt'`) and, when a new version
 * has been downloaded and is waiting, asks the learner: "A new version is ready — Reload / Later".
 * Reload activates the waiting worker and reloads the page; Later keeps the running version for this
 * page (the next visit asks again). A banner in the page's flow under the header, never over the
 * controls.
 *
 * The question waits while the app is still loading its model (`busy`): Chromium can leave a
 * waiting worker that was told to skip waiting unactivated when the running one is restarted for
 * the page's own requests at that moment. Should activation still not come, the banner says how
 * the update will finish instead of spinning for ever.
 */
import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { pwaStrings } from '../lessons/strings/pwa';
import type { TipLanguage } from '../lessons/tips';
import './pwa.css';

/** How long Reload waits for the new version to take control before saying how else it will start. */
const ACTIVATION_PATIENCE_MS = 10_000;

type Phase = 'asking' | 'applying' | 'stuck';

export function UpdatePrompt({ language, busy = false }: { language: TipLanguage; busy?: boolean }) {
  const s = pwaStrings(language);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  // Workbox may announce the same waiting version more than once (installed, then waiting): "Later" holds for this page.
  const [later, setLater] = useState(false);
  const [phase, setPhase] = useState<Phase>('asking');
  useEffect(() => {
    if (phase !== 'applying') return;
    const timer = window.setTimeout(() => setPhase('stuck'), ACTIVATION_PATIENCE_MS);
    return () => window.clearTimeout(timer);
  }, [phase]);
  if (!needRefresh || later || (busy && phase === 'asking')) return null;
  const message = phase === 'asking' ? s.updateReady : phase === 'applying' ? s.updateApplying : s.updateStuck;
  return (
    <section className="pwa-toast" role="status" aria-live="polite" aria-label={s.updateRegion} data-testid="update-prompt" data-phase={phase}>
      <p className="pwa-toast__message">{message}</p>
      <div className="pwa-toast__actions">
        {phase === 'asking' && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setPhase('applying');
              void updateServiceWorker(true);
            }}
          >
            {s.updateReload}
          </button>
        )}
        {phase !== 'applying' && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setLater(true);
              setNeedRefresh(false);
            }}
          >
            {s.updateLater}
          </button>
        )}
      </div>
    </section>
  );
}
