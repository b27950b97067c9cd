/** The reports tests' Business Central fixtures (known amounts, a formula-looking name) and a signed-in server. */
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { TenantSpec } from '@hub/bc-sandbox';
import { startTestServer, type TestServer } from '../../../test-support/server';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const LINK_KEY = 'test-download-link-key-0123456789abcdef';
export const EVIL = '=HYPERLINK("http://x","y")';
export const tenants: TenantSpec[] = [{
  tenantId: TENANT, clientName: 'Smith & Co: "Books"',
  environments: [{ name: 'production', companies: [
    {
      kind: 'explicit', name: 'Evil Co', currencyCode: 'GBP', openingCash: 1000,
      customers: [{ number: 'C1', name: EVIL }, { number: 'C2', name: 'Plain Customer' }, { number: 'C3', name: 'No Balance Ltd' }],
      vendors: [{ number: 'V1', name: '@SUM(1+1)' }],
      // GBP default tax 20%: C1 owes 120.00 (due 35 days ago), C2 owes 240.00 - 40.00 = 200.00 (due in 10 days).
      salesInvoices: [{ party: 'C1', date: -40, dueDate: -35, amount: 100 }, { party: 'C2', date: -5, dueDate: 10, amount: 200, paid: 40 }],
      purchaseInvoices: [{ party: 'V1', date: -10, dueDate: 5, amount: 50 }],
    },
    { kind: 'explicit', name: 'Second Co', currencyCode: 'EUR', customers: [{ number: 'K1', name: 'Kunde GmbH' }], vendors: [],
      salesInvoices: [{ party: 'K1', date: -3, dueDate: 20, amount: 1000 }] },
  ] }],
}];

export async function download(s: TestServer, token: string | null, path: string, init: RequestInit = {}) {
  const res = await fetch(`${s.url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf, json: () => JSON.parse(buf.toString('utf8')) as { error: { code: string; message: string; details?: unknown[] } } };
}

export async function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(buf, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { files.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
    }));
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

export interface ReportsServer { s: TestServer; alice: string; bob: string; evilCo: string; secondCo: string }

/** The server with Alice's client (Evil Co, Second Co) added; Bob has nothing. */
export async function startReportsServer(): Promise<ReportsServer> {
  const s = await startTestServer({ sandbox: { tenants }, env: { SECRET_DOWNLOAD_LINK_KEY: LINK_KEY } });
  const alice = await s.signIn('Alice Accountant');
  const bob = await s.signIn('Bob Other');
  const created = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Smith & Co: "Books"', clientUrl: `${s.sandbox.url}/${TENANT}/production` });
  expect(created.status).toBe(201);
  const companies = created.body.companies as { id: string; name: string }[];
  const evilCo = companies.find((c) => c.name === 'Evil Co')?.id ?? '';
  const secondCo = companies.find((c) => c.name === 'Second Co')?.id ?? '';
  expect(evilCo && secondCo).toBeTruthy();
  return { s, alice, bob, evilCo, secondCo };
}

export const sheet = (wb: ExcelJS.Workbook) => wb.worksheets[0] as ExcelJS.Worksheet;
