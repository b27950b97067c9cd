import { taxSettingsSchema } from '@hub/contracts';
import type { Db } from '@hub/client-data';
import { ClientsRepo } from '../packages/client-data/src/adapters/store/clients-repo';
import { SnapshotsRepo } from '../packages/client-data/src/adapters/store/snapshots-repo';
import { UsersRepo, type Principal } from '../packages/client-data/src/adapters/store/users-repo';
import type { CompanyData } from '../packages/client-data/src/domain/documents';
import { addDays } from '../packages/client-data/src/domain/dates';
import { buildSnapshot } from '../packages/client-data/src/domain/snapshot';

/** A deterministic company with a few dozen open documents, as a refresh would have stored it. */
function companyData(i: number, today: string): CompanyData {
  const lcy = i % 3 === 0 ? 'EUR' : 'GBP';
  const m = (minor: number, currency = lcy) => ({ currency, minor });
  const docs = Array.from({ length: 30 }, (_, k) => ({
    id: `s${i}-${k}`, number: `SI-${i}-${k}`, party: `Customer ${k}`, dueDate: addDays(today, 20 - ((k * 7 + i) % 90)),
    total: m(10_000 + ((k * 7919 + i) % 500_000)), remaining: m(5_000 + ((k * 104_729 + i) % 400_000), k % 10 === 0 ? 'USD' : lcy),
  }));
  return {
    bcCompanyId: `company-${i}`, name: `Company ${i}`, currency: lcy,
    openSalesInvoices: docs,
    openPurchaseInvoices: docs.slice(0, 20).map((d, k) => ({ id: `p${i}-${k}`, number: `PI-${i}-${k}`, party: `Vendor ${k}`, dueDate: addDays(d.dueDate, 5), total: d.total })),
    cashAccounts: [{ number: '2910', name: 'Cash', balance: m(1_000_000 + i * 137) }, { number: '2920', name: 'Bank', balance: m(250_000) }],
    openSalesDocuments: { quotes: i % 4, orders: i % 7, draftInvoices: i % 2 },
    taxDocuments: [{ kind: 'sales_invoice', postingDate: addDays(today, -10), tax: m(50_000 + i) }],
  };
}

/** Gives `principal` `rows` dashboard rows (5 companies per client) with stored snapshots. */
export async function seedDashboard(db: Db, principal: Principal, rows: number, today: string): Promise<void> {
  const userId = await new UsersRepo(db).ensure(principal);
  const clients = new ClientsRepo(db);
  const snapshots = new SnapshotsRepo(db);
  const tax = taxSettingsSchema.parse({});
  for (let c = 0; c * 5 < rows; c += 1) {
    const ref = { tenant: `tenant-${c}.onmicrosoft.com`, environment: 'Production', origin: 'https://businesscentral.dynamics.com' };
    const id = await clients.create(userId, principal.tenantId, { name: `Client ${String(c).padStart(4, '0')} Ltd`, clientUrl: `https://businesscentral.dynamics.com/${ref.tenant}/Production`, tax }, ref);
    const count = Math.min(5, rows - c * 5);
    await clients.syncCompanies(id, Array.from({ length: count }, (_, k) => ({ bcCompanyId: `company-${c * 5 + k}`, name: `Company ${c * 5 + k}` })));
  }
  const targets = await snapshots.targets(userId);
  for (const [i, t] of targets.entries()) {
    const data = companyData(i, today);
    await snapshots.saveSuccess(t.companyId, data.currency, buildSnapshot(data, today, tax), new Date());
  }
}
