// Parity: the shipped model in tfjs (wasm and cpu) against PyTorch's posteriors for the same input,
// computed by training/model/export.py with exactly the weights written (a committed fixture, so this
// runs in CI without torch; `npm run train:smoke` re-checks a freshly trained model against torch).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPhoneModelFromDir } from './node';
import { compareParity, readParityFixture } from './parity';
import type { BackendName } from './types';

const SHIPPED = fileURLToPath(new URL('../../public/models/phones/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../training/model/parity/', import.meta.url));

describe.each<BackendName>(['wasm', 'cpu'])('parity with PyTorch on %s', (backend) => {
  it('posteriors agree within 1e-4', async () => {
    const fixture = readParityFixture(FIXTURE);
    const metadata = JSON.parse(readFileSync(`${SHIPPED}metadata.json`, 'utf8')) as { recipeHash: string };
    expect(fixture.recipeHash).toBe(metadata.recipeHash);
    const model = await createPhoneModelFromDir(SHIPPED, { backend, warmUpFrames: 10 });
    const result = await compareParity(model, fixture);
    expect(result.maxAbsDiff).toBeLessThan(1e-4);
    model.dispose();
  });
});
