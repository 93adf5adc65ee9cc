/** Node-only helpers: read a model folder from disk and point tfjs-backend-wasm at its `.wasm` files. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { configureBackends } from './backend';
import { ModelError } from './errors';
import { createPhoneModel } from './phoneModel';
import type { CreatePhoneModelOptions, ModelFiles, PhoneModel } from './types';

/** Directory (with trailing slash) of tfjs-backend-wasm's `.wasm` files in node_modules. */
export function nodeWasmPaths(): string {
  const require = createRequire(import.meta.url);
  return `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`;
}

/** Reads `model.json`, its weight shards and `metadata.json` from a folder. */
export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const read = async (name: string): Promise<Buffer> => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      throw new ModelError('MODEL_LOAD_FAILED', `Could not read ${join(dir, name)}: ${(error as Error).message}. Train and export a model first (npm run train).`, { path: join(dir, name) });
    }
  };
  const modelJson = JSON.parse((await read('model.json')).toString('utf8')) as { weightsManifest?: { paths: string[] }[] };
  const metadata = JSON.parse((await read('metadata.json')).toString('utf8')) as unknown;
  const paths = (modelJson.weightsManifest ?? []).flatMap((group) => group.paths);
  const weights = await Promise.all(paths.map(async (p) => {
    const b = await read(p);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }));
  return { modelJson, weights, metadata };
}

/** Creates a phone model from a folder on disk, with the wasm backend's files found in node_modules. */
export async function createPhoneModelFromDir(dir: string, options: Omit<CreatePhoneModelOptions, 'modelUrl' | 'files'> = {}): Promise<PhoneModel> {
  configureBackends({ wasmPaths: nodeWasmPaths() });
  return createPhoneModel({ ...options, files: await readModelFiles(dir) });
}
