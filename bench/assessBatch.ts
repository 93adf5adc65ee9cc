/**
 * Bench row: `npm run --silent assess -- --batch` over 200 one-word clips, wall-clock from process
 * start (model load included) to the last line. The clips are lesson words spoken by espeak-ng with
 * 0.3 s of silence on each side (fixtures may be made with sox).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonPacks } from '../src/lessons/packs';

export interface BatchBench {
  readonly clips: number;
  readonly seconds: number;
  readonly ok: number;
  readonly errors: number;
}

export function benchAssessBatch(root: string, outDir: string, count = 200): BatchBench {
  const dir = join(outDir, 'batch');
  mkdirSync(dir, { recursive: true });
  const words = [...new Set(lessonPacks().flatMap((p) => p.items.filter((i) => i.kind !== 'sentence').flatMap((i) => [i.text, i.partner ?? i.text])))];
  const rows = ['id\ttext\taudio'];
  for (let i = 0; i < count; i++) {
    const word = words[i % words.length];
    const variant = ['m1', 'm3', 'f2', 'f4'][Math.floor(i / words.length) % 4];
    const name = `${String(i).padStart(3, '0')}-${word.replace(/[^a-z]/g, '')}.wav`;
    const path = join(dir, name);
    if (!existsSync(path)) {
      const raw = join(dir, 'raw.wav');
      execFileSync('espeak-ng', ['-v', `en-us+${variant}`, '-w', raw, word]);
      execFileSync('sox', [raw, path, 'pad', '0.3', '0.3']);
    }
    rows.push(`clip-${i}\t${word}\t${name}`);
  }
  writeFileSync(join(dir, 'list.tsv'), `${rows.join('\n')}\n`);
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', 'assess', '--', '--batch', join(dir, 'list.tsv')], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`assess --batch failed: ${result.stderr}`);
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: string });
  return { clips: lines.length, seconds, ok: lines.filter((l) => !l.error).length, errors: lines.filter((l) => l.error).length };
}
