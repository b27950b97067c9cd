/** Synthetic dashboard rows (shaped like the API's), for the bench's fallback when no seeded server is available. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const names = ['Contoso', 'Fabrikam', 'Adatum', 'Northwind', 'Tailspin', 'Litware', 'Proseware', 'Wingtip'];

export function syntheticRows(count: number, now = Date.now()) {
  return Array.from({ length: count }, (_, i) => {
    const currency = i % 5 === 0 ? 'GBP' : i % 7 === 0 ? 'USD' : 'EUR';
    const failed = i % 9 === 4;
    return {
      companyId: uuid(i + 1),
      clientId: uuid(100000 + Math.floor(i / 2)),
      clientName: `${names[i % 8]} ${Math.floor(i / 8) + 1}`,
      companyName: `${names[i % 8]} ${i % 2 ? 'Ltd' : 'GmbH'} ${i}`,
      currency,
      kpis: {
        cash: { currency, minor: ((i * 7919) % 5000000) - 400000 },
        overdueSales: { count: i % 4, amounts: i % 4 ? [{ currency, minor: (i * 131) % 900000 }] : [], oldestDays: i % 40 },
        overduePurchases: { count: i % 3, amounts: i % 3 ? [{ currency, minor: (i * 71) % 300000 }] : [], oldestDays: i % 20 },
        openSalesDocuments: { count: i % 6, quotes: 1, orders: 2, draftInvoices: 0 },
        purchasesDueNextWeek: { count: 1, amounts: [{ currency, minor: 50000 }] },
        taxDue: { amount: { currency, minor: (i * 977) % 2000000 }, dueDate: '2026-12-07', periodStart: '2026-07-01', periodEnd: '2026-09-30', estimate: true, foreignDocumentsExcluded: 0 },
      },
      refreshedAt: new Date(now - (i % 30) * 3_600_000).toISOString(),
      status: failed ? 'error' : 'ok',
      error: failed ? { kind: 'auth', message: 'The client removed the hub’s access.', at: new Date(now).toISOString() } : null,
      bcUrl: 'https://businesscentral.dynamics.com/tenant/Production',
    };
  });
}
