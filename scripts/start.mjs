// `npm start`: installs what is missing, builds the production bundle and serves it on localhost.
import { ensureNodeModules, log, run } from './lib.mjs';

ensureNodeModules();
log('building the production bundle');
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
const port = process.env.PORT ?? '4173';
log(`serving on http://localhost:${port}/ (Ctrl+C stops)`);
process.exit(run('npx', ['vite', 'preview', '--host', 'localhost', '--port', port]));
