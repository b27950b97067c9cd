import { createHash } from 'node:crypto';
import type { Db } from './db';

/** What a proactive card is about; each kind has one renderer in the bot. */
export type OutboxKind = 'summary' | 'overdue_alert' | 'tax_alert' | 'invitation_accepted';
export const OUTBOX_KINDS: readonly OutboxKind[] = ['summary', 'overdue_alert', 'tax_alert', 'invitation_accepted'];

/**
 * One card to send to one user. `key` makes it happen once: e.g. `summary:<userId>:2026-03-02` or
 * `invitation_accepted:<invitationId>`; enqueueing the same key again does nothing.
 */
export interface OutboxMessage {
  key: string;
  userId: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  /** Not sent before this time (default: now). */
  notBefore?: Date;
}

export type OutboxState = 'queued' | 'sent' | 'failed' | 'skipped';

/** A row leased to one sender: only it sends until `leaseUntil`; then anyone may take it again. */
export interface LeasedMessage {
  id: string;
  key: string;
  userId: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  /** Stable per row: the activity id a retry after a crash sends again, so Teams (and the local connector) drop the copy. */
  activityId: string;
  attempts: number;
  /** The user's conversation reference; null when none is stored or the user removed the app. */
  reference: Record<string, unknown> | null;
  gone: boolean;
}

export interface OutboxSummaryRow { kind: OutboxKind; state: OutboxState; count: number; lastAt: string | null }
export interface OutboxRecentRow { key: string; kind: OutboxKind; state: OutboxState; attempts: number; createdAt: string; sentAt: string | null; lastError: string | null }

interface LeasedRow {
  id: string | number; key: string; user_id: string; kind: OutboxKind; payload: Record<string, unknown>; activity_id: string;
  attempts: number; reference: Record<string, unknown> | null; gone_at: Date | null;
}

/** A deterministic activity id for a key (Bot Framework ids are opaque strings; keep it short and URL-safe). */
export function outboxActivityId(key: string): string {
  return `ahub-${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

/**
 * The durable proactive outbox (PostgreSQL): every card to send is a row with a unique key, taken by
 * senders with FOR UPDATE SKIP LOCKED leases, so several instances never send one row at the same time
 * and a crashed instance's rows are taken again when their lease expires.
 */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Enqueues once: a message whose key was already enqueued is ignored (returns false). Pass `tx` to enqueue inside the caller's transaction. */
  async enqueue(msg: OutboxMessage, tx?: Db): Promise<boolean> {
    const rows = await (tx ?? this.db).query(
      `INSERT INTO proactive_outbox (key, user_id, kind, payload, activity_id, not_before)
       VALUES ($1, $2, $3, $4::jsonb, $5, COALESCE($6::timestamptz, now()))
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [msg.key, msg.userId, msg.kind, JSON.stringify(msg.payload), outboxActivityId(msg.key), msg.notBefore ?? null],
    );
    return rows.length > 0;
  }

  /** Leases up to `limit` due rows to `owner` for `leaseMs`, oldest first; rows leased by others are skipped, not waited for. */
  async lease(owner: string, limit: number, leaseMs: number): Promise<LeasedMessage[]> {
    const rows = await this.db.query<LeasedRow>(
      `WITH picked AS (
         SELECT id FROM proactive_outbox
         WHERE state = 'queued' AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY not_before, id LIMIT $2 FOR UPDATE SKIP LOCKED
       ), taken AS (
         UPDATE proactive_outbox o SET lease_owner = $1, lease_until = now() + ($3::int * interval '1 millisecond'), attempts = o.attempts + 1
         FROM picked WHERE o.id = picked.id
         RETURNING o.id, o.key, o.user_id, o.kind, o.payload, o.activity_id, o.attempts, o.not_before
       )
       SELECT t.id, t.key, t.user_id, t.kind, t.payload, t.activity_id, t.attempts, c.reference, c.gone_at
       FROM taken t LEFT JOIN bot_conversations c ON c.user_id = t.user_id ORDER BY t.not_before, t.id`,
      [owner, limit, Math.max(1, Math.round(leaseMs))],
    );
    return rows.map((r) => ({
      id: String(r.id), key: r.key, userId: r.user_id, kind: r.kind, payload: r.payload, activityId: r.activity_id,
      attempts: r.attempts, reference: r.reference, gone: Boolean(r.gone_at),
    }));
  }

  /** Extends the lease of rows still being worked on (a long throttle pause), only while `owner` holds them. */
  async extend(owner: string, ids: readonly string[], leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE proactive_outbox SET lease_until = now() + ($3::int * interval '1 millisecond')
       WHERE id = ANY($2::bigint[]) AND lease_owner = $1 AND state = 'queued'`,
      [owner, ids, Math.max(1, Math.round(leaseMs))],
    );
  }

  /** Delivered (by anyone: a retaken row sent twice carries the same activity id). */
  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE proactive_outbox SET state = 'sent', sent_at = now(), lease_owner = NULL, lease_until = NULL, last_error = NULL
       WHERE id = $1 AND state = 'queued'`,
      [id],
    );
  }

  /** Never to be sent: the user removed the app, switched the kind off, or the renderer had nothing to say. */
  async markSkipped(id: string, reason: string): Promise<void> {
    await this.finish(id, 'skipped', reason);
  }

  /** Gave up (a permanent error, or too many attempts). */
  async markFailed(id: string, error: string): Promise<void> {
    await this.finish(id, 'failed', error);
  }

  /** Gives the row back to be sent again at `notBefore` (a retryable error). */
  async retryLater(id: string, notBefore: Date, error: string): Promise<void> {
    await this.db.query(
      `UPDATE proactive_outbox SET not_before = $2, lease_owner = NULL, lease_until = NULL, last_error = $3 WHERE id = $1 AND state = 'queued'`,
      [id, notBefore, error.slice(0, 500)],
    );
  }

  /** Returns `owner`'s unsent leased rows at once (graceful shutdown), instead of waiting for the lease to expire. */
  async release(owner: string, ids?: readonly string[]): Promise<void> {
    await this.db.query(
      `UPDATE proactive_outbox SET lease_owner = NULL, lease_until = NULL
       WHERE lease_owner = $1 AND state = 'queued' AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`,
      [owner, ids ?? null],
    );
  }

  /** Whether a key was enqueued (any state). */
  async has(key: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM proactive_outbox WHERE key = $1', [key])).length > 0;
  }

  /** Rows still to send (due or not). */
  async pending(): Promise<number> {
    const [r] = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM proactive_outbox WHERE state = 'queued'`);
    return Number(r?.n ?? 0);
  }

  /** Counts per kind and state for one user (the admin view shows a user only their own rows). */
  async summaryFor(userId: string): Promise<OutboxSummaryRow[]> {
    const rows = await this.db.query<{ kind: OutboxKind; state: OutboxState; n: string | number; last_at: Date | null }>(
      `SELECT kind, state, count(*) AS n, max(COALESCE(sent_at, created_at)) AS last_at FROM proactive_outbox
       WHERE user_id = $1 GROUP BY kind, state ORDER BY kind, state`,
      [userId],
    );
    return rows.map((r) => ({ kind: r.kind, state: r.state, count: Number(r.n), lastAt: r.last_at ? new Date(r.last_at).toISOString() : null }));
  }

  /** The user's latest rows, newest first. */
  async recentFor(userId: string, limit = 20): Promise<OutboxRecentRow[]> {
    const rows = await this.db.query<{ key: string; kind: OutboxKind; state: OutboxState; attempts: number; created_at: Date; sent_at: Date | null; last_error: string | null }>(
      `SELECT key, kind, state, attempts, created_at, sent_at, last_error FROM proactive_outbox WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => ({
      key: r.key, kind: r.kind, state: r.state, attempts: r.attempts, createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null, lastError: r.last_error,
    }));
  }

  private async finish(id: string, state: 'failed' | 'skipped', reason: string): Promise<void> {
    await this.db.query(
      `UPDATE proactive_outbox SET state = $2, lease_owner = NULL, lease_until = NULL, last_error = $3 WHERE id = $1 AND state = 'queued'`,
      [id, state, reason.slice(0, 500)],
    );
  }
}
