import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migrate, openPglite, openPostgres, type Db } from '../packages/client-data/src/testing';

export type Backend = 'pglite' | 'postgres';

/** Storage tests run on every backend available: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const backends: Backend[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
/** Other tests use the real server when CI provides one. */
export const defaultBackend: Backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDb extends Db {
  dispose(): Promise<void>;
  /** Another connection pool on the same database, as a second app instance would have (PostgreSQL only). */
  second?: () => Db;
  /**
   * A DATABASE_URL for an app process on this schema (PostgreSQL only): its connections carry `applicationName`, so a
   * test can find and terminate exactly them on a server others share; `port` points it at a proxy instead.
   */
  databaseUrl?: (applicationName: string, port?: number) => string;
}

/** A fresh, migrated, isolated database: a PGlite copy of the template, or a new schema on the server. */
export async function openTestDb(backend: Backend = defaultBackend): Promise<TestDb> {
  if (backend === 'pglite') {
    const dump = process.env.HUB_TEST_PGLITE_DUMP;
    const db = dump ? await openPglite({ loadDataDir: new Blob([readFileSync(dump)]) }) : await openPglite();
    if (!dump) await migrate(db);
    return Object.assign(db, { dispose: () => db.close() });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = openPostgres({ connectionString: url, options: `-c search_path=${schema}` });
  await migrate(db);
  const others: Db[] = [];
  return Object.assign(db, {
    databaseUrl: (applicationName: string, port?: number) => {
      const u = new URL(url);
      if (port !== undefined) u.port = String(port);
      u.searchParams.set('application_name', applicationName);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return u.toString();
    },
    second: () => {
      const other = openPostgres({ connectionString: url, options: `-c search_path=${schema}` });
      others.push(other);
      return other;
    },
    dispose: async () => {
      await Promise.all(others.map((o) => o.close().catch(() => undefined)));
      await db.close();
      const cleanup = openPostgres({ connectionString: url, max: 1 });
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.close();
    },
  });
}
