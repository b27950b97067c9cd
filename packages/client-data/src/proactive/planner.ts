import type { Db } from '../adapters/store/db';
import type { OutboxMessage, OutboxRepo } from '../adapters/store/outbox-repo';
import type { ProactiveRepo, ProactiveUser } from '../adapters/store/proactive-repo';
import { DETAIL_LIST_LIMIT } from '../domain/snapshot';
import { groupSameCompanies } from '../domain/company-identity';
import type { Clock } from '../ports/clock';
import { dueTaxAlert, overdueAlertKey, planOverdueAlerts, taxAlertKey } from './alerts';
import { dueSummary, localParts, summaryKey } from './schedule';

export interface PlannerOptions {
  /** How late a missed summary may still be sent (default 2 h). */
  summaryGraceMs?: number;
  /** Days before a tax due date to alert (default 7 and 1). */
  taxLeadDays?: readonly number[];
}

/** What one scheduler run queued. */
export interface PlanCounts { users: number; checked: number; summaries: number; overdueAlerts: number; taxAlerts: number }

/**
 * The proactive use case: for each reachable user, enqueue the morning summary when due (their local
 * time) and alerts found in the stored snapshots. Every message has a deterministic key, so running it
 * twice, or on two instances, queues each card once. Alert detection per user runs again only when the
 * user's dashboard changed or their local date did (or on `full` runs, e.g. the first after start).
 */
export class ProactivePlanner {
  private readonly lastSeen = new Map<string, string>();

  constructor(private readonly d: { db: Db; outbox: OutboxRepo; repo: ProactiveRepo; clock: Clock; options?: PlannerOptions }) {}

  async run(o: { full?: boolean } = {}): Promise<PlanCounts> {
    const now = this.d.clock.now();
    const counts: PlanCounts = { users: 0, checked: 0, summaries: 0, overdueAlerts: 0, taxAlerts: 0 };
    const users = await this.d.repo.users();
    counts.users = users.length;
    const live = new Set<string>();
    for (const u of users) {
      live.add(u.userId);
      if (u.settings.alerts.summary) {
        const due = dueSummary(u.settings, now, this.d.options?.summaryGraceMs ?? 2 * 3_600_000);
        if (due && await this.d.outbox.enqueue({
          key: summaryKey(u.userId, due.localDate), userId: u.userId, kind: 'summary',
          payload: { localDate: due.localDate, timeZone: u.settings.timeZone }, notBefore: due.at,
        })) counts.summaries++;
      }
      const today = localParts(now, u.settings.timeZone).date;
      const stamp = `${u.dashboardVersion}|${today}|${JSON.stringify(u.settings.alerts)}`;
      if (!o.full && this.lastSeen.get(u.userId) === stamp) continue;
      counts.checked++;
      const r = await this.alertsFor(u, today);
      counts.overdueAlerts += r.overdue;
      counts.taxAlerts += r.tax;
      this.lastSeen.set(u.userId, stamp);
    }
    for (const id of [...this.lastSeen.keys()]) if (!live.has(id)) this.lastSeen.delete(id);
    return counts;
  }

  /** Detects and enqueues one user's alerts, remembering alerted documents in the same transaction. */
  private async alertsFor(u: ProactiveUser, today: string): Promise<{ overdue: number; tax: number }> {
    const { alerts } = u.settings;
    const companies = await this.d.repo.companies(u.userId);
    const alerted = await this.d.repo.alerted(u.userId);
    // A company the dashboard shows under two clients alerts once: from the row that counts (the client added first).
    const silent = new Set(groupSameCompanies(companies).flatMap((g) => g.rows.slice(1).map((r) => r.companyId)));
    const plan = planOverdueAlerts(
      companies.map((c) => ({
        companyId: c.companyId, clientId: c.clientId, clientName: c.clientName, companyName: c.companyName,
        overdueSales: c.salesIds.map((id) => ({ id })), overduePurchases: c.purchaseIds.map((id) => ({ id })),
        // A list cut at the limit, or unavailable (Business Central gave no data), says nothing about what was paid.
        truncated: c.salesIds.length >= DETAIL_LIST_LIMIT || c.purchaseIds.length >= DETAIL_LIST_LIMIT || c.partial, silent: silent.has(c.companyId),
      })),
      alerted,
      { sales: alerts.overdueInvoices, purchases: alerts.overdueBills },
    );
    const messages: OutboxMessage[] = plan.alerts.map((a) => ({
      key: overdueAlertKey(u.userId, a), userId: u.userId, kind: 'overdue_alert',
      payload: { clientId: a.clientId, clientName: a.clientName, companies: a.companies },
    }));
    const overdueCount = messages.length;
    if (alerts.taxDue) {
      for (const c of companies) {
        if (silent.has(c.companyId)) continue;
        const due = dueTaxAlert(c.taxDue, today, this.d.options?.taxLeadDays ?? [7, 1]);
        if (!due || !c.taxDue) continue;
        messages.push({
          key: taxAlertKey(u.userId, c.companyId, c.taxDue.dueDate, due.lead), userId: u.userId, kind: 'tax_alert',
          payload: {
            clientId: c.clientId, clientName: c.clientName, companyId: c.companyId, companyName: c.companyName,
            dueDate: c.taxDue.dueDate, amount: c.taxDue.amount, daysBefore: due.daysLeft, lead: due.lead,
          },
        });
      }
    }
    if (messages.length === 0 && plan.remember.length === 0 && plan.forget.length === 0) return { overdue: 0, tax: 0 };
    return this.d.db.transaction(async (tx) => {
      let overdue = 0;
      let tax = 0;
      for (const [i, m] of messages.entries()) {
        if (await this.d.outbox.enqueue(m, tx)) {
          if (i < overdueCount) overdue++;
          else tax++;
        }
      }
      for (const r of plan.remember) await this.d.repo.remember(u.userId, r.companyId, r.docKeys, tx);
      for (const f of plan.forget) await this.d.repo.forget(u.userId, f.companyId, f.docKeys, tx);
      return { overdue, tax };
    });
  }
}
