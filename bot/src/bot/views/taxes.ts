import type { DashboardRow, TaxSettings } from '@hub/contracts';
import { renderListCard } from '../cards/cards';
import { fitted, md, type CardJson } from '../cards/render';
import type { BotDeps, Turn } from '../context';
import { formatDate, formatMoney, plural } from '../format/format';
import type { TaxWindow } from '../intents/intent';
import { asOfFooter, currencyFacts, dashboardButton, refreshButton, unavailable } from './common';
import { companyLabel, scopeLabel, type ViewRef } from './scope';

const MAX_TAX_LINES = 20;
const DAY = 86_400_000;

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The due-date range of a window, inclusive, as ISO dates (UTC calendar). */
export function windowRange(window: TaxWindow, now: Date): { from: string; to: string; label: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (window === 'this-month') return { from: iso(new Date(Date.UTC(y, m, 1))), to: iso(new Date(Date.UTC(y, m + 1, 0))), label: 'this month' };
  if (window === 'next-month') return { from: iso(new Date(Date.UTC(y, m + 1, 1))), to: iso(new Date(Date.UTC(y, m + 2, 0))), label: 'next month' };
  if (window === 'this-week') {
    const dow = (now.getUTCDay() + 6) % 7;
    const monday = Date.UTC(y, m, now.getUTCDate()) - dow * DAY;
    return { from: iso(new Date(monday)), to: iso(new Date(monday + 6 * DAY)), label: 'this week' };
  }
  return { from: '0000-01-01', to: '9999-12-31', label: 'coming up' };
}

const regimeName = (t: TaxSettings | undefined) => (t?.regime === 'sales_tax' ? 'Sales tax' : t?.regime === 'vat' ? 'VAT' : 'Tax');

function inDays(due: string, now: Date): string {
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) / DAY);
  if (days === 0) return 'due today';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} late`;
}

/** Tax estimates coming due, soonest first, with totals per currency. */
export function taxesCard(view: ViewRef, rows: DashboardRow[], taxOf: (clientId: string) => TaxSettings | undefined, turn: Turn, deps: BotDeps): CardJson {
  const range = windowRange(view.window ?? 'upcoming', turn.now);
  const due = rows
    .filter((r) => r.kpis?.taxDue && r.kpis.taxDue.dueDate >= range.from && r.kpis.taxDue.dueDate <= range.to)
    .sort((a, b) => (a.kpis?.taxDue?.dueDate ?? '').localeCompare(b.kpis?.taxDue?.dueDate ?? ''));
  const excluded = due.reduce((n, r) => n + (r.kpis?.taxDue?.foreignDocumentsExcluded ?? 0), 0);
  const unknown = rows.filter((r) => unavailable(r, 'taxDue'));
  const name = scopeLabel(view.scope, rows);
  const render = (limit: number): CardJson => {
    const shown = due.slice(0, limit);
    return renderListCard({
      title: `Taxes due ${range.label}: ${name}`,
      subtitle: due.length === 0 ? `No tax payments due ${range.label}.` : `${plural(due.length, 'payment')} due ${range.label}, soonest first. Amounts are estimates from posted documents.`,
      ...(excluded > 0 || unknown.length > 0 ? { note: [
        excluded > 0 ? `${plural(excluded, 'document')} in another currency ${excluded === 1 ? 'is' : 'are'} left out of the estimates, not converted.` : '',
        unknown.length > 0 ? `No estimate for ${unknown.map((r) => companyLabel(r)).join(', ')}: ${unavailable(unknown[0] as DashboardRow, 'taxDue') ?? ''}` : '',
      ].filter(Boolean).join(' ') } : {}),
      facts: [],
      sections: due.length === 0 ? [] : [{
        name: 'Payments', showName: false,
        lines: shown.map((r) => {
          const t = r.kpis?.taxDue as NonNullable<NonNullable<DashboardRow['kpis']>['taxDue']>;
          return {
            label: md`**${companyLabel(r)}** · ${regimeName(taxOf(r.clientId))}`,
            when: `Due ${formatDate(t.dueDate, turn.locale)} (${inDays(t.dueDate, turn.now)}) · period ${formatDate(t.periodStart, turn.locale)} – ${formatDate(t.periodEnd, turn.locale)}`,
            amount: formatMoney(t.amount, turn.locale), url: r.bcUrl, tooltip: `Open ${r.companyName} in Business Central`,
          };
        }),
        ...(due.length > shown.length ? { more: `and ${due.length - shown.length} more` } : {}),
      }],
      totalsTitle: 'Taxes by currency (never added across currencies)',
      totals: currencyFacts('Total', due.flatMap((r) => (r.kpis?.taxDue ? [r.kpis.taxDue.amount] : [])), turn.locale),
      footer: asOfFooter(rows, turn),
      execute: [refreshButton(view)],
      open: dashboardButton(deps.dashboardUrl()),
    });
  };
  return fitted(render, MAX_TAX_LINES);
}
