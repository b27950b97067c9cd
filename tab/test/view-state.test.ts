import type { DashboardRow } from '@hub/contracts';
import { applyView, defaultView, fold, nextSort, normalizeColumns } from '../src/features/dashboard/view-state';

let n = 0;
function row(partial: Partial<DashboardRow> & { clientName: string; companyName: string }, cash: number | null = 0): DashboardRow {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    companyId: id,
    clientId: id,
    currency: 'EUR',
    refreshedAt: '2026-01-01T00:00:00Z',
    status: 'ok',
    error: null,
    bcUrl: 'https://example.test',
    kpis:
      cash === null
        ? null
        : {
            cash: { currency: 'EUR', minor: cash },
            overdueSales: { count: 0, amounts: [], oldestDays: 0 },
            overduePurchases: { count: 0, amounts: [], oldestDays: 0 },
            openSalesDocuments: { count: 0, quotes: 0, orders: 0, draftInvoices: 0 },
            purchasesDueNextWeek: { count: 0, amounts: [] },
            taxDue: null,
          },
    ...partial,
  };
}

const now = new Date(2026, 4, 1);

describe('applyView', () => {
  const a = row({ clientName: 'Müller GmbH', companyName: 'Müller Berlin' }, 500);
  const b = row({ clientName: 'Contoso', companyName: 'Contoso UK', status: 'error' }, 100);
  const c = row({ clientName: 'Adatum', companyName: 'Adatum', status: 'never' }, null);
  const rows = [a, b, c];

  it('searches client and company names without case or accents', () => {
    expect(applyView(rows, { ...defaultView, search: 'muller' }, now)).toEqual([a]);
    expect(applyView(rows, { ...defaultView, search: 'UK' }, now)).toEqual([b]);
  });

  it('sorts by any column and keeps empty values last in both directions', () => {
    const asc = applyView(rows, { ...defaultView, sort: { column: 'cash', direction: 'asc' } }, now);
    expect(asc.map((r) => r.clientName)).toEqual(['Contoso', 'Müller GmbH', 'Adatum']);
    const desc = applyView(rows, { ...defaultView, sort: { column: 'cash', direction: 'desc' } }, now);
    expect(desc.map((r) => r.clientName)).toEqual(['Müller GmbH', 'Contoso', 'Adatum']);
  });

  it('filters by status', () => {
    expect(applyView(rows, { ...defaultView, filters: { status: ['error', 'never'] } }, now).map((r) => r.clientName)).toEqual(['Adatum', 'Contoso']);
  });

  it('keeps only companies with overdue invoices', () => {
    const overdue = row({ clientName: 'Late', companyName: 'Late Ltd' }, 1);
    overdue.kpis!.overduePurchases = { count: 2, amounts: [{ currency: 'EUR', minor: 100 }], oldestDays: 3 };
    expect(applyView([...rows, overdue], { ...defaultView, filters: { onlyOverdue: true } }, now)).toEqual([overdue]);
  });

  it('keeps only taxes due within N days (late ones included)', () => {
    const soon = row({ clientName: 'Soon', companyName: 'Soon' }, 1);
    const later = row({ clientName: 'Later', companyName: 'Later' }, 1);
    const tax = (dueDate: string) => ({ amount: { currency: 'EUR', minor: 1 }, dueDate, periodStart: '2026-01-01', periodEnd: '2026-03-31', estimate: true as const, foreignDocumentsExcluded: 0 });
    soon.kpis!.taxDue = tax('2026-05-07');
    later.kpis!.taxDue = tax('2026-08-07');
    expect(applyView([soon, later, a], { ...defaultView, filters: { onlyTaxDueWithinDays: 10 } }, now)).toEqual([soon]);
  });
});

describe('date boundaries and unavailable figures', () => {
  const tax = (dueDate: string) => ({ amount: { currency: 'EUR', minor: 1 }, dueDate, periodStart: '2026-01-01', periodEnd: '2026-03-31', estimate: true as const, foreignDocumentsExcluded: 0 });
  const due = (name: string, dueDate: string) => {
    const r = row({ clientName: name, companyName: name }, 1);
    r.kpis!.taxDue = tax(dueDate);
    return r;
  };

  it('tax due within N days keeps a payment due in exactly N days (local calendar), not one due in N + 1', () => {
    // now is 1 May 2026 (local): the 11th is 10 days away.
    const rows = [due('Today', '2026-05-01'), due('Ten', '2026-05-11'), due('Eleven', '2026-05-12'), due('Late', '2026-04-30')];
    const names = (days: number) => applyView(rows, { ...defaultView, filters: { onlyTaxDueWithinDays: days } }, now).map((r) => r.clientName);
    expect(names(10)).toEqual(['Late', 'Ten', 'Today']);
    expect(names(0)).toEqual(['Late', 'Today']);
  });

  it('sorts unavailable figures last in both directions (they are not zero) and never counts them as due', () => {
    const gone = row({ clientName: 'Gone', companyName: 'Gone' }, 0);
    gone.kpis!.unavailable = { cash: 'No permission for accounts.', taxDue: 'Missing purchase credit memos.' };
    const low = row({ clientName: 'Low', companyName: 'Low' }, -5);
    const high = row({ clientName: 'High', companyName: 'High' }, 5);
    const order = (direction: 'asc' | 'desc') => applyView([gone, low, high], { ...defaultView, sort: { column: 'cash', direction } }, now).map((r) => r.clientName);
    expect(order('asc')).toEqual(['Low', 'High', 'Gone']);
    expect(order('desc')).toEqual(['High', 'Low', 'Gone']);
    expect(applyView([gone], { ...defaultView, filters: { onlyTaxDueWithinDays: 366 } }, now)).toEqual([]);
  });
});

describe('helpers', () => {
  it('cycles sort direction on the same column', () => {
    expect(nextSort(null, 'cash')).toEqual({ column: 'cash', direction: 'asc' });
    expect(nextSort({ column: 'cash', direction: 'asc' }, 'cash')).toEqual({ column: 'cash', direction: 'desc' });
    expect(nextSort({ column: 'cash', direction: 'desc' }, 'status')).toEqual({ column: 'status', direction: 'asc' });
  });
  it('normalises columns to the canonical order', () => {
    expect(normalizeColumns(['status', 'cash', 'nope'])).toEqual(['cash', 'status']);
  });
  it('folds accents', () => {
    expect(fold('Åsa Öberg')).toBe('asa oberg');
  });
});
