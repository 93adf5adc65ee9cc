// Regression tests for misses a learner would be taught harm by: espeak's "tree", "free" and "sink"
// said for "three" and "think" must flag TH, and the words said correctly must pass — through the
// shipped models and calibration, as the command line and the practice screen judge them.
//
// The minimal-pair path (the item's partner word, as the practice screen's TH lessons give it) catches
// them. The word path alone (no partner) still lets them through: the thresholds are fitted on real
// native speech, where TH is often weak, and on those frames the evidence for "tree" is that of a
// median native TH (training/RESULTS.md). Those cases are pinned as known failures (`it.fails`), so the
// day they are caught the test says so.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeAttempt, type Assessor, type AssessResult } from '../assess';
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

describe('TH substitutions on the word path (no partner word)', () => {
  it.fails.each([
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

describe('TH substitutions are caught on the minimal-pair path', () => {
  async function judge(said: string, text: string, partner: string): Promise<AssessResult> {
    return (await judgeAttempt(assessor, { id: `${said}-as-${text}`, text, ...speak(said), partner: { text: partner } })).result;
  }
  it.each([
    ['tree', 'three', 'T'],
    ['sink', 'think', 'S'],
  ])('"%s" said for "%s" is mispronounced, heard as %s', async (said, text, heard) => {
    expect(th(await judge(said, text, said))).toMatchObject({ verdict: 'mispronounced', heard });
  });
  it('"free" said for "three" is not passed (not sure, heard as F, or mispronounced)', async () => {
    const p = th(await judge('free', 'three', 'free'));
    expect(p.verdict).not.toBe('ok');
    expect(p.heard).toBe('F');
  });
  it.each([
    ['three', 'tree'],
    ['three', 'free'],
    ['think', 'sink'],
  ])('"%s" said as written passes TH against its partner "%s", with no sound rejected', async (word, partner) => {
    const result = await judge(word, word, partner);
    expect(th(result).verdict).toBe('ok');
    expect(result.words[0].phones.filter((p) => p.verdict === 'mispronounced' || p.verdict === 'missing')).toEqual([]);
  });
});
