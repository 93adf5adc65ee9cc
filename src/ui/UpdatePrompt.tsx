/// <reference types="vite-plugin-pwa/react" />
/**
 * Registers the service worker (vite-plugin-pwa, `registerType: 'prompt'`) and, when a new version
 * has been downloaded and is waiting, asks the learner: "A new version is ready — Reload / Later".
 * Reload activates the waiting worker and reloads the page; Later keeps the running version for this
 * page (the next visit asks again). A banner in the page's flow under the header, never over the
 * controls.
 */
import { useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { pwaStrings } from '../lessons/strings/pwa';
import type { TipLanguage } from '../lessons/tips';
import './pwa.css';

export function UpdatePrompt({ language }: { language: TipLanguage }) {
  const s = pwaStrings(language);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  // Workbox may announce the same waiting version more than once (installed, then waiting): "Later" holds for this page.
  const [later, setLater] = useState(false);
  if (!needRefresh || later) return null;
  return (
    <section className="pwa-toast" role="status" aria-live="polite" aria-label={s.updateRegion} data-testid="update-prompt">
      <p className="pwa-toast__message">{s.updateReady}</p>
      <div className="pwa-toast__actions">
        <button type="button" className="button" onClick={() => void updateServiceWorker(true)}>
          {s.updateReload}
        </button>
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
      </div>
    </section>
  );
}
