import { createHash } from 'node:crypto';
import { daysUntil } from './schedule';

/** An overdue document in a stored snapshot (the fields alert detection needs). */
export interface OverdueDoc { id: string }

/** What one company of a user's looks like to alert detection. */
export interface CompanyAlertInput {
  companyId: string;
  clientId: string;
  clientName: string;
  companyName: string;
  overdueSales: readonly OverdueDoc[];
  overduePurchases: readonly OverdueDoc[];
  /** Whether the snapshot lists were cut at the snapshot limit (then documents missing from them are not "paid"). */
  truncated: boolean;
  /**
   * The same Business Central company counts under another client's row: its documents are remembered (so it can take
   * over without alerting them again) but never alerted from here.
   */
  silent?: boolean;
}

/** Marks a company as seen by alert detection, even when nothing of it was overdue yet. */
export const BASELINE = '#baseline';

export type DocSide = 'sales' | 'purchases';
/** How an alerted document is remembered: side + Business Central id. */
export const docKey = (side: DocSide, id: string) => `${side}:${id}`;

export interface NewlyOverdue {
  clientId: string;
  clientName: string;
  companies: { companyId: string; companyName: string; sales: string[]; purchases: string[] }[];
}

export interface OverduePlan {
  /** One alert per client listing only documents not alerted before (empty when there is nothing new, or the kinds are off). */
  alerts: NewlyOverdue[];
  /** Documents to remember as alerted, per company (every overdue one, even with the kind off, so switching it on later does not flood). */
  remember: { companyId: string; docKeys: string[] }[];
  /** Remembered documents no longer overdue (paid), to forget, per company. */
  forget: { companyId: string; docKeys: string[] }[];
}

/**
 * Which overdue documents are new since the last alert. A company seen for the first time (`alerted`
 * has no entry for it) only sets the baseline: what was overdue before the user had alerts is in the
 * morning summary, not in a burst of alerts.
 */
export function planOverdueAlerts(
  companies: readonly CompanyAlertInput[],
  alerted: ReadonlyMap<string, ReadonlySet<string>>,
  kinds: { sales: boolean; purchases: boolean },
): OverduePlan {
  const byClient = new Map<string, NewlyOverdue>();
  const remember: OverduePlan['remember'] = [];
  const forget: OverduePlan['forget'] = [];
  for (const c of companies) {
    const seen = alerted.get(c.companyId);
    const current = [...c.overdueSales.map((d) => docKey('sales', d.id)), ...c.overduePurchases.map((d) => docKey('purchases', d.id))];
    const fresh = seen ? current.filter((k) => !seen.has(k)) : current;
    if (!seen) remember.push({ companyId: c.companyId, docKeys: [BASELINE, ...current] });
    else if (fresh.length > 0) remember.push({ companyId: c.companyId, docKeys: fresh });
    if (seen && !c.truncated) {
      const now = new Set(current);
      const gone = [...seen].filter((k) => k !== BASELINE && !now.has(k));
      if (gone.length > 0) forget.push({ companyId: c.companyId, docKeys: gone });
    }
    if (!seen || c.silent) continue;
    const sales = kinds.sales ? c.overdueSales.map((d) => d.id).filter((id) => !seen.has(docKey('sales', id))) : [];
    const purchases = kinds.purchases ? c.overduePurchases.map((d) => d.id).filter((id) => !seen.has(docKey('purchases', id))) : [];
    if (sales.length + purchases.length === 0) continue;
    const group = byClient.get(c.clientId) ?? { clientId: c.clientId, clientName: c.clientName, companies: [] };
    group.companies.push({ companyId: c.companyId, companyName: c.companyName, sales, purchases });
    byClient.set(c.clientId, group);
  }
  return { alerts: [...byClient.values()], remember, forget };
}

/** The outbox key of an overdue alert: the same new documents of a client give the same key on any instance. */
export function overdueAlertKey(userId: string, a: NewlyOverdue): string {
  const docs = a.companies.flatMap((c) => [...c.sales.map((id) => `${c.companyId}:s:${id}`), ...c.purchases.map((id) => `${c.companyId}:p:${id}`)]).sort();
  return `overdue_alert:${userId}:${a.clientId}:${createHash('sha256').update(docs.join('\n')).digest('hex').slice(0, 24)}`;
}

export interface TaxDueInput { dueDate: string }

/**
 * The tax alert due for one company, if any: the smallest configured lead (e.g. 7 and 1 days) the
 * due date is within, so an alert at 7 days and another at 1 day; a server started 5 days before
 * still sends the 7-day one (saying "in 5 days"). Past due dates alert no more.
 */
export function dueTaxAlert(tax: TaxDueInput | null | undefined, today: string, leadDays: readonly number[]): { lead: number; daysLeft: number } | null {
  if (!tax) return null;
  const daysLeft = daysUntil(today, tax.dueDate);
  if (daysLeft < 0) return null;
  const lead = [...leadDays].filter((n) => n >= 0).sort((a, b) => a - b).find((n) => daysLeft <= n);
  return lead === undefined ? null : { lead, daysLeft };
}

export const taxAlertKey = (userId: string, companyId: string, dueDate: string, lead: number) => `tax_alert:${userId}:${companyId}:${dueDate}:${lead}`;
