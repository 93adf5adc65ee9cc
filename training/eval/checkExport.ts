// Checks an exported model through the app's own loader: it loads on tfjs wasm and cpu, and its
// posteriors match PyTorch's on the parity fixture written beside it by training/model/export.py.
//   npx tsx training/eval/checkExport.ts MODEL_DIR [PARITY_DIR]
import { join } from 'node:path';
import { createPhoneModelFromDir } from '../../src/model/node';
import { compareParity, readParityFixture } from '../../src/model/parity';

/** Largest posterior difference accepted between tfjs and PyTorch on the same weights. */
export const PARITY_TOLERANCE = 1e-4;

const [dir, parityArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: checkExport.ts MODEL_DIR [PARITY_DIR]');
  process.exit(2);
}
const fixture = readParityFixture(parityArg ?? join(dir, 'parity'));
let failed = false;
for (const backend of ['wasm', 'cpu'] as const) {
  const model = await createPhoneModelFromDir(dir, { backend, warmUpFrames: 20 });
  await model.ensureLoaded();
  const { maxAbsDiff, maxAbsDiffFloat32 } = await compareParity(model, fixture);
  const ok = maxAbsDiff < PARITY_TOLERANCE && model.metadata?.recipeHash === fixture.recipeHash;
  failed ||= !ok;
  console.error(`[check] ${backend}: ${ok ? 'ok' : 'FAILED'}, max |tfjs − PyTorch| ${maxAbsDiff.toExponential(2)} (weights as written), ${maxAbsDiffFloat32.toExponential(2)} vs the float32 model`);
  model.dispose();
}
process.exit(failed ? 1 : 0);
