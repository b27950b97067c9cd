import type { Db } from './db';

/**
 * Schema history, applied in order once each. Never edit a released migration: add a new one.
 * Every client query goes through client_access, so sharing with a colleague needs no migration.
 */
export const migrations: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'clients, companies, snapshots, views',
    sql: `
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        object_id text NOT NULL,
        display_name text,
        -- Bumped whenever anything on the user's dashboard changes: lets the API serve a cached copy safely
        -- even when several instances share the database.
        dashboard_version bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, object_id)
      );
      CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_tenant_id text NOT NULL,
        name text NOT NULL,
        contact_name text,
        email text,
        phone text,
        notes text,
        client_url text NOT NULL,
        bc_tenant text NOT NULL,
        bc_environment text NOT NULL,
        bc_origin text NOT NULL,
        tax jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE client_access (
        client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'colleague')),
        PRIMARY KEY (client_id, user_id)
      );
      CREATE INDEX client_access_user ON client_access (user_id);
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        bc_company_id text NOT NULL,
        name text NOT NULL,
        currency text,
        UNIQUE (client_id, bc_company_id)
      );
      CREATE TABLE snapshots (
        company_id uuid PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
        data jsonb,
        refreshed_at timestamptz,
        error_kind text,
        error_message text,
        error_at timestamptz
      );
      CREATE TABLE saved_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        definition jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, name)
      );
      CREATE TABLE refresh_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        total int NOT NULL,
        done int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
    `,
  },
  {
    id: 2,
    name: 'bot conversation references and settings',
    sql: `
      -- One personal conversation per user: where proactive cards go. Refreshed on every activity
      -- because Teams may move a conversation to another service URL.
      CREATE TABLE bot_conversations (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        reference jsonb NOT NULL,
        service_url text NOT NULL,
        conversation_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Set when Teams says the user removed the app (403/404); cleared by the next activity.
        gone_at timestamptz
      );
      CREATE TABLE bot_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        summary_time text NOT NULL DEFAULT '08:00' CHECK (summary_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        -- ISO weekdays, 1 = Monday .. 7 = Sunday.
        summary_days smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
        -- Chosen by the user; when null the zone Teams reports (detected_time_zone) applies.
        time_zone text,
        detected_time_zone text,
        -- Alert kinds switched on or off; a kind not listed is on.
        alerts jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 3,
    name: 'Business Central sign-in: auth mode per client, encrypted token caches',
    sql: `
      -- How the hub signs in to the client's Business Central: as the accountant ('delegated', on-behalf-of)
      -- or as the hub's app registered in the client's "Microsoft Entra Applications" page ('app').
      ALTER TABLE clients ADD COLUMN bc_auth_mode text NOT NULL DEFAULT 'delegated' CHECK (bc_auth_mode IN ('delegated', 'app'));
      -- msal-node token caches, one row per partition (user + client tenant, or app + client tenant),
      -- AES-256-GCM encrypted with a key from SECRET_TOKEN_CACHE_KEY; never readable without it.
      CREATE TABLE bc_token_caches (
        partition_key text PRIMARY KEY,
        ciphertext text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
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
  },
  {
    id: 5,
    name: 'invitations: client and accountant invitations, hashed single-use tokens, send log, user emails',
    sql: `
      -- One invitation between a client company and an accountant, in either direction. The invitee is
      -- accountant_email (client_to_accountant) or client_email (accountant_to_client), kept in lower case.
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        direction text NOT NULL CHECK (direction IN ('client_to_accountant', 'accountant_to_client')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
        company_name text,
        client_url text,
        companies text[] NOT NULL DEFAULT '{}',
        client_contact_name text,
        client_email text,
        accountant_email text,
        accountant_name text,
        -- The accountant: the sender (accountant_to_client) or, once accepted, the one who accepted.
        accountant_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        accountant_tenant_id text,
        message text,
        reply_message text,
        send_count int NOT NULL DEFAULT 1,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz,
        client_id uuid REFERENCES clients(id) ON DELETE SET NULL
      );
      CREATE INDEX invitations_accountant_user ON invitations (accountant_user_id, created_at DESC);
      CREATE INDEX invitations_accountant_email ON invitations (accountant_email, created_at DESC);
      -- Only SHA-256 hashes of tokens are stored. A resend supersedes the previous token (kept to say so).
      CREATE TABLE invitation_tokens (
        token_hash bytea PRIMARY KEY,
        invitation_id uuid NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz
      );
      CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id);
      -- Invitation emails sent, per bucket ('ip:<address>', 'to:<email>', 'user:<id>'): the hourly rate limit.
      CREATE TABLE invitation_sends (
        bucket text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX invitation_sends_bucket ON invitation_sends (bucket, sent_at);
      -- The work email a signed-in user last presented (so an inviter who also uses the hub gets the accepted card).
      CREATE TABLE user_emails (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        email text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX user_emails_email ON user_emails (email);
    `,
  },
  {
    id: 6,
    name: 'refresh job heartbeat',
    sql: `
      -- Moves with every progress step; a job that stops moving was abandoned by a stopped instance.
      ALTER TABLE refresh_jobs ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    `,
  },
  {
    id: 7,
    name: 'shared companies: the client\'s sharing choice, names not found, the inviter told of the answer',
    sql: `
      -- The companies a client chose to share, as it typed them (an invitation's "Companies to share"); null = every
      -- company of the environment. Discovery adds only companies matching one of these names.
      ALTER TABLE clients ADD COLUMN shared_companies text[];
      -- Names an accepted invitation listed that matched no Business Central company.
      ALTER TABLE invitations ADD COLUMN companies_not_found text[] NOT NULL DEFAULT '{}';
      -- The email telling the inviter about the answer: when it went, or why it could not (the answer stands either way).
      ALTER TABLE invitations ADD COLUMN inviter_notified_at timestamptz, ADD COLUMN inviter_notice_error text;
    `,
  },
  {
    id: 8,
    name: 'snapshots: KPIs in their own jsonb column, the rest as json',
    sql: `
      -- The dashboard reads only a snapshot's KPIs: they get their own small jsonb column. The whole snapshot (lists,
      -- forecast) is only ever read whole, so it is kept as json (text, checked on write), which costs the store about
      -- half as much to write as jsonb on every refresh.
      ALTER TABLE snapshots ADD COLUMN kpis jsonb;
      UPDATE snapshots SET kpis = data->'kpis';
      ALTER TABLE snapshots ALTER COLUMN data TYPE json USING data::json;
    `,
  },
  {
    id: 9,
    name: 'snapshots: KPIs as json, rows kept whole in half-full pages',
    sql: `
      -- The KPIs are only ever read whole (and ->'taxDue', which json has too): json skips jsonb's conversion on every
      -- refresh and every dashboard read. A snapshot row (about 3 KB now that the forecast is kept as weekly sums) is
      -- over the 2 KB at which PostgreSQL starts compressing or moving values out of line; a target of a whole page
      -- keeps it in place and uncompressed, which costs a refresh's write a third less. Every refresh rewrites every
      -- row: pages half full leave room for the new version beside the old (a HOT update: no index entry, the old
      -- version pruned in place), so the table does not grow between vacuums.
      ALTER TABLE snapshots ALTER COLUMN kpis TYPE json USING kpis::json;
      ALTER TABLE snapshots SET (toast_tuple_target = 8160, fillfactor = 50);
    `,
  },
];

/** Applies pending migrations under an advisory lock, so instances starting together do not race. */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242001)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (id int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}
