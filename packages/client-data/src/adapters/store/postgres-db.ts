import { Pool, types, type PoolClient, type PoolConfig } from 'pg';
import type { Db } from './db';

// Return int8 (count(*)) as numbers and numeric as strings, like PGlite, so both backends map alike.
types.setTypeParser(20, (v) => Number(v));

function wrapClient(client: PoolClient): Db {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, params as unknown[])).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(wrapClient(client)),
    close: async () => undefined,
  };
}

/** A PostgreSQL server shared by every instance of the app. */
export function openPostgres(config: PoolConfig): Db & { pool: Pool } {
  const pool = new Pool({ max: 10, ...config });
  return {
    kind: 'postgres',
    pool,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
