import { countedRows, type DashboardRow } from '@hub/contracts';
import type { TaxWindow } from '../intents/intent';

/** What an answer covers: everything, one client (all its companies) or one company. */
export type Scope = { type: 'all' } | { type: 'client'; id: string } | { type: 'company'; id: string };

export type ViewKind = 'summary' | 'overdue-invoices' | 'overdue-bills' | 'owes' | 'cash' | 'taxes';

/** A card the bot can draw again (card buttons carry it; never trusted: rows are always the user's own). */
export interface ViewRef {
  kind: ViewKind;
  scope: Scope;
  window?: TaxWindow;
}

/**
 * The rows an answer covers, one per Business Central company: a company the dashboard shows under two clients is
 * listed and counted once (under the client the dashboard counts it for, or the one asked about).
 */
export function rowsIn(scope: Scope, rows: readonly DashboardRow[]): DashboardRow[] {
  if (scope.type === 'all') return countedRows(rows);
  return countedRows(rows.filter((r) => (scope.type === 'client' ? r.clientId === scope.id : r.companyId === scope.id)));
}

/** "also under Contoso Holdings (counted once)" for a company the dashboard shows under other clients too (plain text). */
export function alsoUnder(r: DashboardRow): string | null {
  const others = r.sameCompany?.others ?? [];
  return others.length ? `also under ${others.map((o) => o.clientName).join(', ')} (counted once)` : null;
}

/** "Contoso Ltd", "Contoso Retail Ltd (Contoso Ltd)", "all your clients". */
export function scopeLabel(scope: Scope, rows: readonly DashboardRow[]): string {
  const first = rows[0];
  if (scope.type === 'all' || !first) return 'all your clients';
  if (scope.type === 'client') return first.clientName;
  return companyLabel(first);
}

export function companyLabel(r: Pick<DashboardRow, 'clientName' | 'companyName'>): string {
  return r.companyName === r.clientName ? r.companyName : `${r.companyName} (${r.clientName})`;
}

export function isViewRef(v: unknown): v is ViewRef {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  const s = o.scope as Record<string, unknown> | undefined;
  const kinds: readonly string[] = ['summary', 'overdue-invoices', 'overdue-bills', 'owes', 'cash', 'taxes'];
  return typeof o.kind === 'string' && kinds.includes(o.kind) && !!s && typeof s === 'object'
    && (s.type === 'all' || ((s.type === 'client' || s.type === 'company') && typeof s.id === 'string'));
}
