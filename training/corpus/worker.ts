/** Child process of the corpus pool: builds the units it is sent, one at a time. */
import { buildUnit } from './unit';
import type { WorkUnit } from './types';

/** Message from the pool to a worker. */
export interface UnitRequest {
  readonly unit: WorkUnit;
  readonly dir: string;
}

process.on('message', (message: UnitRequest) => {
  buildUnit(message.unit, message.dir).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, shard: message.unit.shard, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
