import { Client, type ClientConfig } from 'pg';
import { backoffMs } from '../../domain/backoff';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export interface ListenerEvents {
  onMessage(payload: string): void;
  /** The subscription broke: messages may be missed until onRestored. */
  onLost?(): void;
  /** Subscribed again after a loss (messages sent in between were missed). */
  onRestored?(): void;
  /** A lost connection or a failed reconnect, for the log; never fatal. */
  onError?(err: unknown): void;
}

/** Reconnect delays: 200 ms doubling up to 10 s, with full jitter so instances that lost the server together spread out. */
export const RECONNECT_BACKOFF = { baseMs: 200, capMs: 10_000 };

/**
 * A dedicated connection for LISTEN on one channel that outlives the server going away: exactly one connection at a
 * time (a client reports its loss once, however many 'error' and 'end' events it emits), reconnects with exponential
 * backoff until one succeeds, and stops for good when stopped.
 */
export class PgListener {
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly events: ListenerEvents,
    private readonly backoff: { baseMs: number; capMs: number; random?: () => number } = RECONNECT_BACKOFF,
  ) {
    if (!IDENTIFIER.test(channel)) throw new Error(`Bad channel name: ${channel}`);
  }

  /** The first subscription; fails (and leaves nothing behind) when the server cannot be reached now. */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const c = new Client(this.config);
    let ended = false;
    const lost = (err: unknown) => {
      ended = true;
      // The reconnect guard: only the current connection's first report counts. pg reports one loss as several events
      // (an 'error' for the server's FATAL message, another 'error' or an 'end' for the socket); reconnecting on each
      // would double the LISTEN connections at every loss.
      if (this.client !== c) return;
      this.client = null;
      void c.end().catch(() => undefined);
      this.events.onError?.(err);
      this.events.onLost?.();
      this.retry();
    };
    // The handler stays for the client's whole life: a late 'error' from a dropped client must never go unhandled.
    c.on('error', lost);
    c.on('end', () => lost(new Error('Connection terminated')));
    c.on('notification', (n) => {
      if (n.channel === this.channel && this.client === c) this.events.onMessage(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${this.channel}`);
    } catch (err) {
      void c.end().catch(() => undefined);
      throw err;
    }
    if (ended) throw new Error('Connection terminated while subscribing');
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    this.client = c;
    this.attempt = 0;
  }

  /** Each failed attempt waits longer, up to the cap; one chain of attempts, as only a current connection's loss starts one. */
  private retry(): void {
    if (this.stopped) return;
    const delay = backoffMs(this.attempt, this.backoff.baseMs, this.backoff.capMs, this.backoff.random);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      this.connect().then(
        () => {
          if (!this.stopped) this.events.onRestored?.();
        },
        (err: unknown) => {
          this.events.onError?.(err);
          this.retry();
        },
      );
    }, delay);
    this.timer.unref();
  }
}
