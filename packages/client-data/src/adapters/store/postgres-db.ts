import { Pool, types, type PoolClient, type PoolConfig } from 'pg';
import type { Db } from './db';
import { isConnectionError, storeError } from './connection-errors';
import { PgListener } from './pg-listener';

// Return int8 (count(*)) as numbers and numeric as strings, like PGlite, so both backends map alike.
types.setTypeParser(20, (v) => Number(v));

export interface PostgresEvents {
  /**
   * A connection was lost or could not be made (a failover, a proxy's idle timeout, the server restarting): for the
   * log. Never fatal: queries meanwhile fail with DatabaseUnavailableError and the pool connects anew when asked.
   */
  onConnectionError?: (err: unknown, where: 'pool' | 'listen') => void;
}

async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw storeError(err);
  }
}

function wrapClient(client: PoolClient): Db {
  return {
    kind: 'postgres',
    query: <T>(sql: string, params: readonly unknown[] = []) => run(async () => (await client.query(sql, params as unknown[])).rows as T[]),
    exec: (sql: string) => run(async () => void (await client.query(sql))),
    transaction: (fn) => fn(wrapClient(client)),
    listen: () => Promise.reject(new Error('listen on a pooled transaction client is not supported')),
    close: async () => undefined,
  };
}

/** A PostgreSQL server shared by every instance of the app. */
export function openPostgres(options: PoolConfig, events: PostgresEvents = {}): Db & { pool: Pool } {
  // A bounded wait for a connection: while the server is away a request fails in seconds instead of hanging; keep-alive
  // notices connections a proxy or a failover dropped without a word.
  const config: PoolConfig = { connectionTimeoutMillis: 5000, keepAlive: true, ...options };
  const pool = new Pool({ max: 10, ...config });
  // An idle pooled connection that dies (pg_terminate_backend, a failover) is reported here; without a listener the
  // 'error' event would throw and end the process. The pool has already discarded that connection.
  pool.on('error', (err) => events.onConnectionError?.(err, 'pool'));
  return {
    kind: 'postgres',
    pool,
    query: <T>(sql: string, params: readonly unknown[] = []) => run(async () => (await pool.query(sql, params as unknown[])).rows as T[]),
    exec: (sql: string) => run(async () => void (await pool.query(sql))),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await run(() => pool.connect());
      let broken: Error | undefined;
      // A checked-out connection has no pool listener: one terminated between two statements of the transaction would
      // otherwise emit an unhandled 'error' (and end the process). Its next statement fails and the transaction with it.
      const onLost = (err: Error) => {
        broken = err;
        events.onConnectionError?.(err, 'pool');
      };
      client.on('error', onLost);
      try {
        await run(() => client.query('BEGIN'));
        const result = await fn(wrapClient(client));
        await run(() => client.query('COMMIT'));
        return result;
      } catch (err) {
        if (isConnectionError(err)) broken = err instanceof Error ? err : new Error(String(err));
        else await client.query('ROLLBACK').catch((e: unknown) => { broken = e instanceof Error ? e : new Error(String(e)); });
        throw err;
      } finally {
        // A connection that failed is destroyed, not handed to the next caller (the pool's own listener takes over).
        client.removeListener('error', onLost);
        client.release(broken);
      }
    },
    async listen(channel, onMessage, onLost, onRestored) {
      const listener = new PgListener(config, channel, {
        onMessage, ...(onLost ? { onLost } : {}), ...(onRestored ? { onRestored } : {}),
        onError: (err) => events.onConnectionError?.(err, 'listen'),
      });
      await run(() => listener.start());
      return () => listener.stop();
    },
    close: () => pool.end(),
  };
}
