// Regression tests for misses a learner would be taught harm by: espeak's "tree", "free" and "sink"
// said for "three" and "think" must flag TH, and the words said correctly must pass — through the
// shipped model and calibration, as the command line (and the practice screen) judge them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessor, AssessResult } from '../assess';
import { decodeWav } from '../audio/wav';
import { createNodeAssessor } from './assess';

const dir = mkdtempSync(join(tmpdir(), 'sotaque-misses-'));
let assessor: Assessor;

function speak(word: string): { samples: Float32Array; sampleRateHz: number } {
  const raw = join(dir, `raw-${word}.wav`);
  const path = join(dir, `${word}.wav`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', raw, word]);
  execFileSync('sox', [raw, path, 'pad', '0.4', '0.4']);
  return decodeWav(readFileSync(path));
}

async function assess(said: string, text: string): Promise<AssessResult> {
  return assessor.assess({ id: `${said}-as-${text}`, text, ...speak(said) });
}

const th = (r: AssessResult) => r.words[0].phones.find((p) => p.phone === 'TH')!;

beforeAll(async () => {
  assessor = await createNodeAssessor();
}, 60_000);

describe('TH substitutions are caught (word path)', () => {
  it.each([
    ['tree', 'three'],
    ['free', 'three'],
    ['sink', 'think'],
  ])('"%s" said for "%s" flags TH', async (said, text) => {
    const result = await assess(said, text);
    expect(th(result).verdict).toBe('mispronounced');
  });
  it.each(['three', 'think'])('"%s" said as written passes TH and is not rejected anywhere', async (word) => {
    const result = await assess(word, word);
    expect(th(result).verdict).toBe('ok');
    expect(result.words[0].phones.filter((p) => p.verdict === 'mispronounced' || p.verdict === 'missing')).toEqual([]);
  });
});
