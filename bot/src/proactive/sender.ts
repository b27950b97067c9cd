import type { AlertKind, BotSettings, LeasedMessage, OutboxKind, OutboxRepo, BotStateRepo } from '@hub/client-data';
import { randomUUID } from 'node:crypto';
import type { BotDeps, BotLogger } from '../bot/context';
import { pickLocale } from '../bot/format/format';
import type { ProactiveSendResult } from '../teams/bot-adapter';
import type { ProactiveRenderer } from './render-context';
import { SendRateLimiter } from './rate-limiter';

/** Where proactive messages go: the adapter seam (HubAdapter.sendProactive) or a test double. */
export interface ProactiveTransport {
  sendProactive(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<ProactiveSendResult>;
}

export interface SenderOptions {
  /** Global messages per second (Teams allows 50 per app per tenant). */
  ratePerSecond: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** Rows leased per round. */
  batch: number;
  /** How long a lease lasts before another instance may take the row (a crashed sender's rows come back after it). */
  leaseMs: number;
  /** Poll interval when nothing is due. */
  idleMs: number;
  /** Attempts per row before it is marked failed. */
  maxAttempts: number;
  /** Retries within one lease for 412/5xx before handing the row back for later. */
  quickRetries: number;
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = { ratePerSecond: 48, concurrency: 16, batch: 100, leaseMs: 60_000, idleMs: 1000, maxAttempts: 8, quickRetries: 3 };

export interface SenderStats { sent: number; throttled: number; retried: number; failed: number; skipped: number; gone: number }

/** Which setting switches a kind off. */
const SWITCH: Record<OutboxKind, (a: Record<AlertKind, boolean>) => boolean> = {
  summary: (a) => a.summary,
  overdue_alert: (a) => a.overdueInvoices || a.overdueBills,
  tax_alert: (a) => a.taxDue,
  invitation_accepted: (a) => a.invitations,
};

const RETRYABLE = new Set([412, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backoff = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/**
 * Sends the outbox: leases due rows (SKIP LOCKED, so instances share the work), renders each card at
 * send time, and posts it with the row's stable activity id at Teams' pace. 429 pauses all sending
 * (Retry-After honoured); 412/5xx are retried with backoff; 403/404 mean the user removed the app.
 */
export class ProactiveSender {
  readonly owner: string;
  readonly stats: SenderStats = { sent: 0, throttled: 0, retried: 0, failed: 0, skipped: 0, gone: 0 };
  readonly limiter: SendRateLimiter;
  private readonly o: SenderOptions;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly held = new Set<string>();

  constructor(private readonly d: {
    outbox: OutboxRepo; botState: BotStateRepo; transport: ProactiveTransport; renderers: Record<OutboxKind, ProactiveRenderer>;
    bot: BotDeps; log: BotLogger; options?: Partial<SenderOptions>; owner?: string;
  }) {
    this.o = { ...DEFAULT_SENDER_OPTIONS, ...d.options };
    this.owner = d.owner ?? `sender-${randomUUID()}`;
    this.limiter = new SendRateLimiter(this.o.ratePerSecond);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the sends in flight; rows leased but not started go back at once. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Looks for due rows now instead of at the next poll (after the scheduler enqueued). */
  kick(): void {
    this.wake?.();
  }

  /** Sends everything due now, then returns (tests, benches). */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      const rows = await this.d.outbox.lease(this.owner, this.o.batch, this.o.leaseMs);
      if (rows.length === 0) return n;
      n += rows.length;
      await this.process(rows);
    }
  }

  private async run(): Promise<void> {
    const keepAlive = setInterval(() => {
      void this.d.outbox.extend(this.owner, [...this.held], this.o.leaseMs).catch(() => undefined);
    }, Math.max(1000, this.o.leaseMs / 3));
    let failures = 0;
    try {
      while (this.running) {
        let rows: LeasedMessage[] = [];
        try {
          rows = await this.d.outbox.lease(this.owner, this.o.batch, this.o.leaseMs);
          failures = 0;
        } catch (err) {
          failures += 1;
          this.d.log.error({ err, failures }, 'proactive outbox lease failed');
        }
        if (rows.length > 0) {
          await this.process(rows);
          continue;
        }
        // While the database is away, each failed lease waits longer (up to 30 s) instead of retrying every poll.
        const wait = failures > 0 ? Math.max(this.o.idleMs, backoff(failures)) : this.o.idleMs;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    } finally {
      clearInterval(keepAlive);
      await this.d.outbox.release(this.owner).catch(() => undefined);
    }
  }

  private async process(rows: LeasedMessage[]): Promise<void> {
    for (const r of rows) this.held.add(r.id);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++] as LeasedMessage;
        if (!this.running && this.loop) {
          this.held.delete(row.id);
          continue; // stopping: released in run()'s finally
        }
        try {
          await this.deliver(row);
        } catch (err) {
          this.d.log.error({ err, key: row.key }, 'proactive send failed unexpectedly');
          await this.d.outbox.retryLater(row.id, new Date(Date.now() + backoff(row.attempts)), 'internal error').catch(() => undefined);
        } finally {
          this.held.delete(row.id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, worker));
  }

  private async deliver(row: LeasedMessage): Promise<void> {
    const { outbox } = this.d;
    if (row.gone || !row.reference) {
      this.stats.skipped++;
      return outbox.markSkipped(row.id, row.gone ? 'user removed the app' : 'no conversation with the user');
    }
    if (row.attempts > this.o.maxAttempts) {
      this.stats.failed++;
      return outbox.markFailed(row.id, 'too many attempts');
    }
    const settings: BotSettings = await this.d.botState.settings(row.userId);
    if (!SWITCH[row.kind](settings.alerts)) {
      this.stats.skipped++;
      return outbox.markSkipped(row.id, 'switched off by the user');
    }
    const reference = row.reference;
    const render = this.d.renderers[row.kind];
    const card = render
      ? await render(row.payload, { deps: this.d.bot, userId: row.userId, locale: pickLocale(typeof reference.locale === 'string' ? reference.locale : undefined), timeZone: settings.timeZone, now: new Date() })
      : null;
    if (!card) {
      this.stats.skipped++;
      return outbox.markSkipped(row.id, 'nothing to send');
    }
    const activity = { type: 'message', id: row.activityId, attachments: [card], channelData: { notification: { alert: true } } };
    const conversationId = String((reference.conversation as { id?: unknown } | undefined)?.id ?? '');
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(conversationId);
      let res: ProactiveSendResult;
      try {
        res = await this.d.transport.sendProactive(reference, activity);
      } catch (err) {
        res = { status: 503, code: err instanceof Error ? err.name : 'NetworkError' };
      }
      if (res.status >= 200 && res.status < 300) {
        this.stats.sent++;
        return outbox.markSent(row.id);
      }
      if (res.status === 429) {
        this.stats.throttled++;
        const wait = res.retryAfterMs ?? backoff(attempt);
        if (attempt >= 20) return outbox.retryLater(row.id, new Date(Date.now() + wait), 'throttled');
        this.limiter.pause(wait);
        this.d.log.warn({ retryAfterMs: Math.round(wait), key: row.key }, 'Teams throttled proactive sending: pausing all sends');
        continue;
      }
      if (res.status === 403 || res.status === 404) {
        this.stats.gone++;
        this.stats.skipped++;
        await this.d.botState.markGone(row.userId);
        return outbox.markSkipped(row.id, `user removed the app (${res.status} ${res.code ?? ''})`.trim());
      }
      if (RETRYABLE.has(res.status)) {
        this.stats.retried++;
        if (attempt < this.o.quickRetries) {
          await sleep(res.retryAfterMs ?? backoff(attempt));
          continue;
        }
        return outbox.retryLater(row.id, new Date(Date.now() + backoff(row.attempts + attempt)), `HTTP ${res.status}`);
      }
      this.stats.failed++;
      return outbox.markFailed(row.id, `HTTP ${res.status} ${res.code ?? ''}`.trim());
    }
  }
}
