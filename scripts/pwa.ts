/**
 * Build-time configuration of the offline app (imported by vite.config.ts):
 * - the Content-Security-Policy (`CSP_DIRECTIVES`), put into the built index.html as a
 *   `<meta http-equiv>` (not in the dev server, whose HMR needs inline scripts) and sent as a header
 *   by `vite preview` together with `frame-ancestors`, which a meta element cannot carry;
 * - vite-plugin-pwa's options: the web app manifest and the Workbox precache of the whole app
 *   (shell, tfjs wasm, the phone model, the native references), so it installs and runs offline.
 *
 * Why each CSP source is there (checked in e2e/privacy.spec.ts, which fails on any violation):
 * - script-src 'wasm-unsafe-eval': tfjs-backend-wasm compiles its WebAssembly module;
 * - worker-src 'self': the service worker (the AudioWorklet module falls under script-src 'self');
 * - media-src blob:: the learner's own recording is replayed from a WAV blob URL;
 * - img-src data: blob:: none today; kept out (add here with the reason when something needs it);
 * - style-src hash: wavesurfer.js (free recording screen) writes one fixed <style> element into its
 *   shadow root; its SHA-256 is computed from the installed wavesurfer at build time, so no
 *   'unsafe-inline' is needed. React's `style={…}` props go through CSSOM and need nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import type { VitePWAOptions } from 'vite-plugin-pwa';

/** Height (CSS px) src/ui/WaveformPlayer.tsx gives wavesurfer: it is part of wavesurfer's <style> text, hence of its hash. */
export const WAVEFORM_HEIGHT_PX = 72;

/** Theme colour: `--bg` of src/ui/app.css (index.html's `theme-color` says the same). */
export const THEME_COLOUR = '#f4f6f5';

/**
 * The text of the <style> element wavesurfer.js puts into its shadow root, for a waveform of
 * `heightPx`, read from the installed package. Throws when the package no longer has it in the
 * expected form, so a wavesurfer upgrade fails the build instead of the page's styles.
 */
export function wavesurferShadowStyle(heightPx: number): string {
  // The ES module build is the one Vite bundles (the package's "import" condition).
  const entry = createRequire(import.meta.url).resolve('wavesurfer.js');
  const source = readFileSync(join(dirname(entry), 'wavesurfer.esm.js'), 'utf8');
  const match = /<style\$\{[^}]*\}[^>]*>((?:(?!<\/style>)[\s\S])*)<\/style>/.exec(source);
  if (!match) throw new Error('wavesurfer.js: its shadow-root <style> template was not found; update scripts/pwa.ts (the CSP style hash).');
  const interpolations = match[1].match(/\$\{[^}]*\}/g) ?? [];
  if (interpolations.length !== 1 || !interpolations[0].includes('getHeight')) {
    throw new Error(`wavesurfer.js: its <style> template now interpolates ${interpolations.length} values (expected the height only); update scripts/pwa.ts.`);
  }
  return match[1].replace(/\$\{[^}]*\}/, String(heightPx)).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy, directive by directive (the meta and the header share it). */
export function cspDirectives(): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'img-src': ["'self'"],
    'style-src': ["'self'", sha256Source(wavesurferShadowStyle(WAVEFORM_HEIGHT_PX))],
    'font-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  };
}

/** The policy as a header value; `frameAncestors` adds `frame-ancestors 'none'` (headers only). */
export function cspString(frameAncestors = false): string {
  const directives = { ...cspDirectives(), ...(frameAncestors ? { 'frame-ancestors': ["'none'"] } : {}) };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers `vite preview` sends (the e2e tests run against it): the policy with frame-ancestors, and no referrer. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': cspString(true),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'microphone=(self), camera=(), geolocation=()',
  };
}

/** Puts the policy into the built index.html as the first element of <head> (build only). */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'sotaque-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: cspString(false) }, injectTo: 'head-prepend' }],
    },
  };
}

/**
 * vite-plugin-pwa: a generated service worker (Workbox) that precaches everything the app needs
 * offline, and asks before updating (`registerType: 'prompt'`, see src/ui/UpdatePrompt.tsx).
 */
export function pwaOptions(): Partial<VitePWAOptions> {
  return {
    registerType: 'prompt',
    // src/ui/UpdatePrompt.tsx registers it through `virtual:pwa-register/react` (no inline script: CSP).
    injectRegister: false,
    // The glob below already lists the icons and the manifest is added by the plugin: no duplicates.
    includeManifestIcons: false,
    manifest: {
      id: '/',
      name: 'Sotaque',
      short_name: 'Sotaque',
      description: 'Sotaque — English pronunciation practice on your device · prática de pronúncia em inglês no seu aparelho',
      lang: 'pt-BR',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      theme_color: THEME_COLOUR,
      background_color: THEME_COLOUR,
      categories: ['education'],
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // The shell, the tfjs wasm binaries (the threaded one is left out: it needs cross-origin
      // isolation, which the app does not ask for, so tfjs never loads it), the model, the references.
      globPatterns: ['**/*.{js,css,html,svg,png}', 'tfjs/tfjs-backend-wasm.wasm', 'tfjs/tfjs-backend-wasm-simd.wasm', 'models/phones/*.{json,bin}', 'models/sphinx/*.{json,bin}', 'references/**/*.{json,opus}'],
      // The largest file is the tfjs chunk (a few MB); nothing may be silently left out.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // The first install takes control at once (nothing older to disagree with); later versions wait for the prompt.
      clientsClaim: true,
      skipWaiting: false,
    },
  };
}
