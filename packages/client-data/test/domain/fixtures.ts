import type { CompanyData } from '../../src/domain/documents';

const gbp = (major: string) => ({ currency: 'GBP', minor: Math.round(Number(major) * 100) });
const m = (currency: string, minor: number) => ({ currency, minor });

/** Hand-built company; expected figures in the tests are computed by hand from these lines (today 2026-11-25). */
export const TODAY = '2026-11-25';
export const company: CompanyData = {
  bcCompanyId: 'c1', name: 'Contoso Ltd', currency: 'GBP',
  openSalesInvoices: [
    { id: 's1', number: 'S1', party: 'Adatum', dueDate: '2026-11-24', total: gbp('1200'), remaining: gbp('1200') },
    { id: 's2', number: 'S2', party: 'Trey', dueDate: '2026-11-25', total: gbp('500'), remaining: gbp('500') },
    { id: 's3', number: 'S3', party: 'Relecloud', dueDate: '2026-10-26', total: gbp('1000'), remaining: m('GBP', 40050) },
    { id: 's4', number: 'S4', party: 'Alpine Ski House', dueDate: '2026-11-01', total: m('EUR', 30000), remaining: m('EUR', 30000) },
    { id: 's5', number: 'S5', party: 'Paid already', dueDate: '2026-11-20', total: gbp('80'), remaining: gbp('0') },
  ],
  openPurchaseInvoices: [
    { id: 'p1', number: 'P1', party: 'Fabrikam', dueDate: '2026-11-24', total: m('GBP', 25000) },
    { id: 'p2', number: 'P2', party: 'Nod', dueDate: '2026-11-25', total: m('GBP', 10000) },
    { id: 'p3', number: 'P3', party: 'First Up', dueDate: '2026-12-01', total: m('GBP', 7525) },
    { id: 'p4', number: 'P4', party: 'Wide World', dueDate: '2026-12-02', total: m('GBP', 6000) },
    { id: 'p5', number: 'P5', party: 'Graphic Design', dueDate: '2026-09-01', total: m('USD', 9999) },
  ],
  cashAccounts: [
    { number: '2910', name: 'Cash', balance: m('GBP', 1000010) },
    { number: '2920', name: 'Bank, Checking', balance: m('GBP', -25005) },
  ],
  openSalesDocuments: { quotes: 2, orders: 3, draftInvoices: 1 },
  taxDocuments: [
    { kind: 'sales_invoice', postingDate: '2026-10-05', tax: m('GBP', 20000) },
    { kind: 'sales_invoice', postingDate: '2026-09-30', tax: m('GBP', 99900) },
    { kind: 'sales_credit_memo', postingDate: '2026-11-01', tax: m('GBP', 2000) },
    { kind: 'purchase_invoice', postingDate: '2026-11-02', tax: m('GBP', 5000) },
    { kind: 'purchase_credit_memo', postingDate: '2026-11-03', tax: m('GBP', 500) },
    { kind: 'sales_invoice', postingDate: '2026-11-04', tax: m('EUR', 3000) },
  ],
};
