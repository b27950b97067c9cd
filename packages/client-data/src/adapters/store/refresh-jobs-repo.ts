import type { RefreshJob } from '@hub/contracts';
import type { Db } from './db';

interface JobRow {
  id: string; total: number; done: number; failed: number; started_at: Date; finished_at: Date | null; updated_at: Date; abandoned: boolean;
}

/**
 * How a running job shows it is alive: the instance running it touches `updated_at` every `heartbeatMs` (and with
 * every progress step); a job untouched for `abandonedAfterMs` belongs to an instance that stopped (a crash, a kill).
 */
export interface JobTimings { heartbeatMs: number; abandonedAfterMs: number }

/** A heartbeat every 10 s; four missed in a row (45 s) mean the instance is gone, so a crash is seen within a minute. */
export const DEFAULT_JOB_TIMINGS: JobTimings = { heartbeatMs: 10_000, abandonedAfterMs: 45_000 };

/**
 * An abandoned job reads as done, its unfinished companies counted as failed (they keep their last figures and the
 * background refresh reads them again), so the tab's progress never spins forever after a crash or a restart. The
 * counts are idempotent: a job already closed as abandoned has done = total.
 */
const toJob = (r: JobRow): RefreshJob => {
  const finishedAt = r.finished_at ?? (r.abandoned ? r.updated_at : null);
  return {
    id: r.id, total: r.total,
    done: r.abandoned ? Math.max(r.done, r.total) : r.done,
    failed: r.abandoned ? r.failed + Math.max(r.total - r.done, 0) : r.failed,
    state: finishedAt ? 'done' : 'running', abandoned: r.abandoned,
    startedAt: new Date(r.started_at).toISOString(), finishedAt: finishedAt ? new Date(finishedAt).toISOString() : null,
  };
};
const COLUMNS = 'id, total, done, failed, started_at, finished_at, updated_at';
/** Judged by the database's clock, so instances whose clocks disagree still agree on it. `$n` = abandonedAfterMs. */
const abandonedSql = (n: number) => `(abandoned OR (finished_at IS NULL AND updated_at < now() - $${n}::double precision * interval '1 millisecond')) AS abandoned`;

/** Progress of "Refresh all" / "Refresh selected", readable by the user who started it; at most one runs per user. */
export class RefreshJobsRepo {
  constructor(private readonly db: Db, private readonly abandonedAfterMs = DEFAULT_JOB_TIMINGS.abandonedAfterMs) {}

  /**
   * Starts a job for the user, or returns the one already running (`created` false), on whichever instance it runs.
   * A running job that stopped heartbeating is closed as abandoned first, so it never blocks a new start. The job
   * finishes when finish() is called, not when the count reaches the total (discovery may add).
   */
  async start(userId: string, total: number): Promise<{ job: RefreshJob; created: boolean }> {
    // Another pass when the running job finished (or went quiet) between the insert and the look-up.
    for (let pass = 0; pass < 3; pass += 1) {
      await this.db.query(
        `UPDATE refresh_jobs SET abandoned = true, finished_at = updated_at, failed = failed + GREATEST(total - done, 0), done = GREATEST(done, total)
         WHERE user_id = $1 AND finished_at IS NULL AND updated_at < now() - $2::double precision * interval '1 millisecond'`,
        [userId, this.abandonedAfterMs],
      );
      // The partial unique index settles a race between instances: the loser inserts nothing and reads the winner's job.
      const [row] = await this.db.query<JobRow>(
        `INSERT INTO refresh_jobs (user_id, total) VALUES ($1, $2::int) ON CONFLICT (user_id) WHERE finished_at IS NULL DO NOTHING
         RETURNING ${COLUMNS}, abandoned`,
        [userId, total],
      );
      if (row) return { job: toJob(row), created: true };
      const [running] = await this.db.query<JobRow>(
        `SELECT ${COLUMNS}, ${abandonedSql(2)} FROM refresh_jobs WHERE user_id = $1 AND finished_at IS NULL`, [userId, this.abandonedAfterMs],
      );
      if (running && !running.abandoned) return { job: toJob(running), created: false };
    }
    throw new Error('could not start a refresh job: another kept finishing meanwhile');
  }

  /** The running instance is alive: touches its jobs (one statement for all of them). */
  async heartbeat(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('UPDATE refresh_jobs SET updated_at = now() WHERE id = ANY($1::uuid[]) AND finished_at IS NULL', [ids]);
  }

  /** Counts finished companies (several at once when whole environments are stored together); `db` may be a transaction. */
  async progress(id: string, ok: number, failed: number, db: Db = this.db): Promise<void> {
    await db.query(
      // A job closed as abandoned stays as it was closed, even if its instance turns out to be alive after all.
      'UPDATE refresh_jobs SET done = done + $2::int + $3::int, failed = failed + $3::int, updated_at = now() WHERE id = $1 AND finished_at IS NULL',
      [id, ok, failed],
    );
  }

  /** Companies found while the job runs (discovery) join its total. */
  async addToTotal(id: string, count: number): Promise<void> {
    await this.db.query('UPDATE refresh_jobs SET total = total + $2::int, updated_at = now() WHERE id = $1 AND finished_at IS NULL', [id, count]);
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
    const [row] = await this.db.query<JobRow>(
      `SELECT ${COLUMNS}, ${abandonedSql(3)} FROM refresh_jobs WHERE user_id = $2 AND id = $1`, [id, userId, this.abandonedAfterMs],
    );
    return row ? toJob(row) : null;
  }
}
