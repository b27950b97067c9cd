/** Store internals the test harness needs (template database, schema per suite). Not for app code. */
export { migrate, migrations } from './adapters/store/migrations';
export { openPglite } from './adapters/store/pglite-db';
export { openPostgres } from './adapters/store/postgres-db';
export type { Db } from './adapters/store/db';
