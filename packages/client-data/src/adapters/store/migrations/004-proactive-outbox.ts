import type { Migration } from './migration';

export const migration: Migration = {
  id: 4,
  name: 'proactive outbox, alerted invoices, scheduler lease',
  sql: `
    -- Every proactive card to send, once: the key says what it is about (summary of a user's day,
    -- an alert's subject, an accepted invitation); senders lease due rows with FOR UPDATE SKIP LOCKED.
    CREATE TABLE proactive_outbox (
      id bigserial PRIMARY KEY,
      key text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      -- Sent as the activity id, so a retry after a crash between send and mark is recognised as the same card.
      activity_id text NOT NULL,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
      not_before timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      lease_owner text,
      lease_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX proactive_outbox_due ON proactive_outbox (not_before, id) WHERE state = 'queued';
    CREATE INDEX proactive_outbox_user ON proactive_outbox (user_id, created_at);
    -- Overdue documents a user was already alerted about (per company), so the next alert lists only new ones.
    CREATE TABLE proactive_alerted (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      document_id text NOT NULL,
      alerted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, company_id, document_id)
    );
    -- Named leases for work one instance does at a time (the scheduler's enqueue run).
    CREATE TABLE proactive_leases (
      name text PRIMARY KEY,
      owner text NOT NULL,
      lease_until timestamptz NOT NULL
    );
  `,
};
