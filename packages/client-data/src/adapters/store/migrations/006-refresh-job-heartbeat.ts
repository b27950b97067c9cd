import type { Migration } from './migration';

export const migration: Migration = {
  id: 6,
  name: 'refresh job heartbeat',
  sql: `
    -- Moves with every progress step; a job that stops moving was abandoned by a stopped instance.
    ALTER TABLE refresh_jobs ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  `,
};
