/**
 * The system Chromium the end-to-end tests drive (never a downloaded one; TESTING.md) and its flags.
 * `SOTAQUE_CHROMIUM` points at another binary.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Path of the Chromium binary: `$SOTAQUE_CHROMIUM`, else the first Debian location that exists. */
export function chromiumPath(): string {
  const fromEnv = process.env.SOTAQUE_CHROMIUM;
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(`No Chromium found at ${CANDIDATES.join(', ')}. Install it (apt-get install chromium) or set SOTAQUE_CHROMIUM.`);
  return found;
}

/** Flags that work headless as root, plus WebGPU on SwiftShader. */
export const BASE_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/**
 * Flags for a fake microphone playing `wavPath` once (then zeros), from the moment getUserMedia opens
 * it. `granted`: the permission prompt is accepted automatically; `denied`: it is refused.
 */
export function fakeMicArgs(wavPath: string, permission: 'granted' | 'denied'): string[] {
  return [
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wavPath}%noloop`,
    permission === 'granted' ? '--use-fake-ui-for-media-stream' : '--deny-permission-prompts',
  ];
}
