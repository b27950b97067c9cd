import type { Migration } from './migration';

export const migration: Migration = {
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
};
