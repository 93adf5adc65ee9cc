import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { cspMetaPlugin, pwaOptions, securityHeaders } from './scripts/pwa.ts';

/** tfjs-backend-wasm's binaries, served and shipped under /tfjs/ (src/model/backend.ts points tfjs there). */
function tfjsWasmFiles(): Plugin {
  const dist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  const files = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
  return {
    name: 'sotaque-tfjs-wasm',
    configureServer(server) {
      server.middlewares.use('/tfjs/', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0];
        if (!files.includes(name)) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.end(readFileSync(join(dist, name)));
      });
    },
    generateBundle() {
      for (const name of files) this.emitFile({ type: 'asset', fileName: `tfjs/${name}`, source: readFileSync(join(dist, name)) });
    },
  };
}

export default defineConfig({
  plugins: [react(), tfjsWasmFiles(), cspMetaPlugin(), VitePWA(pwaOptions())],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  preview: { port: 4173, strictPort: false, host: 'localhost', headers: securityHeaders() },
  server: { host: 'localhost' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'training/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
