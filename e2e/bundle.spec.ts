/**
 * The production build's first-load JavaScript — the entry script of index.html and every chunk it
 * imports statically, transitively (tfjs, the model code and the fine-tuning worker load lazily and
 * are not counted) — stays within 250 KB gzipped. Reads the build the e2e server serves (E2E_OUT).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const OUT = process.env.E2E_OUT ?? 'dist';
/** Budget for the first-load JavaScript, gzipped. */
const BUDGET_BYTES = 250 * 1024;

/** Chunks a module imports statically (`import … from "./x.js"`, `import "./x.js"`; not `import("./x.js")`). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]);
}

test('first-load JavaScript of the production build is at most 250 KB gzipped', () => {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]);
  expect(entries.length).toBeGreaterThan(0);
  const seen = new Set<string>();
  const queue = [...entries];
  let gzipped = 0;
  let raw = 0;
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = readFileSync(join(OUT, path));
    raw += code.length;
    gzipped += gzipSync(code, { level: 9 }).length;
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    queue.push(...staticImports(code.toString('utf8')).map((file) => dir + file));
  }
  test.info().annotations.push({ type: 'first-load JS', description: `${seen.size} files, ${(raw / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(1)} KiB gzipped: ${[...seen].join(', ')}` });
  // The lazy parts really are left out.
  expect([...seen].some((f) => /fineTune\.worker|model-/.test(f))).toBe(false);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
});
