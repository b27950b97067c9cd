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

  /** A running job; it finishes when finish() is called, not when the count reaches the total (discovery may add). */
  async create(userId: string, total: number): Promise<RefreshJob> {
    const [row] = await this.db.query<JobRow>(`INSERT INTO refresh_jobs (user_id, total) VALUES ($1, $2::int) RETURNING ${COLUMNS}`, [userId, total]);
    if (!row) throw new Error('job insert returned nothing');
    return toJob(row, Date.now());
  }

  /** Counts finished companies (several at once when whole environments are stored together); `db` may be a transaction. */
  async progress(id: string, ok: number, failed: number, db: Db = this.db): Promise<void> {
    await db.query(
      'UPDATE refresh_jobs SET done = done + $2::int + $3::int, failed = failed + $3::int, updated_at = now() WHERE id = $1',
      [id, ok, failed],
    );
  }

  /** Companies found while the job runs (discovery) join its total. */
  async addToTotal(id: string, count: number): Promise<void> {
    await this.db.query('UPDATE refresh_jobs SET total = total + $2::int, updated_at = now() WHERE id = $1', [id, count]);
  }

  /** Marks the job done; companies never counted (their store write failed) count as failed, so done meets total. */
  async finish(id: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_jobs SET failed = failed + GREATEST(total - done, 0), done = GREATEST(done, total), updated_at = now(), finished_at = now()
       WHERE id = $1 AND finished_at IS NULL`,
      [id],
    );
  }

  async get(userId: string, id: string): Promise<RefreshJob | null> {
    const [row] = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM refresh_jobs WHERE user_id = $2 AND id = $1`, [id, userId]);
    return row ? toJob(row, Date.now()) : null;
  }
}
