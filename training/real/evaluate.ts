/**
 * `npm run eval:real`: the real-speech figures that lead the README and training/RESULTS.md.
 *
 * Real recordings (training/REAL-CORPUS.md) assessed through the app's own judgement with the shipped
 * model and calibration: native false rejection (phones of a recording assessed against its own
 * transcript that are judged mispronounced or missing; `unsure` is counted apart and is not a
 * rejection), per family, accent and phone class; real substitutions (a recording's word W replaced
 * in the text by a real word T one Brazilian-pattern phone away) detected and heard right, per
 * pattern; ROC points; the synthetic held-out family beside them. Every rate has its count and a 95%
 * Wilson interval. Splits: Asterisk dev (held out by prompt: the same voice as training) and Tux
 * Paint (other speakers, never trained or calibrated on). The calibration split is never reported here.
 *   --real DIR (default ~/.cache/sotaque/corpus-real)  --corpus DIR (synthetic)  --model DIR
 *   --calibration FILE (default MODEL/calibration.json)  --no-synthetic  --no-write  --max-subs N  --label TEXT
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_ASSESS_SECONDS, type Calibration } from '../../src/assess';
import { buildCases } from '../assess/cases';
import { cacheRoot, defaultCorpusDir, ROOT, SHIPPED_MODEL_DIR, TEST_FAMILIES } from '../assess/common';
import { figuresBy, runCases } from '../assess/measure';
import { readIndex } from '../corpus/shards';
import { buildRealCases, pairCases } from './cases';
import { loadRealEngine } from './engine';
import { realLexicon } from './lexicon';
import { byPhoneClass, rateCell, realFiguresBy, rocFromScores, rocPoints, runRealCases, type RealFigures, type RealOutcome, type RocPoint } from './measure';
import type { RealIndexEntry } from './types';

const { values } = parseArgs({
  options: { real: { type: 'string' }, corpus: { type: 'string' }, model: { type: 'string' }, 'no-synthetic': { type: 'boolean' }, 'no-write': { type: 'boolean' }, 'max-subs': { type: 'string' }, label: { type: 'string' }, calibration: { type: 'string' } },
});
const cache = cacheRoot();
/** Native false-rejection rates of the ROC points. */
const ROC_TARGETS = [0.02, 0.05, 0.1];
const realDir = resolve(values.real ?? join(cache, 'corpus-real'));
const modelDir = resolve(values.model ?? SHIPPED_MODEL_DIR);
if (!existsSync(join(realDir, 'index.jsonl'))) {
  console.error(`eval:real: no real-speech corpus at ${realDir}; run npm run corpus:real first`);
  process.exit(1);
}
const calibration = JSON.parse(readFileSync(values.calibration ? resolve(values.calibration) : join(modelDir, 'calibration.json'), 'utf8')) as Calibration;
const engine = await loadRealEngine(modelDir);
const metadata = engine.metadata;
const assessor = engine.assessor(calibration);

const entries = readIndex(realDir) as unknown as RealIndexEntry[];
const cases = buildRealCases(realDir, entries, realLexicon(), { splits: ['dev', 'eval'], maxSubstitutionsPerRecording: values['max-subs'] ? Number(values['max-subs']) : 6 });
const skippedLong = entries.filter((e) => e.copy === 0 && (e.split === 'dev' || e.split === 'eval') && e.durationSeconds > MAX_ASSESS_SECONDS).length;
console.error(`eval:real: ${cases.length} cases (${cases.filter((c) => c.kind === 'native').length} recordings) from ${realDir}`);
const started = performance.now();
const outcomes = await runRealCases(assessor, cases, (n) => console.error(`  ${n}/${cases.length}`));
const seconds = (performance.now() - started) / 1000;

// The minimal-pair path (what the practice screen's pair drills judge) on the same substitutions.
const pairOutcomes = await runRealCases(assessor, pairCases(cases));
const pairRows = [...realFiguresBy(pairOutcomes, (o) => (o.case.family === 'real-tuxpaint' ? 'minimal-pair path: evaluation-only speakers' : 'minimal-pair path: Asterisk dev'))].sort();

const group = (o: RealOutcome) => (o.case.family === 'real-tuxpaint' ? `Tux Paint (${o.case.accent === 'gb' ? 'British letters and digits' : 'stamp descriptions'}) — evaluation only` : 'Asterisk dev split (training voice, unseen prompts)');
const byGroup = realFiguresBy(outcomes, group);
const evalOnly = realFiguresBy(outcomes, (o) => (o.case.family === 'real-tuxpaint' ? 'all evaluation-only speakers' : null));
const byPattern = realFiguresBy(outcomes, (o) => (o.case.target ? o.case.target.pattern : null));
const byPatternEval = realFiguresBy(outcomes, (o) => (o.case.target && o.case.family === 'real-tuxpaint' ? o.case.target.pattern : null));
const classes = byPhoneClass(outcomes.filter((o) => o.case.family === 'real-tuxpaint'));
const rocEval = rocPoints(outcomes.filter((o) => o.case.family === 'real-tuxpaint'), ROC_TARGETS);
const rocDev = rocPoints(outcomes.filter((o) => o.case.family === 'real-asterisk'), ROC_TARGETS);

function row(name: string, f: RealFigures): string {
  return `| ${name} | ${f.nativeRecordings} | ${rateCell(f.rejected, f.nativePhones)} | ${rateCell(f.unsureNative, f.nativePhones)} | ${rateCell(f.detected, f.substitutions)} | ${rateCell(f.heardRight, f.detected)} | ${rateCell(f.unsureSubstituted, f.substitutions)} |`;
}
const header = '| | recordings | native false rejection (phones) | native unsure | substitutions detected | heard phone right (of detected) | substitutions unsure |\n|---|---:|---:|---:|---:|---:|---:|';

let synthetic: string[] = [];
let syntheticRoc: RocPoint[] = [];
const corpusDir = resolve(values.corpus ?? defaultCorpusDir());
if (!values['no-synthetic'] && existsSync(join(corpusDir, 'index.jsonl'))) {
  const synthCases = buildCases(corpusDir, { families: TEST_FAMILIES });
  const synth = await runCases(assessor, synthCases);
  const f = figuresBy(synth, () => null).get('all')!;
  synthetic = [
    `| synthetic ${TEST_FAMILIES.join(', ')} (held-out family, one-word clips) | ${f.nativeCases} | ${rateCell(f.falseRejections, f.correctPhones)} | — | ${rateCell(f.detected, f.substitutions)} | ${rateCell(f.diagnosed, f.detected)} | — |`,
  ];
  const native = synth.filter((o) => o.case.kind === 'native' && o.phones).flatMap((o) => o.phones!.filter((p) => p.verdict !== 'inserted').map((p) => p.score));
  const subs = synth.filter((o) => o.case.kind === 'substitution' && o.phones && o.case.target).map((o) => o.phones!.filter((p) => p.verdict !== 'inserted')[o.case.target!.position]?.score).filter((s): s is number => s !== undefined);
  syntheticRoc = rocFromScores(native, subs, ROC_TARGETS);
}

/** Each model alone, calibrated the same way by calibrate:real (not shipped): the same summary rows. */
const aloneRows: string[] = [];
const aloneDir = join(cache, 'calibrations', metadata.recipeHash.slice(0, 16));
for (const [name, file] of [['CNN alone', 'cnn.json'], ['Sphinx alone', 'sphinx.json']] as const) {
  if (!calibration.fusion || !existsSync(join(aloneDir, file))) continue;
  const alone = engine.assessor(JSON.parse(readFileSync(join(aloneDir, file), 'utf8')) as Calibration);
  const o = await runRealCases(alone, cases);
  const dev = realFiguresBy(o, (x) => (x.case.family === 'real-asterisk' ? 'dev' : null)).get('dev');
  const ev = realFiguresBy(o, (x) => (x.case.family === 'real-tuxpaint' ? 'eval' : null)).get('eval');
  if (ev) aloneRows.push(row(`${name}: evaluation-only speakers`, ev));
  if (dev) aloneRows.push(row(`${name}: Asterisk dev`, dev));
  if (!values['no-synthetic'] && existsSync(join(corpusDir, 'index.jsonl'))) {
    const f = figuresBy(await runCases(alone, buildCases(corpusDir, { families: TEST_FAMILIES })), () => null).get('all')!;
    aloneRows.push(`| ${name}: synthetic ${TEST_FAMILIES.join(', ')} | ${f.nativeCases} | ${rateCell(f.falseRejections, f.correctPhones)} | — | ${rateCell(f.detected, f.substitutions)} | ${rateCell(f.diagnosed, f.detected)} | — |`);
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const rocRow = (name: string, pts: readonly RocPoint[]) => `| ${name} | ${pts.map((p) => `${pct(p.detection)} (at ${pct(p.falseRejection)}, score < ${p.cut})`).join(' | ')} |`;
const label = values.label ?? `model ${metadata.version} (recipe ${metadata.recipeHash.slice(0, 12)})`;
const lines = [
  '<!-- real:start (written by npm run eval:real) -->',
  '## Real speech (`npm run eval:real`)',
  '',
  `${label}; thresholds: ${JSON.stringify(calibration.fittedOn.families ?? '?')}; fusion ${calibration.fusion ? `Sphinx weight ${calibration.fusion.weight}, scale ${calibration.fusion.scale}` : 'none (CNN alone)'}. ${cases.length} cases, ${outcomes.filter((o) => !o.words).length} failed to assess, ${skippedLong} recordings over 30 s left out; ${seconds.toFixed(0)} s. Rates with (count; 95% Wilson interval).`,
  'Native false rejection: phones of a real recording assessed against its own transcript judged mispronounced or missing (`unsure` is listed apart: not a rejection). Substitutions: the recording of a word W assessed with W replaced by a real word T one Brazilian-pattern phone away ("thing" on "sing"); detected = that phone judged mispronounced or missing (`unsure` is a miss). Word path unless marked: the minimal-pair rows judge the same substitutions with the words said as the partner (as a pair drill does), and the recordings with the substituted text as partner (native rows: all phones of those recordings).',
  '',
  header,
  ...[...byGroup].sort().map(([k, f]) => row(k, f)),
  ...[...evalOnly].map(([k, f]) => row(`**${k}**`, f)),
  ...synthetic,
  ...pairRows.map(([k, f]) => row(k, f)),
  ...(aloneRows.length ? ['', 'Each acoustic model alone, calibrated the same way on the same data (for comparison; the rows above are the shipped fusion):', '', header, ...aloneRows] : []),
  '',
  '### Native false rejection by phone class (evaluation-only speakers)',
  '',
  '| class | false rejection | unsure |',
  '|---|---:|---:|',
  ...[...classes].map(([k, f]) => `| ${k} | ${rateCell(f.rejected, f.nativePhones)} | ${rateCell(f.unsureNative, f.nativePhones)} |`),
  '',
  '### Real substitutions by pattern (expected > said; all real splits / evaluation-only speakers)',
  '',
  '| pattern | detected (all) | heard right (all) | detected (evaluation-only) |',
  '|---|---:|---:|---:|',
  ...[...byPattern].sort((a, b) => b[1].substitutions - a[1].substitutions).map(([k, f]) => `| ${k} | ${rateCell(f.detected, f.substitutions)} | ${rateCell(f.heardRight, f.detected)} | ${byPatternEval.has(k) ? rateCell(byPatternEval.get(k)!.detected, byPatternEval.get(k)!.substitutions) : '—'} |`),
  '',
  '### ROC points: substitution detection at a native false-rejection rate (flag a phone when its score is below the cut)',
  '',
  '| set | at 2% | at 5% | at 10% |',
  '|---|---:|---:|---:|',
  rocRow('evaluation-only speakers (Tux Paint)', rocEval),
  rocRow('Asterisk dev', rocDev),
  ...(syntheticRoc.length ? [rocRow(`synthetic ${TEST_FAMILIES.join(', ')}`, syntheticRoc)] : []),
  '<!-- real:end -->',
];
const table = lines.join('\n');
console.log(table);
if (!values['no-write']) {
  const path = join(ROOT, 'training', 'RESULTS.md');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('<!-- real:start');
  const end = text.indexOf('<!-- real:end -->');
  const next = start >= 0 && end > start ? text.slice(0, start) + table + text.slice(end + '<!-- real:end -->'.length) : text.replace(/\n/, `\n\n${table}\n`);
  writeFileSync(path, next);
  console.error(`eval:real: wrote ${path}`);
}
