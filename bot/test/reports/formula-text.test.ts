/**
 * CSV/formula injection (OWASP): client, company, customer, vendor and account names that start with =, +, -, @, tab
 * or CR reach the workbooks with a leading single quote, so they stay text after an edit or a CSV export; the hub's
 * own formulas and the amounts are unchanged. Workbooks come through the HTTP report routes, read back as sheet XML.
 */
import type { TenantSpec } from '@hub/bc-sandbox';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { download } from './fixture';
import { checkFormulas, loadWorkbook, sheetXml } from '../../../packages/client-data/test/reports/xlsx-check';

const TENANT = '21111111-2222-4333-8444-555555555555';
const HOSTILE_CLIENT = '=1+2 Client';
const HOSTILE_COMPANY = '@Evil Co';
const customers = [
  { number: '=N1', name: '=HYPERLINK("http://evil.example","Click")' },
  { number: 'N2', name: '-2+3' },
  { number: 'N3', name: '\tTab Ltd' },
  { number: 'N4', name: '\rCR Ltd' },
  { number: 'N5', name: '+44 Ltd' },
  { number: 'N6', name: '-12' },
  { number: 'N7', name: 'Plain = Ltd' },
];
const VENDOR = { number: '-V1', name: "@cmd|' /C calc'!A0" };
const ACCOUNT_NAMES = { '1310': '=1+1 Receivables', '1110': '-Land' };
const tenants: TenantSpec[] = [{
  tenantId: TENANT, clientName: HOSTILE_CLIENT,
  environments: [{ name: 'production', companies: [{
    kind: 'explicit', name: HOSTILE_COMPANY, currencyCode: 'GBP', openingCash: 1000, accountNames: ACCOUNT_NAMES,
    customers, vendors: [VENDOR],
    salesInvoices: customers.map((c, i) => ({ party: c.number, date: -40, dueDate: -35 + i, amount: 100 + i })),
    purchaseInvoices: [{ party: VENDOR.number, date: -10, dueDate: 5, amount: 50 }],
  }] }],
}];

/** Every string cell of a sheet (exceljs writes `t="str"` with `<v>`; `inlineStr` also read): reference → text. */
function textCells(xml: string): Map<string, string> {
  const decode = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*t="(?:str|inlineStr)"[^>]*>(?:<is><t[^>]*>|<v>)([\s\S]*?)<\/(?:t|v)>/g)) {
    out.set(m[1] as string, decode(m[2] as string));
  }
  return out;
}

const formulasOf = (xml: string) => [...xml.matchAll(/<f>([\s\S]*?)<\/f>/g)].map((m) => m[1] as string);

describe('workbooks neutralise formula-looking text', () => {
  let s: TestServer;
  let alice: string;
  let company: string;

  beforeAll(async () => {
    s = await startTestServer({ sandbox: { tenants } });
    alice = await s.signIn('Alice Accountant');
    const created = await s.api(alice, 'POST', '/api/v1/clients', { name: HOSTILE_CLIENT, clientUrl: `${s.sandbox.url}/${TENANT}/production` });
    expect(created.status).toBe(201);
    company = (created.body.companies as { id: string }[])[0]?.id ?? '';
  }, 60_000);
  afterAll(async () => { await s?.close(); });

  const xlsx = async (kind: string) => {
    const r = await download(s, alice, `/api/v1/companies/${company}/reports/${kind}.xlsx`);
    expect([kind, r.status]).toEqual([kind, 200]);
    const [xml] = await sheetXml(r.buf);
    return { buf: r.buf, xml: xml as string, texts: [...textCells(xml as string).values()] };
  };

  it('aged receivables: hostile customer names and numbers, the client and company names get a leading quote', async () => {
    const { buf, xml, texts } = await xlsx('aged-receivables');
    expect(texts).toContain(`'${HOSTILE_CLIENT} - ${HOSTILE_COMPANY}`);
    for (const c of customers.slice(0, 5)) expect(texts).toContain(`'${c.name}`);
    expect(texts).toContain("'=N1");
    // A plain number cannot run anything and text that does not start with a trigger is left as it is.
    expect(texts).toContain('-12');
    expect(texts).toContain('Plain = Ltd');
    // No text cell a spreadsheet would read as a formula; the hub's own formulas are still there and still add up.
    for (const t of texts) expect([t, /^[=+\-@\t\r]/.test(t) && !/^-\d+$/.test(t)]).toEqual([t, false]);
    const fs = formulasOf(xml);
    expect(fs.length).toBeGreaterThan(10);
    for (const f of fs) expect(f).toMatch(/^(SUM\([A-Z0-9:,]+\)|IF\(\$H\$\d+=0,0,[A-Z]\d+\/\$H\$\d+\))$/);
    const ws = (await loadWorkbook(buf)).worksheets[0];
    if (!ws) throw new Error('no worksheet');
    expect(checkFormulas(ws).find((f) => f.formula.startsWith('SUM(H'))?.result).toBeCloseTo(customers.reduce((sum, _c, i) => sum + (100 + i) * 1.2, 0), 2);
  });

  it('aged payables, trial balance: vendor numbers and names, renamed accounts', async () => {
    const payables = await xlsx('aged-payables');
    expect(payables.texts).toEqual(expect.arrayContaining([`'${VENDOR.name}`, `'${VENDOR.number}`]));
    const trial = await xlsx('trial-balance');
    expect(trial.texts).toEqual(expect.arrayContaining(["'=1+1 Receivables", "'-Land"]));
    for (const { xml, texts } of [payables, trial]) {
      for (const t of texts) expect([t, /^[=+\-@\t\r]/.test(t)]).toEqual([t, false]);
      for (const f of formulasOf(xml)) expect(f).not.toMatch(/cmd|HYPERLINK|Receivables|Land/);
    }
  });
});
