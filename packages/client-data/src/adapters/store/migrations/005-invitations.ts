import type { Migration } from './migration';

export const migration: Migration = {
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
};
