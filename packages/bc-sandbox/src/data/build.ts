/** Builds a company's served data (rows, ledger, open items) from its model. Pure; cached by the caller. */
import type { CompanyData, EnumEncoding, OpenItem, Row } from '../types';
import { type ChartAccount, chartOfAccounts } from './chart';
import { type Fx, fxFor } from './fx';
import { type LedgerEntry, balances, lcyPayments, postLedger } from './ledger';
import { type CompanyModel, type Doc, type Party, isPosted } from './model';
import { type RowContext, rowContext } from './row-context';
import { customerRow, vendorRow } from './rows-parties';
import * as docs from './rows-docs';
import * as misc from './rows-misc';

export interface CompanyBook {
  data: CompanyData;
  model: CompanyModel;
  entries: LedgerEntry[];
  chart: ChartAccount[];
  ctx: RowContext;
  encoding: EnumEncoding;
  parties: Map<string, Party>;
  /** Entity sets this company does not answer: 'missing' (404) or 'denied' (no permission). */
  unavailable: ReadonlyMap<string, 'missing' | 'denied'>;
}

export interface CompanyIdentity {
  tenantId: string;
  environment: string;
  id: string;
  name: string;
  displayName: string;
  encoding: EnumEncoding;
  missingEntities?: readonly string[];
  deniedEntities?: readonly string[];
}

function openItems(model: CompanyModel, fx: Fx): OpenItem[] {
  const items: OpenItem[] = [];
  for (const doc of model.docs) {
    if (!isPosted(doc) || doc.status === 'Canceled' || doc.status === 'Corrective') continue;
    const side = doc.kind.startsWith('sales') ? 'receivable' : 'payable';
    const sign = doc.kind.endsWith('CreditMemo') ? -1 : 1;
    items.push({ side, partyNumber: doc.party, documentNumber: doc.number, postingDate: doc.date, dueDate: doc.dueDate,
      currencyCode: doc.currencyCode, amountLcyCents: sign * fx.toLcy(doc.netCents + doc.taxCents, doc.currencyCode, doc.date),
      payments: lcyPayments(doc, fx).map((p) => ({ date: p.date, lcyCents: sign * p.lcyCents })) });
  }
  return items;
}

export function remainingLcy(item: OpenItem, asOf: string): number {
  return item.amountLcyCents - item.payments.filter((p) => p.date <= asOf).reduce((s, p) => s + p.lcyCents, 0);
}

function partyBalances(items: OpenItem[], side: OpenItem['side'], today: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) {
    if (item.side !== side || item.postingDate > today) continue;
    map.set(item.partyNumber, (map.get(item.partyNumber) ?? 0) + remainingLcy(item, today));
  }
  return map;
}

/**
 * Posting accounts: own balance; End Total: the posting accounts of its totaling (default for 'X999': X000..X999,
 * 9999: the P&L); others 0.
 */
export function accountNetChange(chart: ChartAccount[], a: ChartAccount, net: Map<string, { debit: number; credit: number }>): number {
  const of = (n: string) => { const b = net.get(n); return b ? b.debit - b.credit : 0; };
  if (a.accountType === 'Posting') return of(a.number);
  if (a.accountType !== 'End Total') return 0;
  const [from, to] = a.totaling ?? [a.number === '9999' ? '4000' : `${a.number[0]}000`, a.number];
  return chart.filter((c) => c.accountType === 'Posting' && c.number >= from && c.number <= to).reduce((s, c) => s + of(c.number), 0);
}

export function buildCompany(identity: CompanyIdentity, model: CompanyModel): CompanyBook {
  const key = `${identity.tenantId}|${identity.environment}|${identity.id}`;
  const ctx = rowContext(key, model.lcy, model.today);
  const fx = fxFor(model.lcy, model.today);
  const entries = postLedger(model, fx);
  const names = model.accountNames;
  const chart = names ? chartOfAccounts(model.taxLabel).map((a) => ({ ...a, name: names[a.number] ?? a.name })) : chartOfAccounts(model.taxLabel);
  const items = openItems(model, fx);
  const arBalance = partyBalances(items, 'receivable', model.today);
  const apBalance = partyBalances(items, 'payable', model.today);
  const parties = new Map<string, Party>();
  model.customers.forEach((c) => parties.set(`c:${c.number}`, c));
  model.vendors.forEach((v) => parties.set(`v:${v.number}`, v));
  const rowsOf = (kind: Doc['kind'], make: (ctx: RowContext, d: Doc, p: Party) => Row): Row[] =>
    model.docs.filter((d) => d.kind === kind).map((d) => make(ctx, d, parties.get(`${kind.startsWith('sales') ? 'c' : 'v'}:${d.party}`) as Party));
  const net = balances(entries);
  // Lines and ledger entry rows are built on first use (they are the bulk of the memory).
  const lines = new Map<Doc['kind'], Row[]>();
  const linesOf = (kind: Doc['kind']): Row[] => {
    let rows = lines.get(kind);
    if (!rows) lines.set(kind, (rows = model.docs.filter((d) => d.kind === kind).flatMap((d) => docs.documentLineRows(ctx, d))));
    return rows;
  };
  let glRows: Row[] | undefined;
  const data: CompanyData = {
    tenantId: identity.tenantId, environment: identity.environment, today: model.today, lcy: model.lcy,
    company: misc.companyRow(ctx, identity.id, identity.name, identity.displayName),
    companyInformation: misc.companyInformationRow(ctx, identity.displayName, model),
    generalLedgerSetup: misc.generalLedgerSetupRow(ctx),
    customers: model.customers.map((c) => customerRow(ctx, c, arBalance.get(c.number) ?? 0)),
    vendors: model.vendors.map((v) => vendorRow(ctx, v, apBalance.get(v.number) ?? 0)),
    salesInvoices: rowsOf('salesInvoice', docs.salesInvoiceRow),
    get salesInvoiceLines(): Row[] { return linesOf('salesInvoice'); },
    salesCreditMemos: rowsOf('salesCreditMemo', docs.salesCreditMemoRow),
    get salesCreditMemoLines(): Row[] { return linesOf('salesCreditMemo'); },
    purchaseInvoices: rowsOf('purchaseInvoice', docs.purchaseInvoiceRow),
    get purchaseInvoiceLines(): Row[] { return linesOf('purchaseInvoice'); },
    purchaseCreditMemos: rowsOf('purchaseCreditMemo', docs.purchaseCreditMemoRow),
    get purchaseCreditMemoLines(): Row[] { return linesOf('purchaseCreditMemo'); },
    salesOrders: rowsOf('salesOrder', docs.salesOrderRow),
    get salesOrderLines(): Row[] { return linesOf('salesOrder'); },
    salesQuotes: rowsOf('salesQuote', docs.salesQuoteRow),
    get salesQuoteLines(): Row[] { return linesOf('salesQuote'); },
    bankAccounts: misc.bankAccountRows(ctx),
    accounts: chart.map((a) => misc.accountRow(ctx, a, accountNetChange(chart, a, net))),
    get generalLedgerEntries(): Row[] {
      return (glRows ??= entries.map((e) => misc.ledgerEntryRow(ctx, e)));
    },
    currencies: misc.currencyRows(ctx),
    currencyExchangeRates: misc.currencyExchangeRateRows(ctx, fx.rates),
    taxGroups: misc.taxGroupRows(ctx, model),
    taxAreas: misc.taxAreaRows(ctx, model),
    openItems: items,
  };
  const unavailable = new Map<string, 'missing' | 'denied'>([
    ...(identity.missingEntities ?? []).map((e) => [e, 'missing'] as const), ...(identity.deniedEntities ?? []).map((e) => [e, 'denied'] as const),
  ]);
  return { data, model, entries, chart, ctx, encoding: identity.encoding, parties, unavailable };
}
