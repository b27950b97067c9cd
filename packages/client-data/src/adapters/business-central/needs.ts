import { reportCatalog, type KpiName, type ReportKind } from '@hub/contracts';
import { DETAIL_PARTS, KPI_PARTS, type DataPart } from '../../domain/availability';
import { companyQueries, CURRENCY_FALLBACK } from './queries';

const KPI_LABELS: Record<KpiName, string> = {
  cash: 'Cash balance', overdueSales: 'Overdue sales invoices', overduePurchases: 'Overdue purchase invoices',
  openSalesDocuments: 'Open sales documents', purchasesDueNextWeek: 'Purchases due next week', taxDue: 'Tax due',
};

/** The report entity sets and the workbooks made of them (the 13-week forecast is made of the refresh's reads). */
const REPORT_ENTITIES: Record<string, ReportKind> = {
  trialBalances: 'trial-balance', balanceSheets: 'balance-sheet', incomeStatements: 'income-statement', cashFlowStatements: 'cash-flow',
  agedAccountsReceivables: 'aged-receivables', agedAccountsPayables: 'aged-payables',
};

const reportLabel = (kind: ReportKind) => `${reportCatalog.find((r) => r.kind === kind)?.label ?? kind} workbook`;

/**
 * Every entity set the hub reads of a company and what it cannot show without it, from the refresh's own queries and
 * the KPIs' parts (so the two cannot drift apart), plus the report entities. Test Client URL checks these.
 */
export function neededEntities(): { entity: string; neededFor: string[] }[] {
  const uses = new Map<string, Set<string>>();
  const add = (entity: string, what: string) => uses.set(entity, (uses.get(entity) ?? new Set()).add(what));
  for (const q of [...companyQueries({ periodStart: '2000-01-01', periodEnd: '2000-01-01', dueDate: '2000-01-01' }), CURRENCY_FALLBACK]) {
    if (q.part === 'currency') {
      add(q.entity, q.entity === 'generalLedgerSetup' ? 'Local currency (Company Information is used instead)' : 'Local currency when General Ledger Setup is missing');
      continue;
    }
    const part = q.part;
    for (const [kpi, parts] of Object.entries(KPI_PARTS) as [KpiName, readonly DataPart[]][]) if (parts.includes(part)) add(q.entity, KPI_LABELS[kpi]);
    if (DETAIL_PARTS.forecast.includes(part)) add(q.entity, '13-week cash forecast');
  }
  for (const [entity, kind] of Object.entries(REPORT_ENTITIES)) add(entity, reportLabel(kind));
  return [...uses.entries()].map(([entity, what]) => ({ entity, neededFor: [...what] }));
}
