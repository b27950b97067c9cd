import type { DashboardRow } from '@hub/contracts';
import { renderListCard } from '../cards/cards';
import { fitted, md, type CardJson } from '../cards/render';
import type { BotDeps, Turn } from '../context';
import { formatDate, formatMoney, plural } from '../format/format';
import { asOfFooter, currencyFacts, dashboardButton, moneyList, refreshButton, unavailable } from './common';
import { alsoUnder, companyLabel, scopeLabel, type ViewRef } from './scope';

export const MAX_SUMMARY_LINES = 15;

/** Companies needing attention first: failed refreshes, then the most overdue money, then names. */
function severity(r: DashboardRow): number {
  if (r.status !== 'ok') return Number.MAX_SAFE_INTEGER;
  return (r.kpis?.overdueSales.count ?? 0) + (r.kpis?.overduePurchases.count ?? 0);
}

function describe(r: DashboardRow, turn: Turn): string {
  const also = alsoUnder(r);
  if (r.status === 'never') return ['Not refreshed yet', ...(also ? [also] : [])].join(' · ');
  const k = r.kpis;
  const parts: string[] = [];
  if (r.status === 'error') parts.push('⚠ Last refresh failed');
  if (k) {
    if (unavailable(r, 'overdueSales')) parts.push('overdue invoices unavailable');
    else parts.push(k.overdueSales.count > 0 ? `${plural(k.overdueSales.count, 'overdue invoice')} (${moneyList(k.overdueSales.amounts, turn.locale)})` : 'no overdue invoices');
    if (unavailable(r, 'overduePurchases')) parts.push('overdue bills unavailable');
    else if (k.overduePurchases.count > 0) parts.push(`${plural(k.overduePurchases.count, 'overdue bill')} (${moneyList(k.overduePurchases.amounts, turn.locale)})`);
    if (unavailable(r, 'taxDue')) parts.push('tax estimate unavailable');
    else if (k.taxDue) parts.push(`tax ${formatMoney(k.taxDue.amount, turn.locale)} due ${formatDate(k.taxDue.dueDate, turn.locale)}`);
  }
  if (also) parts.push(also);
  return parts.join(' · ');
}

/** The portfolio at a glance (or one client's companies): what needs attention, cash per company. */
export function summaryCard(view: ViewRef, rows: DashboardRow[], turn: Turn, deps: BotDeps, note?: string): CardJson {
  const sorted = [...rows].sort((a, b) => severity(b) - severity(a) || a.clientName.localeCompare(b.clientName) || a.companyName.localeCompare(b.companyName));
  const count = (f: (r: DashboardRow) => boolean) => rows.filter(f).length;
  const soon = new Date(turn.now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const facts = [
    { title: 'Companies', value: String(rows.length) },
    { title: 'With overdue invoices', value: String(count((r) => (r.kpis?.overdueSales.count ?? 0) > 0)) },
    { title: 'With overdue bills', value: String(count((r) => (r.kpis?.overduePurchases.count ?? 0) > 0)) },
    { title: 'Tax due within 14 days', value: String(count((r) => !!r.kpis?.taxDue && r.kpis.taxDue.dueDate <= soon)) },
  ];
  const failed = count((r) => r.status !== 'ok');
  if (failed > 0) facts.push({ title: 'Not up to date', value: String(failed) });

  const render = (limit: number): CardJson => {
    const shown = sorted.slice(0, limit);
    return renderListCard({
      title: view.scope.type === 'all' ? 'Summary of your clients' : `Summary: ${scopeLabel(view.scope, rows)}`,
      subtitle: 'Companies needing attention first; the amount on the right is cash and bank.',
      ...(note ? { note } : {}),
      facts,
      sections: [{
        name: 'Companies', showName: false,
        lines: shown.map((r) => ({
          label: md`**${companyLabel(r)}**`, when: describe(r, turn),
          amount: r.kpis && !unavailable(r, 'cash') ? formatMoney(r.kpis.cash, turn.locale) : '–', url: r.bcUrl, tooltip: `Open ${r.companyName} in Business Central`,
        })),
        ...(sorted.length > shown.length ? { more: `and ${sorted.length - shown.length} more` } : {}),
      }],
      totalsTitle: 'Totals by currency (never added across currencies)',
      totals: [
        ...currencyFacts('Overdue invoices', rows.flatMap((r) => r.kpis?.overdueSales.amounts ?? []), turn.locale),
        ...currencyFacts('Overdue bills', rows.flatMap((r) => r.kpis?.overduePurchases.amounts ?? []), turn.locale),
        ...currencyFacts('Cash', rows.flatMap((r) => (r.kpis && !unavailable(r, 'cash') ? [r.kpis.cash] : [])), turn.locale),
      ],
      footer: asOfFooter(rows, turn),
      execute: [refreshButton(view)],
      open: dashboardButton(deps.dashboardUrl()),
    });
  };
  return fitted(render, MAX_SUMMARY_LINES);
}
