import type { RefreshJob } from '@hub/contracts';
import type { Db } from './db';

interface JobRow { id: string; total: number; done: number; failed: number; started_at: Date; finished_at: Date | null }
const toJob = (r: JobRow): RefreshJob => ({
  id: r.id, total: r.total, done: r.done, failed: r.failed, state: r.finished_at ? 'done' : 'running',
  startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

/** Progress of "Refresh all" / "Refresh selected", readable by the user who started it. */
export class RefreshJobsRepo {
  constructor(private readonly db: Db) {}

  async create(userId: string, total: number): Promise<RefreshJob> {
    const [row] = await this.db.query<JobRow>(
      `INSERT INTO refresh_jobs (user_id, total, finished_at) VALUES ($1, $2::int, CASE WHEN $2::int = 0 THEN now() END)
       RETURNING id, total, done, failed, started_at, finished_at`,
      [userId, total],
    );
    if (!row) throw new Error('job insert returned nothing');
    return toJob(row);
  }

  /** Counts finished companies (several at once when a whole environment finishes together). */
  async progress(id: string, ok: number, failed: number): Promise<void> {
    await this.db.query(
      `UPDATE refresh_jobs SET done = done + $2::int + $3::int, failed = failed + $3::int,
         finished_at = CASE WHEN done + $2::int + $3::int >= total THEN now() ELSE finished_at END WHERE id = $1`,
      [id, ok, failed],
    );
  }

  async get(userId: string, id: string): Promise<RefreshJob | null> {
    const [row] = await this.db.query<JobRow>('SELECT id, total, done, failed, started_at, finished_at FROM refresh_jobs WHERE user_id = $2 AND id = $1', [id, userId]);
    return row ? toJob(row) : null;
  }
}
