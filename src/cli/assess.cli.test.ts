// The `assess` command for real: the shipped model and calibration, espeak-ng speech, a separate
// process, JSON on stdout. Checks the contract's shape and the batch rules (order, error lines, exit 0).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav';
import { VERDICTS } from '../assess/types';
import { PHONES } from '../model/phones';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sotaque-assess-'));

function speak(text: string, name: string, args: string[] = []): string {
  const raw = join(dir, `raw-${name}`);
  const path = join(dir, name);
  execFileSync('espeak-ng', ['-v', 'en-us', ...args, '-w', raw, text]);
  execFileSync('sox', [raw, '-b', '24', path, 'pad', '0.4', '0.4', 'rate', '44100', 'channels', '2']);
  return path;
}

function assess(...args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/assess.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}


function expectContract(result: Record<string, unknown>) {
  expect(Object.keys(result).sort()).toEqual(['id', 'score', 'text', 'warnings', 'words']);
  expect(Number.isInteger(result.score) && (result.score as number) >= 0 && (result.score as number) <= 100).toBe(true);
  for (const word of result.words as { word: string; score: number; phones: Record<string, unknown>[] }[]) {
    expect(Number.isInteger(word.score)).toBe(true);
    for (const phone of word.phones) {
      expect(Object.keys(phone).sort()).toEqual(['end', 'heard', 'phone', 'score', 'start', 'verdict']);
      expect(VERDICTS).toContain(phone.verdict);
      expect(PHONES).toContain(phone.phone);
      expect(phone.end as number).toBeGreaterThanOrEqual(phone.start as number);
      if (phone.verdict === 'mispronounced') expect(phone.heard).not.toBe('SIL');
      else expect(phone.heard).toBeNull();
    }
  }
}

describe('assess command', () => {
  it('assesses one clip (any rate, depth and channel count) and prints one contract object', () => {
    const clip = speak('three', 'three.wav');
    const out = assess('--text', 'three', '--audio', clip);
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expectContract(result);
    expect(result.id).toBe(clip);
    expect(result.words.map((w: { word: string }) => w.word)).toEqual(['three']);
    expect(result.words[0].phones.filter((p: { verdict: string }) => p.verdict !== 'inserted').map((p: { phone: string }) => p.phone)).toEqual(['TH', 'R', 'IY']);
    // Times are seconds from the start of the file: the speech starts after the 0.4 s of padding.
    expect(result.words[0].phones[0].start).toBeGreaterThan(0.25);
  });

  it('judges a minimal pair with --partner: "tree" said for "three" moves the TH verdict towards T', () => {
    const clip = speak('tree', 'tree-single.wav');
    const alone = JSON.parse(assess('--text', 'three', '--audio', clip).stdout.trim());
    const out = assess('--text', 'three', '--audio', clip, '--partner', 'tree');
    expect(out.status).toBe(0);
    const paired = JSON.parse(out.stdout.trim());
    expectContract(paired);
    const th = paired.words[0].phones.find((p: { phone: string }) => p.phone === 'TH');
    const thAlone = alone.words[0].phones.find((p: { phone: string }) => p.phone === 'TH');
    // The pair decides TH: if it is rejected it was heard as the partner's T, and never scored above GOP alone when rejected.
    if (th.verdict === 'mispronounced') expect(th.heard).toBe('T');
    if (th.verdict === 'mispronounced') expect(th.score).toBeLessThanOrEqual(thAlone.score);
    // Everything but the focus phone is the GOP judgement.
    expect(paired.words[0].phones.filter((p: { phone: string }) => p.phone !== 'TH')).toEqual(alone.words[0].phones.filter((p: { phone: string }) => p.phone !== 'TH'));
    const bad = assess('--text', 'three', '--audio', clip, '--partner', 'qwzxv');
    expect(bad.status).not.toBe(0);
    expect(JSON.parse(bad.stdout.trim()).error).toMatch(/qwzxv/);
  });

  it('exits non-zero with an error object in single mode', () => {
    const out = assess('--text', 'three', '--audio', join(dir, 'missing.wav'));
    expect(out.status).not.toBe(0);
    expect(JSON.parse(out.stdout.trim())).toEqual({ id: join(dir, 'missing.wav'), error: expect.stringMatching(/not found/) });
  });

  it('runs a batch in input order, one JSON per line, with error lines for bad input, and exits 0', () => {
    speak('tree', 'tree.wav', ['-s', '140']);
    speak('three trees', 'sentence.wav');
    writeFileSync(join(dir, 'silence.wav'), encodeWav(new Float32Array(16_000), 16_000));
    writeFileSync(join(dir, 'notes.wav'), 'not a wav file at all');
    writeFileSync(join(dir, 'long.wav'), encodeWav(new Float32Array(8_000 * 31).map((_, i) => 0.2 * Math.sin(i / 3)), 8_000));
    const tsv = [
      'id\ttext\taudio\tnote\tpartner',
      'a\tthree\tthree.wav\tright word\ttree',
      'b\tthree\ttree.wav\tpartner word\ttree',
      'c\tthree trees\tsentence.wav\ttwo words',
      'd\tthree\tmissing.wav\tmissing file',
      'e\tthree\tnotes.wav\tnot a WAV',
      'f\tthree\tsilence.wav\tsilent',
      'g\tthree qwzxv\tthree.wav\tunknown word',
      'h\tthree\tlong.wav\ttoo long',
    ].join('\n');
    writeFileSync(join(dir, 'list.tsv'), tsv);
    const out = assess('--batch', join(dir, 'list.tsv'));
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    for (const line of lines.slice(0, 3)) expectContract(line);
    expect(lines[2].words.map((w: { word: string }) => w.word)).toEqual(['three', 'trees']);
    expect(lines[3].error).toMatch(/not found/);
    expect(lines[4].error).toMatch(/WAV/);
    expect(lines[5].error).toMatch(/silent/);
    expect(lines[6].error).toMatch(/qwzxv/);
    expect(lines[7].error).toMatch(/30 s/);
  });
});
