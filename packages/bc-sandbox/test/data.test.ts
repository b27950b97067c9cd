import { createSandbox, demoTenants, generatedTenants, type CompanyData, type Sandbox, type TenantSpec } from '../src/index';
import { TODAY, start } from './helpers';

const cents = (x: unknown) => Math.round(Number(x) * 100);
const parseAmount = (x: unknown) => (x === '' ? 0 : Math.round(Number(String(x).replace(/,/g, '')) * 100));

function allCompanies(s: Sandbox): CompanyData[] {
  return s.tenants.flatMap((t) => t.environments.flatMap((e) => e.companies.map((c) => s.data(t.tenantId, e.name, c.id))));
}

describe('demo data', () => {
  const s = createSandbox({ today: TODAY });
  const companies = allCompanies(s);

  it('has 4+ client tenants, 6+ companies, a client with several companies in two environments, GBP and EUR', () => {
    expect(s.tenants.length).toBeGreaterThanOrEqual(4);
    expect(companies.length).toBeGreaterThanOrEqual(6);
    const contoso = s.tenants.find((t) => t.clientName === 'Contoso Ltd')!;
    expect(contoso.environments.map((e) => e.name)).toEqual(['production', 'sandbox']);
    expect(new Set(companies.map((c) => c.lcy))).toEqual(new Set(['GBP', 'EUR', 'USD']));
  });

  it.each(demoTenants().flatMap((t) => t.environments.flatMap((e) => e.companies.map((c) => [c.name]))))('%s has every case the dashboard shows', (name) => {
    const d = companies.find((c) => c.company.name === name)!;
    const open = d.salesInvoices.filter((i) => i.status === 'Open');
    expect(open.some((i) => String(i.dueDate) < TODAY)).toBe(true);
    expect(open.some((i) => i.dueDate === TODAY)).toBe(true);
    expect(open.some((i) => i.dueDate === '2025-06-14')).toBe(true);
    expect(open.some((i) => cents(i.remainingAmount) > 0 && cents(i.remainingAmount) < cents(i.totalAmountIncludingTax))).toBe(true);
    expect(d.salesInvoices.some((i) => i.currencyCode !== d.lcy)).toBe(true);
    expect(d.salesInvoices.some((i) => i.status === 'Draft')).toBe(true);
    expect(d.salesInvoices.some((i) => i.status === 'In Review')).toBe(true);
    expect(d.salesCreditMemos.length).toBeGreaterThan(0);
    expect(d.salesOrders.some((o) => o.status === 'Open')).toBe(true);
    expect(d.salesQuotes.length).toBeGreaterThan(0);
    const nextWeek = d.purchaseInvoices.filter((p) => p.status === 'Open' && String(p.dueDate) > TODAY && String(p.dueDate) <= '2025-06-22');
    expect(nextWeek.length).toBeGreaterThanOrEqual(3);
    expect(d.purchaseInvoices.every((p) => !('remainingAmount' in p))).toBe(true);
    expect(d.bankAccounts.every((b) => !('balance' in b))).toBe(true);
    // Tax in the open period: documents posted this month carry tax.
    expect(d.salesInvoices.some((i) => String(i.postingDate) >= '2025-06-01' && cents(i.totalTaxAmount) > 0 && i.status !== 'Draft')).toBe(true);
    const cash = d.accounts.filter((a) => a.subCategory === 'Cash' && a.accountType === 'Posting');
    expect(cash.length).toBeGreaterThanOrEqual(2);
    expect(cash.reduce((t, a) => t + cents(a.netChange), 0)).toBeGreaterThan(0);
    expect(d.accounts.length).toBeGreaterThanOrEqual(30);
    expect(d.accounts.length).toBeLessThanOrEqual(80);
    const all = [...d.salesInvoices, ...d.purchaseInvoices, ...d.generalLedgerEntries];
    for (const row of all.slice(0, 2000)) {
      for (const key of ['totalAmountIncludingTax', 'debitAmount', 'creditAmount', 'remainingAmount']) {
        if (row[key] !== undefined) expect(Math.abs(Number(row[key]) * 100 - cents(row[key]))).toBeLessThan(1e-6);
      }
    }
  });

  it('is deterministic for the same seed and today, different for another seed', () => {
    const again = allCompanies(createSandbox({ today: TODAY }));
    expect(JSON.stringify(again.map((c) => c.salesInvoices))).toBe(JSON.stringify(companies.map((c) => c.salesInvoices)));
    const other = allCompanies(createSandbox({ today: TODAY, seed: 7 }));
    expect(JSON.stringify(other[0]!.salesInvoices)).not.toBe(JSON.stringify(companies[0]!.salesInvoices));
  });

  // How fast it generates is a figure for the benchmarks (bench:refresh builds this set), not a pass/fail test here.
  it('generates the demo tenants and a 200-company benchmark set', () => {
    const demo = createSandbox();
    expect(demo.tenants.length).toBeGreaterThan(0);
    const big = createSandbox({ today: TODAY, tenants: generatedTenants({ environments: 40, companiesPerEnvironment: 5, documentsPerCompany: 300 }) });
    expect(allCompanies(big)).toHaveLength(200);
  });
});

describe('general ledger consistency (over HTTP)', () => {
  it('trial balance debits equal credits, agree with accounts.netChange, balance sheet balances', async () => {
    const s = await start();
    for (const t of s.sandbox.tenants) {
      for (const e of t.environments) {
        for (const c of e.companies) {
          const base = `/v2.0/${t.tenantId}/${e.name}/api/v2.0/companies(${c.id})`;
          const tb = (await s.get(`${base}/trialBalances?$filter=dateFilter ge 2025-01-01 and dateFilter le ${TODAY}`)).body.value;
          const posting = tb.filter((r: any) => r.accountType === 'Posting');
          expect(posting[0].balanceAtDateDebit).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
          const sum = (k: string) => posting.reduce((x: number, r: any) => x + parseAmount(r[k]), 0);
          expect(sum('totalDebit')).toBe(sum('totalCredit'));
          expect(sum('balanceAtDateDebit')).toBe(sum('balanceAtDateCredit'));
          expect(tb.some((r: any) => /,/.test(r.balanceAtDateDebit) || /,/.test(r.balanceAtDateCredit))).toBe(true);
          const accounts = (await s.get(`${base}/accounts`)).body.value;
          for (const row of posting) {
            const acc = accounts.find((a: any) => a.number === row.number);
            expect(cents(acc.netChange)).toBe(parseAmount(row.balanceAtDateDebit) - parseAmount(row.balanceAtDateCredit));
          }
          const bs = (await s.get(`${base}/balanceSheets?$filter=dateFilter eq ${TODAY}`)).body.value;
          const line = (name: string) => cents(bs.find((l: any) => l.display === name).balance);
          expect(line('Total Assets')).toBe(line('Total Liabilities and Equity'));
          const is = (await s.get(`${base}/incomeStatements?$filter=dateFilter ge 2025-01-01 and dateFilter le ${TODAY}`)).body.value;
          const cf = (await s.get(`${base}/cashFlowStatements?$filter=dateFilter ge 2025-01-01 and dateFilter le ${TODAY}`)).body.value;
          const netIncome = cents(is.find((l: any) => l.display === 'Net Income').netChange);
          expect(cents(cf.find((l: any) => l.display === 'Net Income').netChange)).toBe(netIncome);
          const cashAccounts = accounts.filter((a: any) => a.subCategory === 'Cash' && a.accountType === 'Posting');
          expect(cents(cf.find((l: any) => l.display === 'Cash at End of Period').netChange)).toBe(cashAccounts.reduce((x: number, a: any) => x + cents(a.netChange), 0));
          expect(cf.every((l: any) => l.dateFilter === TODAY)).toBe(true);
          const ar = (await s.get(`${base}/agedAccountsReceivables`)).body.value;
          const arAccount = accounts.find((a: any) => a.subCategory === 'Receivables' && a.number === '1310');
          expect(cents(ar[ar.length - 1].balanceDue)).toBe(cents(arAccount.netChange));
          expect(ar[ar.length - 1].customerId).toBe('00000000-0000-0000-0000-000000000000');
        }
      }
    }
    await s.sandbox.close();
  });
});

describe('explicit fixtures', () => {
  const tenant: TenantSpec = {
    tenantId: '11111111-2222-4333-8444-555555555555', clientName: 'Fixture Client',
    environments: [{ name: 'production', companies: [{
      kind: 'explicit', name: 'Fixture Ltd', currencyCode: 'GBP', openingCash: 1000,
      customers: [{ number: 'C1', name: 'Alpha' }, { number: 'C2', name: 'Beta', currencyCode: 'EUR' }],
      vendors: [{ number: 'V1', name: 'Supplies Co', expenseAccount: '6140' }],
      salesInvoices: [
        { number: 'INV1', party: 'C1', date: -40, dueDate: -10, amount: 1000, paid: 400 },
        { number: 'INV2', party: 'C1', date: -30, dueDate: 0, amount: 500 },
        { number: 'INV3', party: 'C2', date: -5, dueDate: 25, amount: 2000, taxRate: 0 },
        { number: 'INV4', party: 'C1', date: -90, dueDate: -60, amount: 100, status: 'Paid' },
        { number: 'D1', party: 'C1', date: 0, amount: 50, status: 'Draft' },
      ],
      purchaseInvoices: [{ number: 'P1', party: 'V1', date: -3, dueDate: 4, amount: 300 }],
    }] }],
  };

  it('serves exactly the hand-built answers', async () => {
    const s = await start({ tenants: [tenant] });
    const c = s.sandbox.tenants[0]!.environments[0]!.companies[0]!;
    const base = `/v2.0/${tenant.tenantId}/production/api/v2.0/companies(${c.id})`;
    const open = (await s.get(`${base}/salesInvoices?$filter=status eq 'Open'&$select=number,remainingAmount,totalAmountIncludingTax,currencyCode,dueDate`)).body.value;
    expect(open.map((i: any) => [i.number, i.remainingAmount, i.currencyCode])).toEqual([['INV1', 800, 'GBP'], ['INV2', 600, 'GBP'], ['INV3', 2000, 'EUR']]);
    expect(open[1].dueDate).toBe(TODAY);
    const ar = (await s.get(`${base}/agedAccountsReceivables?$filter=agedAsOfDate eq ${TODAY} and periodLengthFilter eq '30D'`)).body.value;
    const alpha = ar.find((r: any) => r.name === 'Alpha');
    expect(alpha).toMatchObject({ balanceDue: 1400, currentAmount: 600, period1Amount: 800, period2Amount: 0, period3Amount: 0 });
    expect(ar.find((r: any) => r.name === 'Beta')).toMatchObject({ currencyCode: 'EUR', balanceDue: 1700, currentAmount: 1700 });
    expect(ar.at(-1)).toMatchObject({ name: 'Total', balanceDue: 3100 });
    const customers = (await s.get(`${base}/customers`)).body.value;
    expect(customers.find((x: any) => x.number === 'C1').balanceDue).toBe(1400);
    const vendors = (await s.get(`${base}/vendors`)).body.value;
    expect(vendors[0].balance).toBe(360);
    await s.sandbox.close();
  });
});
