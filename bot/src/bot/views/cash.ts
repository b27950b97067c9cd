import type { CompanyDetails, DashboardRow } from '@hub/contracts';
import { renderListCard, type ListSection } from '../cards/cards';
import { fitted, md, type CardJson } from '../cards/render';
import type { BotDeps, Turn } from '../context';
import { formatDate, formatMoney } from '../format/format';
import { asOfFooter, currencyFacts, dashboardButton, refreshButton, rowStatus, unavailable } from './common';
import { companyLabel, scopeLabel, type ViewRef } from './scope';

const MAX_ACCOUNT_LINES = 20;

function forecastLow(d: CompanyDetails, locale: string): string | undefined {
  const weeks = d.forecast?.weeks ?? [];
  if (weeks.length === 0) return undefined;
  const low = weeks.reduce((a, b) => (b.closing.minor < a.closing.minor ? b : a));
  return `13-week forecast low: ${formatMoney(low.closing, locale)} in the week of ${formatDate(low.weekStart, locale)}`;
}

function cashLine(r: DashboardRow, locale: string): string {
  const missing = unavailable(r, 'cash');
  if (missing) return `Cash unavailable: ${missing}`;
  return r.kpis ? `Cash and bank: ${formatMoney(r.kpis.cash, locale)}` : 'No balances yet.';
}

/** Cash and bank balances per company, with the 13-week forecast's lowest point. */
export function cashCard(view: ViewRef, rows: DashboardRow[], details: CompanyDetails[], turn: Turn, deps: BotDeps): CardJson {
  const name = scopeLabel(view.scope, rows);
  const perSection = Math.max(3, Math.floor(MAX_ACCOUNT_LINES / Math.max(1, details.length)));
  const render = (limit: number): CardJson => {
    const sections: ListSection[] = details.map((d) => {
      const shown = d.cashAccounts.slice(0, Math.min(limit, perSection));
      const status = rowStatus(d.row, turn);
      const low = forecastLow(d, turn.locale);
      return {
        name: companyLabel(d.row), showName: true,
        meta: [cashLine(d.row, turn.locale), low].filter(Boolean).join(' · '),
        ...(status ? { status } : {}),
        lines: shown.map((a) => ({
          label: md`**${a.number}** · ${a.name}`, when: 'G/L account', amount: formatMoney(a.balance, turn.locale),
          url: a.bcUrl, tooltip: `Open account ${a.number} in Business Central`,
        })),
        ...(d.cashAccounts.length > shown.length ? { more: `and ${d.cashAccounts.length - shown.length} more accounts` } : {}),
        bcUrl: d.row.bcUrl,
      };
    });
    return renderListCard({
      title: `Cash: ${name}`,
      subtitle: 'Balances of the cash and bank G/L accounts, in each company’s currency.',
      facts: [], sections,
      totalsTitle: 'Cash by currency (never added across currencies)',
      totals: currencyFacts('Total', rows.flatMap((r) => (r.kpis && !unavailable(r, 'cash') ? [r.kpis.cash] : [])), turn.locale),
      footer: asOfFooter(rows, turn),
      execute: [refreshButton(view)],
      open: dashboardButton(deps.dashboardUrl()),
    });
  };
  return fitted(render, MAX_ACCOUNT_LINES);
}
