/**
 * Sizes of the production build (raw and gzipped, level 9): the first-load JS (the entry script and
 * its modulepreloads in index.html, loaded before tfjs is needed) and CSS, the lazily loaded JS
 * chunks (tfjs and the model code), the tfjs wasm binaries, the model, the native references, and
 * the precache: the service worker's manifest (dist/sw.js, when the build has one), else everything
 * in dist/ except source maps, as a stand-in for what would be precached.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizedFile {
  readonly path: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleSizes {
  readonly firstLoadJs: SizedFile[];
  readonly firstLoadCss: SizedFile[];
  readonly lazyJs: SizedFile[];
  readonly wasm: SizedFile[];
  readonly model: SizedFile[];
  readonly references: SizedFile[];
  readonly precache: { readonly source: 'sw.js manifest' | 'all of dist (no sw.js)'; readonly files: number; readonly bytes: number };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function sized(dist: string, path: string): SizedFile {
  const data = readFileSync(join(dist, path));
  return { path, bytes: data.byteLength, gzipBytes: gzipSync(data, { level: 9 }).byteLength };
}

/** Precache entries' URLs from a Workbox service worker (`{url:"…",revision:…}` objects in its manifest). */
export function precacheUrls(swSource: string): string[] {
  return [...swSource.matchAll(/\{\s*"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1]);
}

export function bundleSizes(dist: string): BundleSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/?([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1]);
  const all = walk(dist).map((p) => relative(dist, p));
  const js = all.filter((p) => p.endsWith('.js') && p.startsWith('assets/'));
  const swPath = join(dist, 'sw.js');
  let precache: BundleSizes['precache'];
  try {
    const urls = [...new Set(precacheUrls(readFileSync(swPath, 'utf8')))];
    precache = { source: 'sw.js manifest', files: urls.length, bytes: urls.reduce((sum, url) => sum + statSync(join(dist, url.replace(/^\//, ''))).size, 0) };
  } catch {
    const files = all.filter((p) => !p.endsWith('.map'));
    precache = { source: 'all of dist (no sw.js)', files: files.length, bytes: files.reduce((sum, p) => sum + statSync(join(dist, p)).size, 0) };
  }
  return {
    firstLoadJs: entry.map((p) => sized(dist, p)),
    firstLoadCss: css.map((p) => sized(dist, p)),
    lazyJs: js.filter((p) => !entry.includes(p)).map((p) => sized(dist, p)),
    wasm: all.filter((p) => p.endsWith('.wasm')).map((p) => sized(dist, p)),
    model: all.filter((p) => p.startsWith('models/')).map((p) => sized(dist, p)),
    references: all.filter((p) => p.startsWith('references/')).map((p) => sized(dist, p)),
    precache,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const total = (files: readonly SizedFile[]) => ({ bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) });

/** The sizes as a Markdown table. */
export function bundleTable(sizes: BundleSizes): string {
  const row = (what: string, files: readonly SizedFile[], note = '') => {
    const t = total(files);
    return `| ${what} | ${files.length} | ${kb(t.bytes)} | ${kb(t.gzipBytes)} | ${note} |`;
  };
  const biggestLazy = [...sizes.lazyJs].sort((a, b) => b.bytes - a.bytes)[0];
  return [
    '| part | files | raw | gzip | note |',
    '|---|---:|---:|---:|---|',
    row('first-load JS (entry + modulepreloads)', sizes.firstLoadJs, sizes.firstLoadJs.map((f) => f.path).join(', ')),
    row('first-load CSS', sizes.firstLoadCss),
    row('lazy JS (tfjs, model code)', sizes.lazyJs, biggestLazy ? `largest: ${biggestLazy.path} ${kb(biggestLazy.bytes)} (${kb(biggestLazy.gzipBytes)} gz)` : ''),
    row('tfjs wasm binaries', sizes.wasm, 'the page fetches one (SIMD where supported)'),
    row('models (public/models: the CNN and the Sphinx model)', sizes.model),
    row('native references (public/references)', sizes.references, 'Ogg Opus + index'),
    `| precache | ${sizes.precache.files} | ${kb(sizes.precache.bytes)} | — | ${sizes.precache.source} |`,
  ].join('\n');
}
