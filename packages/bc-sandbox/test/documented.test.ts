/**
 * The entity sets and properties the API v2.0 reference documents (learn.microsoft.com .../api-reference/v2.0/resources/
 * dynamics_<entity>), both navigation paths of document lines, the demo cases that catch connectors out (an End-Total
 * account in the Cash subcategory, a company without generalLedgerSetup), exchange rates the ledger agrees with, and
 * dates that stay relative to today.
 */
import { DEMO_TENANT_IDS, createSandbox } from '../src/index';
import { TODAY, firstCompany, start, type Started } from './helpers';

const LINE_COMMON = ['id', 'documentId', 'sequence', 'itemId', 'accountId', 'lineType', 'lineObjectNumber', 'description', 'unitOfMeasureId',
  'unitOfMeasureCode', 'quantity', 'discountAmount', 'discountPercent', 'discountAppliedBeforeTax', 'amountExcludingTax', 'taxCode', 'taxPercent',
  'totalTaxAmount', 'amountIncludingTax', 'netAmount', 'netTaxAmount', 'netAmountIncludingTax', 'itemVariantId'];

/** Each documented line entity: its header set and the properties its resource page lists. */
const LINES: Record<string, { header: string; fields: string[] }> = {
  purchaseInvoiceLines: { header: 'purchaseInvoices', fields: [...LINE_COMMON, 'unitCost', 'invoiceDiscountAllocation', 'expectedReceiptDate', 'locationId'] },
  purchaseCreditMemoLines: { header: 'purchaseCreditMemos', fields: [...LINE_COMMON, 'unitCost', 'invoiceDiscountAllocation', 'locationId'] },
  salesOrderLines: { header: 'salesOrders', fields: [...LINE_COMMON, 'unitPrice', 'invoiceDiscountAllocation', 'shipmentDate', 'shippedQuantity',
    'invoicedQuantity', 'invoiceQuantity', 'shipQuantity'] },
  salesQuoteLines: { header: 'salesQuotes', fields: [...LINE_COMMON, 'unitPrice'] },
  salesCreditMemoLines: { header: 'salesCreditMemos', fields: [...LINE_COMMON, 'unitPrice', 'invoiceDiscountAllocation', 'shipmentDate', 'locationId'] },
};

const sorted = (keys: string[]) => keys.filter((k) => !k.startsWith('@odata')).sort();
const cents = (x: unknown) => Math.round(Number(x) * 100);

let s: Started;
let base: string;
beforeAll(async () => {
  s = await start();
  const c = firstCompany(s.sandbox);
  base = `${c.api}/companies(${c.companyId})`;
});
afterAll(() => s.sandbox.close());

describe('document lines, as Business Central documents them', () => {
  it.each(Object.entries(LINES))('%s: the documented properties, company-wide and under each document, adding up to the document', async (set, { header, fields }) => {
    const all = await s.get(`${base}/${set}`);
    expect(all.status).toBe(200);
    expect(all.body.value.length).toBeGreaterThan(0);
    expect(sorted(Object.keys(all.body.value[0]))).toEqual([...fields].sort());
    const docs = (await s.get(`${base}/${header}?$top=3&$select=id,totalAmountExcludingTax,totalTaxAmount`)).body.value;
    for (const doc of docs) {
      const nested = await s.get(`${base}/${header}(${doc.id})/${set}`);
      expect(nested.status).toBe(200);
      expect(nested.body['@odata.context']).toContain(`${header}(${doc.id})/${set}`);
      const lines = nested.body.value;
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l: any) => l.documentId === doc.id)).toBe(true);
      expect(lines.reduce((t: number, l: any) => t + cents(l.amountExcludingTax), 0)).toBe(cents(doc.totalAmountExcludingTax));
      expect(lines.reduce((t: number, l: any) => t + cents(l.totalTaxAmount), 0)).toBe(cents(doc.totalTaxAmount));
      // The same lines company-wide, filtered by document, and one line by its id under its document.
      const filtered = (await s.get(`${base}/${set}?$filter=documentId eq ${doc.id}`)).body.value;
      expect(filtered.map((l: any) => l.id)).toEqual(lines.map((l: any) => l.id));
      const one = await s.get(`${base}/${header}(${doc.id})/${set}(${lines[0].id})`);
      expect(one.body).toMatchObject({ id: lines[0].id, '@odata.context': expect.stringContaining('/$entity') });
    }
    const expanded = (await s.get(`${base}/${header}?$top=1&$expand=${set}`)).body.value[0];
    expect(expanded[set].length).toBeGreaterThan(0);
  });

  it('refuses lines of another document kind and of an unknown document', async () => {
    const inv = (await s.get(`${base}/purchaseInvoices?$top=1`)).body.value[0];
    expect((await s.get(`${base}/purchaseInvoices(${inv.id})/salesInvoiceLines`)).status).toBe(404);
    expect((await s.get(`${base}/purchaseInvoices?$expand=salesOrderLines`)).status).toBe(400);
    const missing = await s.get(`${base}/purchaseInvoices(00000000-0000-0000-0000-00000000abcd)/purchaseInvoiceLines`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/purchaseInvoice does not exist/);
  });
});

describe('documented properties of headers and setup entities', () => {
  it('serves the properties the resource pages list', async () => {
    const first = async (set: string) => (await s.get(`${base}/${set}?$top=1`)).body.value[0];
    expect(Object.keys(await first('salesCreditMemos'))).toContain('shipmentMethodId');
    expect(sorted(Object.keys(await first('purchaseCreditMemos')))).toEqual([
      'id', 'number', 'creditMemoDate', 'postingDate', 'dueDate', 'vendorId', 'vendorNumber', 'vendorName', 'payToVendorId', 'payToVendorNumber',
      'payToName', 'buyFromAddressLine1', 'buyFromAddressLine2', 'buyFromCity', 'buyFromCountry', 'buyFromState', 'buyFromPostCode',
      'payToAddressLine1', 'payToAddressLine2', 'payToCity', 'payToCountry', 'payToState', 'payToPostCode', 'shortcutDimension1Code',
      'shortcutDimension2Code', 'currencyId', 'currencyCode', 'paymentTermsId', 'shipmentMethodId', 'purchaser', 'pricesIncludeTax',
      'discountAmount', 'discountAppliedBeforeTax', 'totalAmountExcludingTax', 'totalTaxAmount', 'totalAmountIncludingTax', 'status',
      'lastModifiedDateTime', 'invoiceId', 'invoiceNumber', 'vendorReturnReasonId',
    ].sort());
    expect(Object.keys(await first('salesQuotes'))).not.toContain('discountAppliedBeforeTax');
    expect(await first('generalLedgerSetup')).toMatchObject({ localCurrencyCode: 'GBP', allowQueryFromConsolidation: false });
    expect(sorted(Object.keys(await first('taxAreas')))).toEqual(['code', 'displayName', 'id', 'lastModifiedDateTime', 'taxType']);
  });

  it('lists the tax areas customers point at: VAT business posting groups in a VAT company', async () => {
    const areas = (await s.get(`${base}/taxAreas`)).body.value;
    expect(areas.map((a: any) => a.code)).toEqual(['DOMESTIC', 'EU', 'EXPORT']);
    expect(areas.every((a: any) => a.taxType === 'VAT')).toBe(true);
    const customers = (await s.get(`${base}/customers?$select=taxAreaId`)).body.value;
    expect(customers.every((c: any) => areas.some((a: any) => a.id === c.taxAreaId))).toBe(true);
    const one = await s.get(`${base}/taxAreas(${areas[0].id})`);
    expect(one.body.code).toBe('DOMESTIC');
  });
});

describe('currencyExchangeRates', () => {
  it('has a rate for every foreign currency a document uses, and the ledger converts at the rate of the posting date', async () => {
    const rates = (await s.get(`${base}/currencyExchangeRates?$orderby=currencyCode,startingDate`)).body.value;
    expect(sorted(Object.keys(rates[0]))).toEqual(['currencyCode', 'exchangeRateAmount', 'id', 'lastModifiedDateTime', 'relationalCurrencyCode',
      'relationalExchangeRateAmount', 'startingDate']);
    expect(rates.every((r: any) => r.exchangeRateAmount === 1 && r.relationalCurrencyCode === '' && r.relationalExchangeRateAmount > 0)).toBe(true);
    const c = firstCompany(s.sandbox);
    const data = s.sandbox.data(c.tenantId, c.environment, c.companyId);
    const foreign = data.openItems.filter((i) => i.currencyCode !== data.lcy);
    expect(foreign.length).toBeGreaterThan(0);
    for (const item of foreign) {
      const inForce = rates.filter((r: any) => r.currencyCode === item.currencyCode && r.startingDate <= item.postingDate).at(-1);
      expect(inForce).toBeDefined();
      const doc = data.salesInvoices.find((i) => i.number === item.documentNumber) ?? data.purchaseInvoices.find((i) => i.number === item.documentNumber)
        ?? data.salesCreditMemos.find((i) => i.number === item.documentNumber) ?? data.purchaseCreditMemos.find((i) => i.number === item.documentNumber);
      expect(Math.abs(item.amountLcyCents)).toBe(Math.round(cents(doc?.totalAmountIncludingTax) * inForce.relationalExchangeRateAmount));
    }
    // Rates change over time (three starting dates per currency), the latest in force today.
    const eur = rates.filter((r: any) => r.currencyCode === 'EUR');
    expect(eur.map((r: any) => r.startingDate)).toEqual(['2024-03-12', '2024-12-17', '2025-05-16']);
    expect(new Set(eur.map((r: any) => r.relationalExchangeRateAmount)).size).toBe(3);
    expect(eur.at(-1).relationalExchangeRateAmount).toBe(0.85);
  });
});

describe('demo cases', () => {
  it('has an End-Total account in the Cash subcategory that totals the cash accounts (so counting both would double cash)', async () => {
    const cash = (await s.get(`${base}/accounts?$filter=subCategory eq 'Cash'`)).body.value;
    const total = cash.filter((a: any) => a.accountType === 'End Total');
    const posting = cash.filter((a: any) => a.accountType === 'Posting');
    expect(total).toHaveLength(1);
    expect(posting.length).toBeGreaterThanOrEqual(3);
    const sum = posting.reduce((t: number, a: any) => t + cents(a.netChange), 0);
    expect(sum).toBeGreaterThan(0);
    expect(cents(total[0].netChange)).toBe(sum);
  });

  it('has a company without generalLedgerSetup: 404 for that entity set (also in $batch), everything else served', async () => {
    const tenant = s.sandbox.tenants.find((t) => t.tenantId === DEMO_TENANT_IDS.litware)!;
    const company = tenant.environments[0]!.companies[0]!;
    const api = `/v2.0/${tenant.tenantId}/production/api/v2.0`;
    const litware = `${api}/companies(${company.id})`;
    const gl = await s.get(`${litware}/generalLedgerSetup`);
    expect(gl.status).toBe(404);
    expect(gl.body.error).toEqual({ code: 'BadRequest_NotFound', message: `No HTTP resource was found that matches the request URI '${s.url}${litware}/generalLedgerSetup'.` });
    expect((await s.get(`${litware}/currencyExchangeRates`)).status).toBe(404);
    const denied = await s.get(`${litware}/purchaseCreditMemos`);
    expect(denied.status).toBe(400);
    expect(denied.body.error.message).toMatch(/^You do not have the following permissions on Page APIV2 - Purchase Credit Memos: Execute\./);
    expect((await s.get(`${litware}/companyInformation`)).body.value[0].currencyCode).toBe('GBP');
    const batch = await s.post(`${api}/$batch`, { requests: ['generalLedgerSetup', 'companyInformation', 'salesInvoices?$top=1', 'accounts?$top=1'].map((u, i) => ({
      id: String(i), method: 'GET', url: `companies(${company.id})/${u}` })) });
    expect(batch.body.responses.map((r: any) => r.status)).toEqual([404, 200, 200, 200]);
    // Other companies still have it.
    expect((await s.get(`${base}/generalLedgerSetup`)).status).toBe(200);
  });

  it('keeps the demo dates relative to today', () => {
    const dueToday = (today: string) => {
      const sb = createSandbox({ today });
      const c = firstCompany(sb);
      const d = sb.data(c.tenantId, c.environment, c.companyId);
      return { invoices: d.salesInvoices.filter((i) => i.status === 'Open' && i.dueDate === today).length, rate: d.currencyExchangeRates.at(-1)?.startingDate };
    };
    expect(dueToday(TODAY)).toEqual({ invoices: expect.any(Number), rate: '2025-05-16' });
    expect(dueToday(TODAY).invoices).toBeGreaterThan(0);
    expect(dueToday('2031-02-03')).toMatchObject({ rate: '2031-01-04' });
    expect(dueToday('2031-02-03').invoices).toBeGreaterThan(0);
    // Without a date the sandbox uses the machine's today.
    const now = new Date().toISOString().slice(0, 10);
    const sb = createSandbox();
    const c = firstCompany(sb);
    expect(sb.data(c.tenantId, c.environment, c.companyId).salesInvoices.some((i) => i.status === 'Open' && i.dueDate === now)).toBe(true);
  });
});
