import type { RefreshJob } from '@hub/contracts';
import type { Db } from './db';

interface JobRow { id: string; total: number; done: number; failed: number; started_at: Date; finished_at: Date | null; updated_at: Date }

/** A running job whose progress has not moved for this long belongs to an instance that stopped. */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * An abandoned job reads as done, its unfinished companies counted as failed (they keep their last figures and the
 * background refresh reads them again), so the tab's progress never spins forever after a crash or a restart.
 */
const toJob = (r: JobRow, now: number): RefreshJob => {
  const abandoned = !r.finished_at && now - new Date(r.updated_at).getTime() > ABANDONED_AFTER_MS;
  const finishedAt = r.finished_at ?? (abandoned ? r.updated_at : null);
  return {
    id: r.id, total: r.total, done: abandoned ? r.total : r.done, failed: abandoned ? r.failed + (r.total - r.done) : r.failed,
    state: finishedAt ? 'done' : 'running',
    startedAt: new Date(r.started_at).toISOString(), finishedAt: finishedAt ? new Date(finishedAt).toISOString() : null,
  };
};
const COLUMNS = 'id, total, done, failed, started_at, finished_at, updated_at';

/** Progress of "Refresh all" / "Refresh selected", readable by the user who started it. */
export class RefreshJobsRepo {
  constructor(private readonly db: Db) {}

  async create(userId: string, total: number): Promise<RefreshJob> {
    const [row] = await this.db.query<JobRow>(
      `INSERT INTO refresh_jobs (user_id, total, finished_at) VALUES ($1, $2::int, CASE WHEN $2::int = 0 THEN now() END)
       RETURNING ${COLUMNS}`,
      [userId, total],
    );
    if (!row) throw new Error('job insert returned nothing');
    return toJob(row, Date.now());
  }

  /** Counts finished companies (several at once when a whole environment finishes together). */
  async progress(id: string, ok: number, failed: number): Promise<void> {
    await this.db.query(
      `UPDATE refresh_jobs SET done = done + $2::int + $3::int, failed = failed + $3::int, updated_at = now(),
         finished_at = CASE WHEN done + $2::int + $3::int >= total THEN now() ELSE finished_at END WHERE id = $1`,
      [id, ok, failed],
    );
  }

  async get(userId: string, id: string): Promise<RefreshJob | null> {
    const [row] = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM refresh_jobs WHERE user_id = $2 AND id = $1`, [id, userId]);
    return row ? toJob(row, Date.now()) : null;
  }
}
