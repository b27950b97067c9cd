import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db } from './db';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(q: Queryable, root: PGlite): Db {
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    // PGlite is one connection: a nested transaction reuses the outer one.
    transaction: (fn) => (q === root ? root.transaction((tx) => fn(wrap(tx, root))) : fn(wrap(q, root))),
    async listen(channel, onMessage) {
      return root.listen(channel, onMessage);
    },
    close: () => root.close(),
  };
}

/** Embedded PostgreSQL. `dataDir` undefined = in memory; `loadDataDir` starts from a dump (fast for tests). */
export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Db & { pglite: PGlite }> {
  const pglite = await PGlite.create({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  return Object.assign(wrap(pglite, pglite), { pglite });
}
