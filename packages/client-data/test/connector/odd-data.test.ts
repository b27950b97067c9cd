import { BcHttp } from '../../src/adapters/business-central/bc-http';
import { fetchTransport } from '../../src/adapters/network/http-transport';
import { BusinessCentralSource } from '../../src/adapters/business-central/connector';
import { StaticTokenProvider } from '../../src/adapters/business-central/token-provider';

const env = { tenant: 'contoso.onmicrosoft.com', environment: 'Production', origin: 'https://businesscentral.dynamics.com' };
const company = { bcCompanyId: 'c1', name: 'Contoso' };

/** A Business Central that answers whatever the test says, to see the connector cope with odd data. */
function sourceWith(answer: (url: string, body: string | undefined) => Response) {
  const seen: string[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push(String(url));
    return answer(String(url), init?.body as string | undefined);
  }) as typeof fetch;
  const http = new BcHttp({ maxConcurrent: 5, timeoutMs: 1000, transport: fetchTransport(fetchFn), sleep: async () => undefined });
  const source = new BusinessCentralSource({
    apiBaseUrl: 'https://api.businesscentral.dynamics.com', cloudWebOrigin: 'https://businesscentral.dynamics.com',
    tokens: new StaticTokenProvider('t'), http, maxBatchOperations: 100,
  });
  return { source, seen };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const batchOf = (body: string | undefined, each: (id: string) => unknown) =>
  json({ responses: (JSON.parse(body ?? '{}') as { requests: { id: string }[] }).requests.map((r) => ({ id: r.id, status: 200, body: each(r.id) })) });

describe('connector with odd answers', () => {
  it('calls the configured API host for Business Central online', async () => {
    const bodies: string[] = [];
    const { source, seen } = sourceWith((_u, body) => {
      bodies.push(body ?? '');
      return batchOf(body, () => ({ value: [] }));
    });
    await source.listCompanies(env);
    expect(seen[0]).toBe('https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/Production/api/v2.0/$batch');
    expect(JSON.parse(bodies[0] ?? '')).toMatchObject({ requests: [{ method: 'GET', url: 'companies?$select=id,name,displayName' }] });
  });

  it('refuses a paging link that points at another host (no SSRF through nextLink)', async () => {
    const { source, seen } = sourceWith((_u, body) => batchOf(body, () => ({ value: [{ id: 'a', name: 'A' }], '@odata.nextLink': 'http://169.254.169.254/latest/meta-data' })));
    await expect(source.listCompanies(env)).rejects.toMatchObject({ kind: 'bad_data', message: expect.stringMatching(/another address/) });
    expect(seen).toHaveLength(1);
  });

  it('reports text that is not JSON as bad data', async () => {
    const { source } = sourceWith(() => new Response('<html>maintenance</html>', { status: 200 }));
    await expect(source.listCompanies(env)).rejects.toMatchObject({ kind: 'bad_data' });
  });

  it('reports an unreadable amount as bad data naming the value', async () => {
    const { source } = sourceWith((_u, body) => batchOf(body, (id) => ({
      value: id === 'glSetup' ? [{ localCurrencyCode: 'GBP' }]
        : id === 'salesInvoices' ? [{ id: 'x', number: 'S1', customerName: 'A', dueDate: '2026-01-01', currencyCode: '', totalAmountIncludingTax: 'lots', remainingAmount: 1, status: 'Open' }]
          : [],
    })));
    await expect(source.readCompany(env, company, { today: '2026-11-25', taxPeriod: null })).rejects.toMatchObject({ kind: 'bad_data', message: expect.stringMatching(/"lots"/) });
  });

  it('reports rows that are not records as bad data naming the entity set', async () => {
    const { source } = sourceWith((_u, body) => batchOf(body, (id) => ({ value: id === 'glSetup' ? [{ localCurrencyCode: 'GBP' }] : id === 'purchaseInvoices' ? [42] : [] })));
    await expect(source.readCompany(env, company, { today: '2026-11-25', taxPeriod: null })).rejects.toMatchObject({ kind: 'bad_data', message: expect.stringMatching(/purchaseInvoices record \(#1/) });
  });

  it('treats a blank currency code as the local currency and decodes _x0020_ enums', async () => {
    const { source } = sourceWith((_u, body) => batchOf(body, (id) => ({
      value: id === 'glSetup' ? [{ localCurrencyCode: 'EUR' }]
        : id === 'salesInvoices' ? [
          { id: 'x', number: 'S1', customerName: 'A', dueDate: '2026-01-01', currencyCode: '', totalAmountIncludingTax: 10, remainingAmount: 10, status: 'Open' },
          { id: 'y', number: 'S2', customerName: 'B', dueDate: '0001-01-01', currencyCode: '', totalAmountIncludingTax: 10, remainingAmount: 10, status: 'In_x0020_Review' },
        ] : [],
    })));
    const data = await source.readCompany(env, company, { today: '2026-11-25', taxPeriod: null });
    expect(data.openSalesInvoices).toEqual([expect.objectContaining({ number: 'S1', remaining: { currency: 'EUR', minor: 1000 } })]);
    expect(data.openSalesDocuments.draftInvoices).toBe(1);
  });

  it('fails clearly when the company has no local currency', async () => {
    const { source } = sourceWith((_u, body) => batchOf(body, () => ({ value: [] })));
    await expect(source.readCompany(env, company, { today: '2026-11-25', taxPeriod: null })).rejects.toMatchObject({ kind: 'bad_data', message: expect.stringMatching(/local currency/) });
  });

  it('names the failing part of a $batch answer', async () => {
    const { source } = sourceWith((_u, body) => json({ responses: (JSON.parse(body ?? '{}') as { requests: { id: string }[] }).requests.map((r) => ({ id: r.id, status: r.id === 'accounts' ? 403 : 200, body: r.id === 'accounts' ? { error: { code: 'Forbidden', message: 'No permission to G/L Account' } } : { value: [] } })) }));
    await expect(source.readCompany(env, company, { today: '2026-11-25', taxPeriod: null })).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/No permission to G\/L Account/) });
  });
});
