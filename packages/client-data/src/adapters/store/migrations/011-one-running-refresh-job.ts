import type { Migration } from './migration';

export const migration: Migration = {
  id: 11,
  name: 'one running refresh job per user',
  sql: `
    -- A job whose instance stopped heartbeating, closed when the user started another: it keeps saying so.
    ALTER TABLE refresh_jobs ADD COLUMN abandoned boolean NOT NULL DEFAULT false;
    -- Jobs left running side by side before this version: all but each user's newest are closed as abandoned, so the
    -- index below can be built.
    UPDATE refresh_jobs j
       SET abandoned = true, finished_at = j.updated_at, failed = j.failed + GREATEST(j.total - j.done, 0), done = GREATEST(j.done, j.total)
     WHERE j.finished_at IS NULL
       AND EXISTS (SELECT 1 FROM refresh_jobs n WHERE n.user_id = j.user_id AND n.finished_at IS NULL AND (n.started_at, n.id) > (j.started_at, j.id));
    -- One running job per user across every instance: a second "Refresh all" finds this one instead of reading every
    -- company again (INSERT ... ON CONFLICT DO NOTHING settles a race between instances).
    CREATE UNIQUE INDEX refresh_jobs_one_running ON refresh_jobs (user_id) WHERE finished_at IS NULL;
  `,
};
