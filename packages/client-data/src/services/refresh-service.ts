import type { RefreshJob } from '@hub/contracts';
import { todayUtc } from '../domain/dates';
import { buildSnapshot } from '../domain/snapshot';
import { nextTaxPeriod } from '../domain/tax-calendar';
import type { ClientsRepo } from '../adapters/store/clients-repo';
import { DEFAULT_JOB_TIMINGS, type RefreshJobsRepo } from '../adapters/store/refresh-jobs-repo';
import type { CompanyTarget, RefreshOutcome, SnapshotsRepo } from '../adapters/store/snapshots-repo';
import { SourceError, type AccountingSource, type RemoteCompany } from '../ports/accounting-source';
import type { Clock } from '../ports/clock';
import { NotFoundError } from '../errors';
import type { SsoAssertion } from '../domain/client-url';
import { sharedCompaniesOf } from '../domain/shared-companies';
import { envRef } from './links';
import { OutcomeWriter, type OutcomeBatch } from './outcome-writer';

export interface RefreshServiceDeps {
  source: AccountingSource;
  snapshots: SnapshotsRepo;
  clients: ClientsRepo;
  jobs: RefreshJobsRepo;
  clock: Clock;
  /** Companies refreshed at once across all environments (per-environment limits live in the connector). */
  concurrency: number;
  /** An unexpected failure: reading a company (`target`), or a job's own bookkeeping (the store is down). */
  onError?: (err: unknown, target?: CompanyTarget) => void;
  /** How often a running job tells other instances it is alive (default DEFAULT_JOB_TIMINGS.heartbeatMs). */
  heartbeatMs?: number;
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

/**
 * Groups targets by environment and runs `fn` once per group: all companies of an environment start together (the
 * connector packs their reads into shared `$batch` requests within that environment's limits) and are stored
 * together; environments run side by side while at most `limit` companies are in flight (a larger environment
 * still starts alone). Groups start one turn of the event loop apart, so the first environment's requests go out
 * while the next ones are being set up instead of after all of them. `started` resolves once every group has started,
 * `done` once all have finished; neither rejects.
 */
function forEachEnvironment<T extends { bcOrigin: string; bcTenant: string; bcEnvironment: string }>(
  items: readonly T[], limit: number, fn: (group: T[]) => Promise<void>,
): { started: Promise<void>; done: Promise<void> } {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const key = `${t.bcOrigin}|${t.bcTenant}|${t.bcEnvironment}`.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const all: Promise<void>[] = [];
  const started = (async () => {
    for (const group of groups.values()) {
      while (inFlight > 0 && inFlight + group.length > limit) await new Promise<void>((r) => (wake = r));
      inFlight += group.length;
      all.push(fn(group).catch(() => undefined).finally(() => {
        inFlight -= group.length;
        const w = wake;
        wake = undefined;
        w?.();
      }));
      if (all.length < groups.size) await new Promise<void>((r) => setImmediate(r));
    }
  })();
  return { started, done: started.then(() => Promise.all(all)).then(() => undefined) };
}

/**
 * Resolves once requests queued in this turn are on the wire, so a store query (which holds the thread) does not
 * delay them: the batch scheduler sends from a setImmediate, and undici writes a request on a reused keep-alive
 * socket from a setImmediate of its own (it first lets the socket report a close); hence three turns of the check
 * phase. Only an ordering for speed: nothing depends on it for correctness.
 */
const afterRequestsAreOut = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(() => setImmediate(resolve))));

/** Reads companies from Business Central and stores their snapshots; one failure never spoils the others. */
export class RefreshService {
  private readonly running = new Set<Promise<void>>();
  /** Jobs this instance runs, heartbeated together while any runs (also while every read waits on Business Central). */
  private readonly beating = new Set<string>();
  private beat: NodeJS.Timeout | null = null;
  /** Groups of companies being read: their outcomes may join the next write. */
  private reading = 0;
  private readonly writer = new OutcomeWriter((batches) => this.store(batches), { moreComing: () => this.reading > 0 });
  constructor(private readonly d: RefreshServiceDeps) {}

  /** Reads one company; a failure becomes an outcome that records why (the last good snapshot stays). */
  private async read(t: CompanyTarget, now: Date, userId?: string, assertion?: SsoAssertion): Promise<RefreshOutcome> {
    const today = todayUtc(now);
    try {
      const access = { clientId: t.clientId, ...(userId ? { userId } : {}), ...(assertion ? { assertion } : {}) };
      const data = await this.d.source.readCompany({ ...envRef(t), access }, { bcCompanyId: t.bcCompanyId, name: t.companyName }, { today, taxPeriod: nextTaxPeriod(today, t.tax) });
      return { companyId: t.companyId, currency: data.currency, snapshot: buildSnapshot(data, today, t.tax) };
    } catch (err) {
      const known = err instanceof SourceError;
      if (!known) this.d.onError?.(err, t);
      return { companyId: t.companyId, error: { kind: known ? err.kind : 'upstream', message: known ? err.message : 'The refresh failed unexpectedly; the error was logged.' } };
    }
  }

  /**
   * Refreshes companies (typically one environment's) and stores them together (write-behind with whatever other
   * environments finish meanwhile); returns how many succeeded and failed. `assertion` is the SSO token of the user
   * who asked (on-behalf-of); without it delegated access uses the user's cached tokens. `jobId` counts them there,
   * in the same transaction.
   */
  async refreshTargets(targets: readonly CompanyTarget[], userId?: string, assertion?: SsoAssertion, jobId?: string): Promise<{ ok: number; failed: number }> {
    const now = this.d.clock.now();
    this.reading += 1;
    let outcomes: RefreshOutcome[];
    try {
      outcomes = await Promise.all(targets.map((t) => this.read(t, now, userId, assertion)));
    } finally {
      this.reading -= 1;
    }
    await this.writer.write({ outcomes, ...(jobId ? { jobId } : {}) });
    const failed = outcomes.filter((o) => 'error' in o).length;
    return { ok: outcomes.length - failed, failed };
  }

  private async store(batches: readonly OutcomeBatch[]): Promise<void> {
    const progress = new Map<string, { ok: number; failed: number }>();
    for (const { outcomes, jobId } of batches) {
      if (!jobId) continue;
      const p = progress.get(jobId) ?? { ok: 0, failed: 0 };
      for (const o of outcomes) {
        if ('error' in o) p.failed += 1;
        else p.ok += 1;
      }
      progress.set(jobId, p);
    }
    await this.d.snapshots.saveOutcomes(batches.flatMap((b) => b.outcomes), this.d.clock.now(), async (tx) => {
      for (const [id, p] of progress) await this.d.jobs.progress(id, p.ok, p.failed, tx);
    });
  }

  async refreshCompany(userId: string, companyId: string, assertion?: SsoAssertion): Promise<void> {
    const [target] = await this.d.snapshots.targets(userId, [companyId]);
    if (!target) throw new NotFoundError('Company');
    await this.refreshTargets([target], userId, assertion);
  }

  /**
   * Starts refreshing the user's companies (all, or a selection) in the background; progress via job(). "Refresh
   * all" also asks each client's Business Central for its company list, beside the reads of the companies already
   * known (so it costs no extra round trip); companies it adds are read as soon as they are found.
   */
  async start(userId: string, companyIds?: readonly string[], assertion?: SsoAssertion): Promise<RefreshJob> {
    const targets = await this.d.snapshots.targets(userId, companyIds);
    // One running job per user, on whichever instance: a second start (a double click, another tab, 25 at once) gets it.
    const { job, created } = await this.d.jobs.start(userId, targets.length);
    if (!created) return job;
    const stopBeating = this.heartbeat(job.id);
    // "Refresh all" asks each client's company list with the first reads of its environment, so the list rides in
    // the same `$batch` requests.
    const lists = new Map<string, Promise<RemoteCompany[]>>();
    const readAll = (list: readonly CompanyTarget[], askLists: boolean) =>
      forEachEnvironment(list, this.d.concurrency, async (group) => {
        if (askLists) for (const t of group) if (!lists.has(t.clientId)) lists.set(t.clientId, this.listCompanies(userId, { id: t.clientId, ...t }, assertion));
        await this.refreshTargets(group, userId, assertion, job.id);
      });
    const run = (async () => {
      const known = readAll(targets, !companyIds);
      if (!companyIds) {
        await known.started;
        const changed = await this.discoverCompanies(userId, lists, assertion);
        const before = new Set(targets.map((t) => t.companyId));
        const added = changed ? (await this.d.snapshots.targets(userId)).filter((t) => !before.has(t.companyId)) : [];
        if (added.length > 0) {
          await this.d.jobs.addToTotal(job.id, added.length);
          await readAll(added, false).done;
        }
      }
      await known.done;
    })().catch((err: unknown) => this.d.onError?.(err))
      .finally(() => this.d.jobs.finish(job.id).catch((err: unknown) => this.d.onError?.(err)))
      .finally(stopBeating);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job;
  }

  /** Keeps `jobId` alive for other instances until the returned function is called. */
  private heartbeat(jobId: string): () => void {
    this.beating.add(jobId);
    if (!this.beat) {
      this.beat = setInterval(() => {
        void this.d.jobs.heartbeat([...this.beating]).catch((err: unknown) => this.d.onError?.(err));
      }, this.d.heartbeatMs ?? DEFAULT_JOB_TIMINGS.heartbeatMs);
      this.beat.unref();
    }
    return () => {
      this.beating.delete(jobId);
      if (this.beating.size === 0 && this.beat) {
        clearInterval(this.beat);
        this.beat = null;
      }
    };
  }

  /** A client's company list; a failure is awaited (and reported) where the list is used. */
  private listCompanies(userId: string, c: { id: string; bcOrigin: string; bcTenant: string; bcEnvironment: string }, assertion?: SsoAssertion): Promise<RemoteCompany[]> {
    const asked = this.d.source.listCompanies({ ...envRef(c), access: { clientId: c.id, userId, ...(assertion ? { assertion } : {}) } });
    asked.catch(() => undefined); // a client deleted meanwhile is never awaited
    return asked;
  }

  /**
   * Picks up companies added or renamed in Business Central since the client was saved; returns whether any client's
   * company list changed. `asked` holds the lists already asked for with the reads; the clients' saved details are
   * read from the store only after those requests are out (an embedded store's query holds the thread).
   */
  private async discoverCompanies(userId: string, asked: ReadonlyMap<string, Promise<RemoteCompany[]>>, assertion?: SsoAssertion): Promise<boolean> {
    await afterRequestsAreOut();
    let changed = false;
    const clients = await this.d.clients.list(userId);
    await forEachBounded(clients, this.d.concurrency, async (c) => {
      // Only the companies the client shares: an invitation that named some must not grow back to all of them.
      const companies = sharedCompaniesOf(c, await (asked.get(c.id) ?? this.listCompanies(userId, c, assertion)));
      // Writing only what changed keeps "Refresh all" from rewriting every client's company list.
      const known = new Map(c.companies.map((k) => [k.bcCompanyId, k.name]));
      const same = companies.length === known.size && companies.every((k) => known.get(k.bcCompanyId) === k.name);
      if (!same) {
        await this.d.clients.syncCompanies(c.id, companies);
        changed = true;
      }
    });
    return changed;
  }


  /**
   * Background refresh: re-reads companies whose figures are older than `maxAgeMs` (at most `limit` per call), as
   * one of their users, so the morning summary and the alerts work from current data. Returns how many were read.
   */
  async refreshStale(maxAgeMs: number, limit: number): Promise<{ ok: number; failed: number }> {
    const stale = await this.d.snapshots.staleTargets(new Date(this.d.clock.now().getTime() - maxAgeMs), limit);
    const byUser = new Map<string, CompanyTarget[]>();
    for (const { userId, ...t } of stale) byUser.set(userId, [...(byUser.get(userId) ?? []), t]);
    const total = { ok: 0, failed: 0 };
    for (const [userId, targets] of byUser) {
      await forEachEnvironment(targets, this.d.concurrency, async (group) => {
        const r = await this.refreshTargets(group, userId);
        total.ok += r.ok;
        total.failed += r.failed;
      }).done;
    }
    return total;
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
