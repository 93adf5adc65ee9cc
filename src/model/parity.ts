/** Node-only: the parity fixture written by training/model/export.py and the comparison against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhoneModel } from './types';

/** Inputs and PyTorch's posteriors for a few clips (see training/model/export.py). */
export interface ParityFixture {
  readonly clips: readonly { readonly frames: number }[];
  readonly bands: number;
  readonly classes: number;
  readonly recipeHash: string;
  readonly input: Float32Array;
  /** PyTorch posteriors with the weights exactly as written (dequantised). */
  readonly expected: Float32Array;
  /** PyTorch posteriors of the float32 (unquantised) model. */
  readonly float32: Float32Array;
}

function readF32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function readParityFixture(dir: string): ParityFixture {
  const meta = JSON.parse(readFileSync(join(dir, 'clips.json'), 'utf8')) as Omit<ParityFixture, 'input' | 'expected' | 'float32'>;
  return { ...meta, input: readF32(join(dir, 'input.f32')), expected: readF32(join(dir, 'expected.f32')), float32: readF32(join(dir, 'float32.f32')) };
}

/** Runs every fixture clip through `model`; max abs difference to PyTorch (as written, and float32). */
export async function compareParity(model: PhoneModel, fixture: ParityFixture): Promise<{ maxAbsDiff: number; maxAbsDiffFloat32: number }> {
  let inOffset = 0;
  let outOffset = 0;
  let maxAbsDiff = 0;
  let maxAbsDiffFloat32 = 0;
  for (const { frames } of fixture.clips) {
    const data = fixture.input.subarray(inOffset, inOffset + frames * fixture.bands);
    const p = await model.posteriors({ data, frames, bands: fixture.bands });
    for (let i = 0; i < p.data.length; i++) {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(p.data[i] - fixture.expected[outOffset + i]));
      maxAbsDiffFloat32 = Math.max(maxAbsDiffFloat32, Math.abs(p.data[i] - fixture.float32[outOffset + i]));
    }
    inOffset += frames * fixture.bands;
    outOffset += frames * fixture.classes;
  }
  return { maxAbsDiff, maxAbsDiffFloat32 };
}
