import type { CompanyDetails, DashboardRow, DocumentLine, Money } from '@hub/contracts';
import { renderListCard, type ListSection } from '../cards/cards';
import { fitted, md, type CardJson } from '../cards/render';
import type { BotDeps, Turn } from '../context';
import { formatDate, formatMoney, plural, totalsByCurrency } from '../format/format';
import { asOfFooter, currencyFacts, dashboardButton, moneyList, refreshButton, rowStatus, unavailable } from './common';
import { companyLabel, scopeLabel, type ViewRef } from './scope';

/** Most lines any documents card shows; beyond it "and N more". */
export const MAX_DOCUMENT_LINES = 15;

type Side = 'sales' | 'purchases';

function lineOf(d: DocumentLine, locale: string) {
  return {
    label: md`**${d.number}** · ${d.party}`,
    when: `Due ${formatDate(d.dueDate, locale)} · ${plural(d.daysOverdue, 'day')} overdue`,
    amount: formatMoney(d.amount, locale),
    url: d.bcUrl,
    tooltip: `Open ${d.number} in Business Central`,
  };
}

/** Overdue sales invoices ("overdue invoices"), purchase invoices ("overdue bills") or what a client owes. */
export function documentsCard(view: ViewRef, rows: DashboardRow[], details: CompanyDetails[], turn: Turn, deps: BotDeps): CardJson {
  const side: Side = view.kind === 'overdue-invoices' ? 'sales' : 'purchases';
  const noun = side === 'sales' ? 'invoice' : 'bill';
  const kpi = (r: DashboardRow) => (side === 'sales' ? r.kpis?.overdueSales : r.kpis?.overduePurchases);
  const total = rows.reduce((n, r) => n + (kpi(r)?.count ?? 0), 0);
  const name = scopeLabel(view.scope, rows);
  const perSection = Math.max(3, Math.floor(MAX_DOCUMENT_LINES / Math.max(1, details.length)));

  const render = (limit: number): CardJson => {
    const sections: ListSection[] = details.map((d) => {
      const k = kpi(d.row);
      const lines = [...(side === 'sales' ? d.overdueSales : d.overduePurchases)].sort((a, b) => b.daysOverdue - a.daysOverdue);
      const shown = lines.slice(0, Math.min(limit, perSection));
      const count = Math.max(k?.count ?? 0, lines.length);
      const status = rowStatus(d.row, turn);
      const missing = unavailable(d.row, side === 'sales' ? 'overdueSales' : 'overduePurchases');
      return {
        name: companyLabel(d.row), showName: details.length > 1 || d.row.companyName !== d.row.clientName,
        meta: missing ? `Overdue ${noun}s unavailable: ${missing}`
          : count === 0 ? `No overdue ${noun}s.` : `${plural(count, `overdue ${noun}`)} · ${moneyList(k?.amounts ?? [], turn.locale)} · oldest ${plural(k?.oldestDays ?? 0, 'day')}`,
        ...(status ? { status } : {}),
        lines: shown.map((l) => lineOf(l, turn.locale)),
        ...(count > shown.length && shown.length > 0 ? { more: `and ${count - shown.length} more` } : {}),
        bcUrl: d.row.bcUrl,
      };
    });
    const facts = view.kind === 'owes' ? owesFacts(rows, turn) : [];
    return renderListCard({
      title: view.kind === 'owes' ? `What ${name} owes` : `Overdue ${noun}s: ${name}`,
      subtitle: total === 0 ? `Nothing overdue across ${plural(rows.length, 'company', 'companies')}.` : `${plural(total, `overdue ${noun}`)} across ${plural(rows.length, 'company', 'companies')}, oldest first.`,
      facts, sections,
      ...(total === 0 && rows.every((r) => r.status === 'ok' && !unavailable(r, side === 'sales' ? 'overdueSales' : 'overduePurchases')) ? { empty: `No overdue ${noun}s. 🎉` } : {}),
      totalsTitle: `Overdue ${noun}s by currency (never added across currencies)`,
      totals: currencyFacts('Total', rows.flatMap((r) => kpi(r)?.amounts ?? []), turn.locale),
      footer: asOfFooter(rows, turn),
      execute: [refreshButton(view)],
      open: dashboardButton(deps.dashboardUrl()),
    });
  };
  return fitted(render, MAX_DOCUMENT_LINES);
}

function owesFacts(rows: DashboardRow[], turn: Turn) {
  const dueSoon = rows.flatMap((r) => r.kpis?.purchasesDueNextWeek.amounts ?? []);
  const dueSoonCount = rows.reduce((n, r) => n + (r.kpis?.purchasesDueNextWeek.count ?? 0), 0);
  const unknown = rows.filter((r) => unavailable(r, 'purchasesDueNextWeek')).length;
  const facts = [{
    title: 'Bills due today through 7 days from now',
    value: `${dueSoonCount === 0 ? 'none' : `${dueSoonCount}: ${moneyList(totalsByCurrency(dueSoon), turn.locale)}`}${unknown > 0 ? ` (unavailable for ${plural(unknown, 'company', 'companies')})` : ''}`,
  }];
  const taxed = rows.filter((r) => r.kpis?.taxDue);
  if (taxed.length > 4) {
    facts.push({ title: 'Tax estimates', value: moneyList(totalsByCurrency(taxed.map((r) => r.kpis?.taxDue?.amount as Money)), turn.locale) });
    return facts;
  }
  for (const r of taxed) {
    const t = r.kpis?.taxDue as NonNullable<NonNullable<DashboardRow['kpis']>['taxDue']>;
    facts.push({ title: `Tax estimate${rows.length > 1 ? `, ${r.companyName}` : ''}`, value: `${formatMoney(t.amount, turn.locale)} due ${formatDate(t.dueDate, turn.locale)}` });
  }
  return facts;
}
