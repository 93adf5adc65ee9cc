/** Node-only helper: load the Sphinx model from a folder on disk (default: the committed public/models/sphinx/). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SphinxError } from './errors';
import { loadSphinxModel } from './sphinxModel';
import type { SphinxModel } from './types';

/** The committed model folder. */
export const SPHINX_MODEL_DIR = fileURLToPath(new URL('../../public/models/sphinx/', import.meta.url));

/** Loads the model from `dir`; a missing file is a SphinxError naming it. */
export function loadSphinxModelFromDir(dir = SPHINX_MODEL_DIR): Promise<SphinxModel> {
  return loadSphinxModel(async (file) => {
    try {
      return await readFile(join(dir, file));
    } catch (error) {
      throw new SphinxError('SPHINX_MODEL_LOAD_FAILED', `Could not read ${join(dir, file)}: ${(error as Error).message}. Run npm run sphinx:convert (needs the Debian package pocketsphinx-en-us).`, { path: join(dir, file) });
    }
  });
}
