import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleSizes, precacheUrls } from './bundle';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sotaque-bundle-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const HTML = '<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/react-b.js"><link rel="stylesheet" crossorigin href="/assets/index-c.css">';

describe('bundleSizes', () => {
  it('splits first-load JS (entry + modulepreloads) from lazy chunks, and sums everything but source maps without a service worker', () => {
    const d = dist({ 'index.html': HTML, 'assets/index-a.js': 'a'.repeat(100), 'assets/react-b.js': 'b'.repeat(50), 'assets/model-d.js': 'd'.repeat(70), 'assets/index-a.js.map': 'm'.repeat(999), 'assets/index-c.css': 'c', 'tfjs/x.wasm': 'w', 'models/phones/model.json': '{}', 'references/index.json': '{}' });
    const sizes = bundleSizes(d);
    expect(sizes.firstLoadJs.map((f) => [f.path, f.bytes])).toEqual([
      ['assets/index-a.js', 100],
      ['assets/react-b.js', 50],
    ]);
    expect(sizes.firstLoadJs[0].gzipBytes).toBeLessThan(100);
    expect(sizes.lazyJs.map((f) => f.path)).toEqual(['assets/model-d.js']);
    expect(sizes.wasm.map((f) => f.path)).toEqual(['tfjs/x.wasm']);
    expect(sizes.model.map((f) => f.path)).toEqual(['models/phones/model.json']);
    expect(sizes.references.map((f) => f.path)).toEqual(['references/index.json']);
    expect(sizes.precache.source).toBe('all of dist (no sw.js)');
    expect(sizes.precache.bytes).toBe(HTML.length + 100 + 50 + 70 + 1 + 1 + 2 + 2);
  });

  it('sums the service worker’s precache manifest when there is one', () => {
    const sw = 'define(["./workbox"],function(e){e.precacheAndRoute([{url:"assets/index-a.js",revision:null},{url:"index.html",revision:"x1"}],{})});';
    expect(precacheUrls(sw)).toEqual(['assets/index-a.js', 'index.html']);
    const d = dist({ 'index.html': HTML, 'assets/index-a.js': 'a'.repeat(100), 'assets/react-b.js': 'b', 'assets/index-c.css': 'c', 'sw.js': sw });
    expect(bundleSizes(d).precache).toEqual({ source: 'sw.js manifest', files: 2, bytes: 100 + HTML.length });
  });
});
