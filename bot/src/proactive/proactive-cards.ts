import type { DocumentLine, Money } from '@hub/contracts';
import { renderListCard, renderMessageCard, type ListSection } from '../bot/cards/cards';
import { fitted, md, type CardJson } from '../bot/cards/render';
import { formatDate, formatMoney, plural } from '../bot/format/format';
import { HubBot } from '../bot/hub-bot';
import { currencyFacts, dashboardButton, SHOW_VERB } from '../bot/views/common';
import { companyLabel, type ViewRef } from '../bot/views/scope';
import { cardAttachment, type ProactiveRenderer, type RenderContext } from './render-context';

const turnOf = (ctx: RenderContext) => ({ userId: ctx.userId, locale: ctx.locale, timeZone: ctx.timeZone, now: ctx.now });
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const MAX_ALERT_LINES = 12;

/**
 * The morning summary: drawn at send time from the latest snapshots with the chat "summary" card, so
 * its Refresh button (Action.Execute) updates it in place through the bot's existing handler.
 */
export const renderSummary: ProactiveRenderer = async (payload, ctx) => {
  const rows = await ctx.deps.svc.dashboard.rows(ctx.userId);
  if (rows.length === 0) return null;
  const day = typeof payload.localDate === 'string' ? formatDate(payload.localDate, ctx.locale) : null;
  const note = `Good morning! Your clients${day ? ` on ${day}` : ''}: overdue invoices and bills, taxes due soon and cash per company.`;
  return cardAttachment(await new HubBot(ctx.deps).render({ kind: 'summary', scope: { type: 'all' } }, turnOf(ctx), note));
};

interface AlertCompany { companyId: string; sales: string[]; purchases: string[] }

function alertCompanies(v: unknown): AlertCompany[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c) => {
    if (!c || typeof c !== 'object') return [];
    const o = c as Record<string, unknown>;
    return typeof o.companyId === 'string' ? [{ companyId: o.companyId, sales: strings(o.sales), purchases: strings(o.purchases) }] : [];
  });
}

const alertLine = (d: DocumentLine, noun: string, locale: string) => ({
  label: md`**${d.number}** · ${d.party} (${noun})`,
  when: `Due ${formatDate(d.dueDate, locale)} · ${plural(d.daysOverdue, 'day')} overdue`,
  amount: formatMoney(d.amount, locale),
  url: d.bcUrl,
  tooltip: `Open ${d.number} in Business Central`,
});

/**
 * Newly overdue invoices and bills of one client, grouped per company. Drawn from the current snapshot:
 * documents paid since the alert was queued drop out, and nothing is sent when none is left.
 */
export const renderOverdueAlert: ProactiveRenderer = async (payload, ctx) => {
  const clientId = typeof payload.clientId === 'string' ? payload.clientId : null;
  const companies = alertCompanies(payload.companies);
  if (!clientId || companies.length === 0) return null;
  const rows = new Map((await ctx.deps.svc.dashboard.rows(ctx.userId)).map((r) => [r.companyId, r]));
  const found: { name: string; lines: ReturnType<typeof alertLine>[]; amounts: Money[]; bcUrl: string }[] = [];
  for (const c of companies) {
    const row = rows.get(c.companyId);
    if (!row || row.clientId !== clientId) continue; // no longer the user's
    const d = await ctx.deps.svc.dashboard.details(ctx.userId, c.companyId);
    const sales = new Set(c.sales);
    const purchases = new Set(c.purchases);
    const docs = [
      ...d.overdueSales.filter((l) => sales.has(l.id)).map((l) => ({ l, noun: 'invoice' })),
      ...d.overduePurchases.filter((l) => purchases.has(l.id)).map((l) => ({ l, noun: 'bill' })),
    ].sort((a, b) => b.l.daysOverdue - a.l.daysOverdue);
    if (docs.length === 0) continue;
    found.push({ name: companyLabel(row), lines: docs.map((x) => alertLine(x.l, x.noun, ctx.locale)), amounts: docs.map((x) => x.l.amount), bcUrl: row.bcUrl });
  }
  if (found.length === 0) return null;
  const clientName = typeof payload.clientName === 'string' ? payload.clientName : (found[0]?.name ?? 'a client');
  const total = found.reduce((n, f) => n + f.lines.length, 0);
  const view = (kind: ViewRef['kind']): ViewRef => ({ kind, scope: { type: 'client', id: clientId } });
  const render = (limit: number): CardJson => {
    const per = Math.max(2, Math.floor(limit / found.length));
    const sections: ListSection[] = found.map((f) => ({
      name: f.name, showName: true, lines: f.lines.slice(0, per), bcUrl: f.bcUrl,
      ...(f.lines.length > per ? { more: `and ${f.lines.length - per} more` } : {}),
    }));
    return renderListCard({
      title: `Newly overdue: ${clientName}`,
      subtitle: `${plural(total, 'document')} became overdue since my last alert.`,
      facts: [],
      sections,
      totalsTitle: 'Newly overdue, by currency',
      totals: currencyFacts('Amount', found.flatMap((f) => f.amounts), ctx.locale),
      footer: 'Turn these alerts off with “turn off overdue alerts”.',
      execute: [
        { title: 'All overdue invoices', verb: SHOW_VERB, data: { view: view('overdue-invoices') } },
        { title: 'All overdue bills', verb: SHOW_VERB, data: { view: view('overdue-bills') } },
      ],
      open: dashboardButton(ctx.deps.dashboardUrl()),
    });
  };
  return cardAttachment(fitted(render, MAX_ALERT_LINES));
};

function money(v: unknown): Money | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return typeof o.currency === 'string' && typeof o.minor === 'number' ? { currency: o.currency, minor: o.minor } : null;
}

/** A tax estimate coming due in N days for one company (drawn from the payload; the company must still be the user's). */
export const renderTaxAlert: ProactiveRenderer = async (payload, ctx) => {
  const companyId = typeof payload.companyId === 'string' ? payload.companyId : null;
  const dueDate = typeof payload.dueDate === 'string' ? payload.dueDate : null;
  const amount = money(payload.amount);
  if (!companyId || !dueDate || !amount) return null;
  const row = (await ctx.deps.svc.dashboard.rows(ctx.userId)).find((r) => r.companyId === companyId);
  if (!row) return null;
  const current = row.kpis?.taxDue;
  if (current && current.dueDate !== dueDate) return null; // the period moved on (filed, or settings changed)
  const shown = current?.amount ?? amount;
  const days = typeof payload.daysBefore === 'number' ? payload.daysBefore : null;
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days !== null ? `in ${days} days` : `on ${formatDate(dueDate, ctx.locale)}`;
  const view: ViewRef = { kind: 'taxes', scope: { type: 'client', id: row.clientId } };
  return cardAttachment(renderMessageCard({
    title: `Tax due ${when}: ${companyLabel(row)}`,
    paragraphs: [md`The estimated tax of **${formatMoney(shown, ctx.locale)}** is due on **${formatDate(dueDate, ctx.locale)}**.`, 'This is an estimate from posted documents; check the return in Business Central.'],
    facts: [{ title: 'Due', value: formatDate(dueDate, ctx.locale) }, { title: 'Estimate', value: formatMoney(shown, ctx.locale) }],
    choices: [],
    execute: [{ title: 'Taxes for this client', verb: SHOW_VERB, data: { view } }],
    open: [{ title: 'Open in Business Central', url: row.bcUrl }, ...dashboardButton(ctx.deps.dashboardUrl())],
  }));
};
