import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Builds the benchmark page; fixtures are written to bench/out/public by scripts/bench.mjs. */
export default defineConfig({
  root: here('./page'),
  publicDir: here('./out/public'),
  build: { outDir: here('./out/dist'), emptyOutDir: true, target: 'es2022' },
  preview: { host: 'localhost', port: 4181, strictPort: false },
  logLevel: 'warn',
});
