/** A pool of worker processes (Node + tsx) that build work units in parallel. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { WorkUnit } from './types';
import type { UnitResult } from './unit';

type Reply = { ok: true; result: UnitResult } | { ok: false; shard: number; message: string };

/**
 * Builds `units` into `dir` with `size` worker processes; `onDone` hears of each finished unit.
 * Rejects on the first failure (after stopping the workers).
 */
export async function runPool(units: readonly WorkUnit[], dir: string, size: number, onDone: (result: UnitResult) => void): Promise<void> {
  const queue = units.slice();
  const workers: ChildProcess[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const next = (worker: ChildProcess) => {
        const unit = queue.shift();
        if (!unit) {
          if (running === 0) resolve();
          return;
        }
        running++;
        worker.send({ unit, dir });
      };
      for (let i = 0; i < Math.min(size, units.length); i++) {
        const worker = fork(join(import.meta.dirname, 'worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        workers.push(worker);
        worker.on('message', (reply: Reply) => {
          running--;
          if (!reply.ok) {
            failed = true;
            reject(new Error(`shard ${reply.shard} failed:\n${reply.message}`));
            return;
          }
          onDone(reply.result);
          if (!failed) next(worker);
        });
        worker.on('exit', (code) => {
          if (code !== 0 && code !== null && !failed) {
            failed = true;
            reject(new Error(`a corpus worker exited with code ${code}`));
          }
        });
        next(worker);
      }
      if (units.length === 0) resolve();
    });
  } finally {
    for (const w of workers) w.kill();
  }
}
