import type { RefreshJob } from '@hub/contracts';
import { todayUtc } from '../domain/dates';
import { buildSnapshot } from '../domain/snapshot';
import { nextTaxPeriod } from '../domain/tax-calendar';
import type { ClientsRepo } from '../adapters/store/clients-repo';
import type { RefreshJobsRepo } from '../adapters/store/refresh-jobs-repo';
import type { CompanyTarget, SnapshotsRepo } from '../adapters/store/snapshots-repo';
import { SourceError, type AccountingSource } from '../ports/accounting-source';
import type { Clock } from '../ports/clock';
import { NotFoundError } from '../errors';
import { envRef } from './links';

export interface RefreshServiceDeps {
  source: AccountingSource;
  snapshots: SnapshotsRepo;
  clients: ClientsRepo;
  jobs: RefreshJobsRepo;
  clock: Clock;
  /** Companies refreshed at once across all environments (per-environment limits live in the connector). */
  concurrency: number;
  onError?: (err: unknown, target: CompanyTarget) => void;
}

/** Runs `fn` over `items` with at most `limit` in flight; never rejects. */
async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Reads companies from Business Central and stores their snapshots; one failure never spoils the others. */
export class RefreshService {
  private readonly running = new Set<Promise<void>>();
  constructor(private readonly d: RefreshServiceDeps) {}

  /** Refreshes one company; returns whether it succeeded. A failure keeps the last good snapshot. */
  async refreshTarget(t: CompanyTarget): Promise<boolean> {
    const now = this.d.clock.now();
    const today = todayUtc(now);
    try {
      const data = await this.d.source.readCompany(envRef(t), { bcCompanyId: t.bcCompanyId, name: t.companyName }, { today, taxPeriod: nextTaxPeriod(today, t.tax) });
      await this.d.snapshots.saveSuccess(t.companyId, data.currency, buildSnapshot(data, today, t.tax), now);
      return true;
    } catch (err) {
      const known = err instanceof SourceError;
      if (!known) this.d.onError?.(err, t);
      await this.d.snapshots.saveFailure(t.companyId, known ? err.kind : 'upstream', known ? err.message : 'The refresh failed unexpectedly; the error was logged.', now);
      return false;
    }
  }

  async refreshCompany(userId: string, companyId: string): Promise<void> {
    const [target] = await this.d.snapshots.targets(userId, [companyId]);
    if (!target) throw new NotFoundError('Company');
    await this.refreshTarget(target);
  }

  /** Starts refreshing the user's companies (all, or a selection) in the background; progress via job(). */
  async start(userId: string, companyIds?: readonly string[]): Promise<RefreshJob> {
    if (!companyIds) await this.discoverCompanies(userId);
    const targets = await this.d.snapshots.targets(userId, companyIds);
    const job = await this.d.jobs.create(userId, targets.length);
    const run = forEachBounded(targets, this.d.concurrency, async (t) => {
      const ok = await this.refreshTarget(t);
      await this.d.jobs.progress(job.id, ok);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job;
  }

  /** Picks up companies added or renamed in Business Central since the client was saved. */
  private async discoverCompanies(userId: string): Promise<void> {
    const clients = await this.d.clients.list(userId);
    await forEachBounded(clients, this.d.concurrency, async (c) => {
      const companies = await this.d.source.listCompanies(envRef(c));
      await this.d.clients.syncCompanies(c.id, companies);
    });
  }

  async job(userId: string, id: string): Promise<RefreshJob> {
    const job = await this.d.jobs.get(userId, id);
    if (!job) throw new NotFoundError('Refresh job');
    return job;
  }

  /** Waits for background refreshes (tests, graceful shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
