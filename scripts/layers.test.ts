// The architecture's promises, checked on probe code through ESLint's Node API with the project's own
// eslint.config.js: the files are virtual (paths only), so the probes never exist on disk.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layer rules', () => {
  it('refuse a dynamic import of src/ui from src/dsp', async () => {
    expect(await problems('src/dsp/probe.ts', "export const load = () => import('../ui/App');\n")).toEqual(['no-restricted-syntax']);
  });

  it('refuse tfjs in src/assess, statically or dynamically, and allow it in src/model', async () => {
    expect(await problems('src/assess/probe.ts', "import * as tf from '@tensorflow/tfjs';\nexport const n = tf.memory();\n")).toEqual(['no-restricted-imports']);
    expect(await problems('src/assess/probe.ts', "export const load = () => import('@tensorflow/tfjs-backend-wasm');\n")).toEqual(['no-restricted-syntax']);
    expect(await problems('src/model/probe.ts', "import * as tf from '@tensorflow/tfjs';\nexport const n = tf.memory();\n")).toEqual([]);
  });

  it('allow what points the right way', async () => {
    expect(await problems('src/assess/probe.ts', "import { dtw } from '../dsp';\nexport const d = dtw;\n")).toEqual([]);
    expect(await problems('src/store/probe.ts', "export const load = () => import('../practice');\n")).toEqual([]);
    expect(await problems('src/ui/teacher/probe.ts', "export { useAppStore } from '../../store';\n")).toEqual([]);
  });

  it('keep src/ui away from src/db and src/store away from src/dsp (its tests aside), re-exports included', async () => {
    expect(await problems('src/ui/probe.ts', "export { SotaqueDb } from '../db';\n")).toEqual(['no-restricted-imports']);
    expect(await problems('src/ui/teacher/probe.ts', "import { MAX_PROFILE_NAME } from '../../db/profiles';\nexport const m = MAX_PROFILE_NAME;\n")).toEqual(['no-restricted-imports']);
    expect(await problems('src/store/probe.ts', "import { dtw } from '../dsp';\nexport const d = dtw;\n")).toEqual(['no-restricted-imports']);
    expect(await problems('src/store/probe.test.ts', "import { dtw } from '../dsp';\nexport const d = dtw;\n")).toEqual([]);
    expect(await problems('src/store/probe.ts', "export { isCodedError } from '../dsp/codedError';\n")).toEqual([]);
  });

  it('confine Dexie to src/db and React to src/ui', async () => {
    expect(await problems('src/store/probe.ts', "import { Dexie } from 'dexie';\nexport const D = Dexie;\n")).toEqual(['no-restricted-imports']);
    expect(await problems('src/db/probe.ts', "import { Dexie } from 'dexie';\nexport const D = Dexie;\n")).toEqual([]);
    expect(await problems('src/practice/probe.ts', "import { useState } from 'react';\nexport const u = useState;\n")).toEqual(['no-restricted-imports']);
    expect(await problems('src/ui/probe.ts', "import { useState } from 'react';\nexport const u = useState;\n")).toEqual([]);
  });

  it('refuse DOM globals in src/dsp and src/assess, where Node globals stay allowed', async () => {
    expect(await problems('src/dsp/probe.ts', 'export const w = window.innerWidth;\n')).toEqual(['no-restricted-globals']);
    expect(await problems('src/assess/probe.ts', 'export const c = new OfflineAudioContext(1, 1, 16000);\n')).toEqual(['no-restricted-globals']);
    expect(await problems('src/assess/probe.ts', "export const t = performance.now();\nconsole.log(t);\n")).toEqual([]);
    expect(await problems('src/gpu/probe.ts', 'export const g = navigator.gpu;\n')).toEqual([]);
  });

  it('keep training and bench code out of ui, store, db and practice, but not out of their own files', async () => {
    expect(await problems('bench/probe.ts', "export { appStore } from '../src/store';\n")).toEqual(['no-restricted-imports']);
    expect(await problems('bench/probe.ts', "export { run } from './practice';\n")).toEqual([]);
    expect(await problems('training/assess/probe.ts', "export const load = () => import('../../src/db');\n")).toEqual(['no-restricted-syntax']);
  });
});
