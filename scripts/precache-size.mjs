/**
 * Prints the service worker's precache of a build: entries and bytes, in total and by top folder,
 * as JSON. Workbox writes the precache list into `<outDir>/sw.js` (`{url:"…",revision:…}` entries).
 * Usage: `node scripts/precache-size.mjs [outDir]` (default `dist`).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2] ?? 'dist';
const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
const urls = [...sw.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]);
if (urls.length === 0) throw new Error(`${join(outDir, 'sw.js')} lists no precache entries`);
const groups = {};
let bytes = 0;
for (const url of urls) {
  const size = statSync(join(outDir, url)).size;
  const group = url.includes('/') ? url.split('/')[0] : '(root)';
  groups[group] ??= { entries: 0, bytes: 0 };
  groups[group].entries++;
  groups[group].bytes += size;
  bytes += size;
}
console.log(JSON.stringify({ entries: urls.length, bytes, groups }, null, 2));
