import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor, createLexicon, type PhoneClassifier } from '../assess';
import { encodeWav } from '../audio/wav';
import { PHONE_COUNT } from '../model/phones';
import { parseBatchTsv, runJob } from './assess';

/** A classifier that hears silence everywhere: enough to exercise the CLI's input handling. */
const silentClassifier: PhoneClassifier = {
  async posteriors(logMel) {
    const data = new Float32Array(logMel.frames * PHONE_COUNT).fill(1 / PHONE_COUNT);
    return { data, frames: logMel.frames };
  },
};
const assessor = createAssessor({ classifier: silentClassifier, lexicon: createLexicon({ three: 'TH R IY1' }), calibration: { version: 1, thresholds: {}, defaultThreshold: 0, slope: 1, fittedOn: {} } });

describe('parseBatchTsv', () => {
  it('reads id, text and audio in any column order, relative to the TSV folder, ignoring extra columns', () => {
    const jobs = parseBatchTsv('text\tnote\taudio\tid\nthree\tx\tclips/a.wav\tc1\ntree\ty\t/abs/b.wav\tc2\n\n', '/data');
    expect(jobs).toEqual([
      { id: 'c1', text: 'three', audioPath: '/data/clips/a.wav' },
      { id: 'c2', text: 'tree', audioPath: '/abs/b.wav' },
    ]);
  });

  it('reads an optional partner column; an empty cell is no partner', () => {
    const jobs = parseBatchTsv('id\ttext\taudio\tpartner\na\tthree\ta.wav\ttree\nb\tthree\tb.wav\t\n', '/d');
    expect(jobs).toEqual([
      { id: 'a', text: 'three', audioPath: '/d/a.wav', partner: 'tree' },
      { id: 'b', text: 'three', audioPath: '/d/b.wav' },
    ]);
  });

  it('names a missing column', () => {
    expect(() => parseBatchTsv('id\ttext\nx\ty', '/')).toThrow(/no "audio" column/);
  });
});

describe('runJob', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sotaque-cli-'));

  it('turns a missing file, a non-WAV file and silence into error objects', async () => {
    const missing = await runJob(assessor, { id: 'm', text: 'three', audioPath: join(dir, 'nope.wav') });
    expect(missing).toEqual({ id: 'm', error: expect.stringMatching(/not found/) });
    writeFileSync(join(dir, 'text.wav'), 'hello, this is not audio');
    const notWav = await runJob(assessor, { id: 'n', text: 'three', audioPath: join(dir, 'text.wav') });
    expect(notWav).toEqual({ id: 'n', error: expect.stringMatching(/WAV/) });
    writeFileSync(join(dir, 'silence.wav'), encodeWav(new Float32Array(8000), 8000));
    const silent = await runJob(assessor, { id: 's', text: 'three', audioPath: join(dir, 'silence.wav') });
    expect(silent).toEqual({ id: 's', error: expect.stringMatching(/silent/) });
  });

  it('reports an empty text', async () => {
    writeFileSync(join(dir, 'silence.wav'), encodeWav(new Float32Array(8000), 8000));
    expect(await runJob(assessor, { id: 'e', text: '', audioPath: join(dir, 'silence.wav') })).toEqual({ id: 'e', error: expect.stringMatching(/No text/) });
  });
});
