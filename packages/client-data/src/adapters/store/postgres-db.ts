import { Client, Pool, types, type PoolClient, type PoolConfig } from 'pg';
import type { Db } from './db';

// Return int8 (count(*)) as numbers and numeric as strings, like PGlite, so both backends map alike.
types.setTypeParser(20, (v) => Number(v));

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A dedicated connection for LISTEN that reconnects, telling the caller each time messages may have been lost. */
async function listenOn(config: PoolConfig, channel: string, onMessage: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>> {
  if (!IDENTIFIER.test(channel)) throw new Error(`Bad channel name: ${channel}`);
  let client: Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const c = new Client(config);
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    c.on('error', () => {
      if (stopped) return;
      onLost?.();
      client = null;
      setTimeout(() => void connect().catch(() => onLost?.()), 1000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

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
    listen: () => Promise.reject(new Error('listen on a pooled transaction client is not supported')),
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
    listen: (channel, onMessage, onLost) => listenOn(config, channel, onMessage, onLost),
    close: () => pool.end(),
  };
}
