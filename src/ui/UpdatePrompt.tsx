/// <reference types="vite-plugin-pwa/react" />
/**
 * Registers the service worker (vite-plugin-pwa, `registerType: 'prompt'`) and, when a new version
 * has been downloaded and is waiting, asks the learner: "A new version is ready — Reload / Later".
 * Reload activates the waiting worker and reloads the page; Later keeps the running version until
 * the next visit. The first install says once that the app now works offline.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import { pwaStrings } from '../lessons/strings/pwa';
import type { TipLanguage } from '../lessons/tips';
import './pwa.css';

export function UpdatePrompt({ language }: { language: TipLanguage }) {
  const s = pwaStrings(language);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  if (!needRefresh && !offlineReady) return null;
  return (
    <section className="pwa-toast" role="status" aria-live="polite" aria-label={s.updateRegion} data-testid={needRefresh ? 'update-prompt' : 'offline-ready'}>
      <p className="pwa-toast__message">{needRefresh ? s.updateReady : s.offlineReady}</p>
      <div className="pwa-toast__actions">
        {needRefresh ? (
          <>
            <button type="button" className="button" onClick={() => void updateServiceWorker(true)}>
              {s.updateReload}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setNeedRefresh(false)}>
              {s.updateLater}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setOfflineReady(false)}>
            {s.offlineReadyDismiss}
          </button>
        )}
      </div>
    </section>
  );
}
