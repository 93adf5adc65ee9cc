// The same audio through the practice screen's path (the store, its engine over the shipped model,
// the CPU log-mel) and through the `assess` command (a separate process, with a partner column) gives
// the identical JSON: one judgement (src/assess `judgeAttempt`) for the learner and for every measurement.
import 'fake-indexeddb/auto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fusesSecondModel, type Calibration } from '../assess';
import { decodeWav } from '../audio/wav';
import { SotaqueDb } from '../db';
import { findLessonItem } from '../lessons/packs';
import type { ReferenceIndex } from '../lessons/references';
import { createPhoneModelFromDir } from '../model/node';
import { createAppStore } from './createAppStore';
import { createPracticeEngine } from '../practice';
import { sphinxEvidenceSource } from '../sphinx';
import { loadSphinxModelFromDir } from '../sphinx/node';
import { fakeRecorder } from './testFixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const MODEL_DIR = join(ROOT, 'public/models/phones');
const dir = mkdtempSync(join(tmpdir(), 'sotaque-parity-'));
/** No native references: the pair is decided on the acoustic evidence, as the CLI decides it. */
const NO_REFERENCES: ReferenceIndex = { schemaVersion: 1, bitrateKbps: 24, voices: [], clips: {}, items: {} };

const db = new SotaqueDb(`parity-${Math.random()}`);
afterAll(() => db.delete());

describe('practice path and assess command', () => {
  it('give the identical JSON for a minimal-pair attempt', async () => {
    const item = findLessonItem('th-p-three-tree')!.item;
    expect(item.partner).toBe('tree');
    const wavPath = join(dir, 'tree.wav');
    execFileSync('espeak-ng', ['-v', 'en-us', '-w', wavPath, 'tree']); // the partner said for the target
    const wav = decodeWav(readFileSync(wavPath));

    const calibration = JSON.parse(readFileSync(join(MODEL_DIR, 'calibration.json'), 'utf8')) as Calibration;
    const model = await createPhoneModelFromDir(MODEL_DIR);
    await model.ensureLoaded();
    // The second acoustic model, as the app loads it when the calibration fuses it.
    const secondary = fusesSecondModel(calibration) ? sphinxEvidenceSource(await loadSphinxModelFromDir()) : undefined;
    const engine = createPracticeEngine(model, calibration, undefined, secondary);
    const fake = fakeRecorder();
    const store = createAppStore(
      { createRecorder: () => fake.recorder, createFeatureExtractor: vi.fn() },
      {
        createRecorder: () => fake.recorder,
        openDb: () => db,
        loadEngine: async () => engine,
        loadReferenceIndex: async () => NO_REFERENCES,
        loadNativeReference: () => Promise.reject(new Error('no references in this test')),
        now: () => 0,
      },
    );
    store.getState().selectItem('th', item.id);
    const run = store.getState().startPractice();
    await Promise.resolve();
    fake.end({ samples: wav.samples, sampleRateHz: wav.sampleRateHz, durationSeconds: wav.samples.length / wav.sampleRateHz, endedBy: 'stopped' });
    await run;
    const practice = store.getState().practice;
    expect(practice.error).toBeNull();
    expect(practice.pair).toMatchObject({ focusPhone: 'TH', partnerPhone: 'T', evidence: 'acoustic' });
    const app = practice.result!;
    store.reset();

    writeFileSync(join(dir, 'list.tsv'), `id\ttext\taudio\tpartner\n${app.id}\t${item.text}\ttree.wav\t${item.partner}\n`);
    const cli = spawnSync('npx', ['tsx', 'src/cli/assess.ts', '--batch', join(dir, 'list.tsv')], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim()).toBe(JSON.stringify(app));
  }, 60_000);
});
