/**
 * `npm run eval:assess`: minimal pairs and variants spoken by voice families held out from training
 * and from calibration (default: rms), assessed through the app's own pipeline with the shipped model
 * and calibration. Reports false rejection on correct phones, detection recall on the substituted
 * phone, diagnosis accuracy (heard = said, over detected substitutions), inserted-vowel recall and
 * false insertions — per family and per pattern — and writes them into training/RESULTS.md.
 *   --corpus DIR --model DIR --families a,b --max N --no-write
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Calibration } from '../../src/assess';
import { buildCases } from './cases';
import { CALIBRATION_FAMILIES, defaultCorpusDir, loadAssessor, ROOT, SHIPPED_MODEL_DIR, TEST_FAMILIES } from './common';
import { figuresBy, rate, runCases, type Figures } from './measure';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, model: { type: 'string' }, families: { type: 'string' }, max: { type: 'string' }, 'no-write': { type: 'boolean' } } });
const corpusDir = resolve(values.corpus ?? defaultCorpusDir());
const modelDir = resolve(values.model ?? SHIPPED_MODEL_DIR);
const families = values.families ? values.families.split(',') : TEST_FAMILIES;
const calibration = JSON.parse(readFileSync(join(modelDir, 'calibration.json'), 'utf8')) as Calibration;
const calibrated = (calibration.fittedOn.families as string[] | undefined) ?? [];
const overlap = families.filter((f) => calibrated.includes(f));
if (overlap.length) console.error(`eval:assess: WARNING — ${overlap.join(', ')} was used for calibration; its figures are not a test.`);

const cases = buildCases(corpusDir, { families, maxUtterancesPerFamily: values.max ? Number(values.max) : undefined });
console.error(`eval:assess: ${cases.length} cases from ${families.join(', ')}`);
const { assessor, metadata } = await loadAssessor(modelDir, calibration);
const started = performance.now();
const outcomes = await runCases(assessor, cases, (n) => console.error(`  ${n}/${cases.length}`));
const seconds = (performance.now() - started) / 1000;

function row(name: string, f: Figures): string {
  return `| ${name} | ${f.nativeCases} | ${rate(f.falseRejections, f.correctPhones)} | ${f.substitutions} | ${rate(f.detected, f.substitutions)} | ${rate(f.diagnosed, f.detected)} | ${f.epentheses ? `${rate(f.insertionsFound, f.epentheses)} of ${f.epentheses}` : '—'} | ${rate(f.falseInsertions, f.nativeCases)} |`;
}
const header = '| | native words | false rejection (phones) | substitutions | detection recall | diagnosis (of detected) | inserted vowel found | false insertions (words) |\n|---|---:|---:|---:|---:|---:|---:|---:|';
const byFamily = figuresBy(outcomes, (o) => o.case.family);
const byContrast = figuresBy(outcomes, (o) => o.case.contrast);
const all = byFamily.get('all')!;
const lines = [
  '<!-- assess:start (written by npm run eval:assess) -->',
  '## Assessment on held-out voice families (`npm run eval:assess`)',
  '',
  `Model ${metadata.version} (recipe ${metadata.recipeHash}); thresholds fitted on ${calibrated.join(', ') || '?'}; tested on ${families.join(', ')}, which neither training nor calibration saw.`,
  `One-word clips cut from the corpus's clean minimal-pair and variant utterances, padded with 0.3 s of faint noise; ${cases.length} cases, ${all.failures} failed to assess; ${seconds.toFixed(0)} s.`,
  'False rejection: phones of words said as written that got any verdict but ok. Detection: the substituted phone (partner word assessed against the target, or a one-phone variant) not judged ok. Diagnosis: of those detected, the heard phone is the one said.',
  '',
  '### Per family',
  '',
  header,
  ...[...byFamily.entries()].map(([k, f]) => row(k, f)),
  '',
  '### Per pattern',
  '',
  header,
  ...[...byContrast.entries()].filter(([k]) => k !== 'all').sort().map(([k, f]) => row(k, f)),
  '<!-- assess:end -->',
];
const block = lines.join('\n');
console.log(block);
if (!values['no-write']) {
  const path = join(ROOT, 'training/RESULTS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n';
  const next = /<!-- assess:start[\s\S]*?<!-- assess:end -->/.test(current)
    ? current.replace(/<!-- assess:start[\s\S]*?<!-- assess:end -->/, block)
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
  console.error(`eval:assess: wrote training/RESULTS.md (${CALIBRATION_FAMILIES.join(', ')} calibrate, ${families.join(', ')} test)`);
}
