import type { Migration } from './migration';

export const migration: Migration = {
  id: 13,
  name: 'removed companies: a company the accountant keeps under another client stays off this one',
  sql: `
    -- Companies of a client's environment the accountant removed from it (the same Business Central company is shown
    -- under another client). Discovery (saving, Refresh all) leaves them out; restoring deletes the row. The name is
    -- kept to show what was removed; cleared when the client's Client URL moves to another environment.
    CREATE TABLE removed_companies (
      client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      bc_company_id text NOT NULL,
      name text NOT NULL,
      removed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (client_id, bc_company_id)
    );
  `,
};
