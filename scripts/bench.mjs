// `npm run bench`: installs what is missing, then runs the benchmarks (bench/run.ts).
import { ensureNodeModules, ensureSystemPackages, run } from './lib.mjs';

ensureSystemPackages();
ensureNodeModules();
process.exit(run('npx', ['tsx', 'bench/run.ts', ...process.argv.slice(2)]));
