// `npm test`: installs what the tests need, then runs lint, type check, unit tests (Vitest), the
// training pipeline's smoke path and the end-to-end tests (Playwright, system Chromium).
// Every stage runs even when an earlier one fails; the last line sums up all tests.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, ROOT, run, swiftShaderIcd } from './lib.mjs';

ensureSystemPackages();
ensureNodeModules();

const reports = join(ROOT, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env };
const icd = swiftShaderIcd();
if (icd) env.VK_ICD_FILENAMES = icd;
// On CI the WebGPU tests must run for real, never skip.
if (process.env.CI) env.SOTAQUE_REQUIRE_GPU = '1';

const stages = [];
function stage(name, command, args, extraEnv = {}) {
  log(`── ${name}: ${command} ${args.join(' ')}`);
  const status = run(command, args, { env: { ...env, ...extraEnv } });
  stages.push({ name, ok: status === 0 });
}

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.includes(name);

if (wants('lint')) stage('lint', 'npx', ['eslint', '.']);
if (wants('types')) stage('types', 'npx', ['tsc', '--noEmit', '-p', '.']);
const vitestJson = join(reports, 'vitest.json');
if (wants('unit')) stage('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const pipelineScripts = ['corpus:smoke', 'train:smoke', 'corpus:real:smoke'].filter((script) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return pkg.scripts?.[script];
});
for (const script of pipelineScripts) if (wants('pipeline')) stage(script, 'npm', ['run', '--silent', script]);
const playwrightJson = join(reports, 'playwright.json');
if (wants('e2e')) {
  stage('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  failed += p.stats?.unexpected ?? 0;
  skipped += p.stats?.skipped ?? 0;
}
for (const s of stages) log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}`);
// Stages that are not test runners (lint, types, pipeline smoke runs) count as one test each.
for (const s of stages.filter((x) => !['unit', 'e2e'].includes(x.name))) {
  if (s.ok) passed++;
  else failed++;
}
const anyStageFailed = stages.some((s) => !s.ok);
if (anyStageFailed && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(anyStageFailed ? 1 : 0);
