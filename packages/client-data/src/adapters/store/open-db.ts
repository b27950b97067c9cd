import { mkdirSync } from 'node:fs';
import type { Db } from './db';
import { migrate } from './migrations';
import { openPglite } from './pglite-db';
import { openPostgres, type PostgresEvents } from './postgres-db';

/** DATABASE_URL set: a PostgreSQL server; otherwise embedded PGlite persisted under dataDir. Migrated either way. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string } & PostgresEvents): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = openPostgres({ connectionString: opts.databaseUrl }, opts.onConnectionError ? { onConnectionError: opts.onConnectionError } : {});
  } else {
    mkdirSync(opts.dataDir, { recursive: true });
    db = await openPglite({ dataDir: `${opts.dataDir}/pglite` });
  }
  await migrate(db);
  return db;
}
