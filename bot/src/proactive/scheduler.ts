import { randomUUID } from 'node:crypto';
import type { PlanCounts, ProactivePlanner, ProactiveRepo } from '@hub/client-data';
import type { BotLogger } from '../bot/context';
import type { ProactiveSender, SenderStats } from './sender';

const LEASE_NAME = 'proactive-scheduler';

/**
 * The scheduler loop: every `intervalMs`, the one instance holding the scheduler lease asks the planner
 * what is due (summaries at each user's local time, alerts from the snapshots) and enqueues it. Keys
 * make a run on two instances harmless anyway; the lease only saves the work. Logs one line per run.
 */
export class ProactiveScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private leader = false;
  private lastStats: SenderStats | null = null;
  readonly owner = `scheduler-${randomUUID()}`;

  constructor(private readonly d: {
    planner: ProactivePlanner; repo: ProactiveRepo; sender: ProactiveSender | null; log: BotLogger; intervalMs: number;
    /** Re-reads companies whose figures are old, before planning (so summaries and alerts use current data). */
    refreshStale?: () => Promise<{ ok: number; failed: number }>;
  }) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running ??= this.runOnce().then(() => undefined).catch((err: unknown) => this.d.log.error({ err }, 'proactive scheduler run failed')).finally(() => {
        this.running = null;
      });
    };
    this.timer = setInterval(tick, this.d.intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    if (this.leader) await this.d.repo.releaseLease(LEASE_NAME, this.owner).catch(() => undefined);
    this.leader = false;
  }

  /** One run: takes the lease (or returns null while another instance holds it), plans, logs counts. */
  async runOnce(): Promise<PlanCounts | null> {
    const wasLeader = this.leader;
    this.leader = await this.d.repo.tryLease(LEASE_NAME, this.owner, this.d.intervalMs * 3);
    if (!this.leader) return null;
    const started = Date.now();
    const refreshed = this.d.refreshStale ? await this.d.refreshStale() : { ok: 0, failed: 0 };
    // The first run as leader checks every user's alerts; later runs only users whose dashboard or day changed.
    const counts = await this.d.planner.run({ full: !wasLeader });
    const queued = counts.summaries + counts.overdueAlerts + counts.taxAlerts;
    if (queued > 0) this.d.sender?.kick();
    const s = this.d.sender?.stats;
    const delta = s ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v - ((this.lastStats as Record<string, number> | null)?.[k] ?? 0)])) : {};
    this.lastStats = s ? { ...s } : null;
    this.d.log.info({ ...counts, queued, refreshed: refreshed.ok, refreshFailed: refreshed.failed, ...delta, ms: Date.now() - started }, 'proactive run');
    return counts;
  }
}
