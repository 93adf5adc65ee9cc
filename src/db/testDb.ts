/**
 * Test helper: throw-away Sotaque databases (fake-indexeddb in Vitest), each deleted after its test.
 * `const openDb = testDatabases('share')` at the top of a test file, which imports
 * 'fake-indexeddb/auto' first (before Dexie loads).
 */
import { afterEach } from 'vitest';
import { SotaqueDb } from './schema';

export function testDatabases(prefix: string): () => SotaqueDb {
  const dbs: SotaqueDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  return () => {
    const db = new SotaqueDb(`${prefix}-${dbs.length}-${Math.random()}`);
    dbs.push(db);
    return db;
  };
}
