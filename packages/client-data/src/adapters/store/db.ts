/** The one SQL seam: PostgreSQL on a server (pg) or embedded (PGlite), same dialect, parameterised only. */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on `channel` (delivered after the notifying transaction commits, from any
   * instance). `onLost` runs when the subscription broke and messages may be missed; `onRestored` when it is back
   * (messages sent in between were missed). The subscription reconnects by itself until the returned stop is called.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLost?: () => void, onRestored?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}
