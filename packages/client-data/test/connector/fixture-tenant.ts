import type { TenantSpec } from '@hub/bc-sandbox';

export const TODAY = '2026-11-25';
export const TENANT = '11111111-2222-4333-8444-555555555555';
export const FOREIGN_TENANT = '11111111-2222-4333-8444-666666666666';

/** A small company whose every figure is worked out by hand in connector.test.ts. */
export const fixtureTenant: TenantSpec = {
  tenantId: TENANT,
  clientName: 'Fixture Ltd',
  environments: [{
    name: 'production',
    companies: [{
      kind: 'explicit', id: '0f000000-0000-4000-8000-000000000001', name: 'Fixture Ltd', currencyCode: 'GBP', taxRate: 20, taxPeriod: 'quarter', openingCash: 10000,
      customers: [{ number: 'C1', name: 'Adatum Corporation' }, { number: 'C2', name: 'Alpine Ski House', currencyCode: 'EUR' }],
      vendors: [{ number: 'V1', name: 'Fabrikam, Inc.' }],
      salesInvoices: [
        { number: 'SI1', party: 'C1', date: -40, dueDate: -1, amount: 1000 },
        { number: 'SI2', party: 'C1', date: -10, dueDate: 0, amount: 500 },
        { number: 'SI3', party: 'C1', date: -60, dueDate: -30, amount: 1000, paid: 799.5, paidOn: -20 },
        { number: 'SI4', party: 'C2', date: -30, dueDate: -24, amount: 300, taxRate: 0 },
        { number: 'SI5', party: 'C1', date: -20, dueDate: -5, amount: 100, status: 'Paid', paidOn: -3 },
        { number: 'SI6', party: 'C1', date: -2, dueDate: 28, amount: 50, status: 'Draft' },
      ],
      salesCreditMemos: [{ number: 'SCM1', party: 'C1', date: -24, amount: 100 }],
      purchaseInvoices: [
        { number: 'PI1', party: 'V1', date: -30, dueDate: -1, amount: 250, taxRate: 0 },
        { number: 'PI2', party: 'V1', date: -5, dueDate: 6, amount: 62.71 },
      ],
      salesOrders: [{ number: 'SO1', party: 'C1', date: -3, amount: 10 }, { number: 'SO2', party: 'C1', date: -1, amount: 20 }],
      salesQuotes: [{ number: 'SQ1', party: 'C1', date: -3, amount: 5, status: 'Sent' }, { number: 'SQ2', party: 'C1', date: -3, amount: 5, status: 'Accepted' }],
    }],
  }],
};
