import { companyLink, glAccountLink, invoiceLink, isPostedStatus, purchaseInvoiceLink, salesInvoiceLink, type DeepLinkTarget } from '../../src/domain/deep-links';

const T: DeepLinkTarget = { webBase: 'https://businesscentral.dynamics.com/', ref: { tenant: 'contoso.onmicrosoft.com', environment: 'production' }, companyName: 'CRONUS UK Ltd.' };
const BASE = 'https://businesscentral.dynamics.com/contoso.onmicrosoft.com/production/?company=CRONUS%20UK%20Ltd.';

describe('Go To Company deep links', () => {
  it('opens the company (tenant in the path, company name escaped with %20)', () => {
    expect(companyLink(T)).toBe(BASE);
    expect(companyLink({ ...T, companyName: "O'Neil & Sons + Co" })).toBe(
      'https://businesscentral.dynamics.com/contoso.onmicrosoft.com/production/?company=O%27Neil%20%26%20Sons%20%2B%20Co');
  });

  it('opens a posted sales invoice on page 132 and a posted purchase invoice on page 138, filtered by No.', () => {
    expect(salesInvoiceLink(T, 'PS-INV103001')).toBe(`${BASE}&page=132&filter=%27No.%27%20IS%20%27PS-INV103001%27`);
    expect(purchaseInvoiceLink(T, '108001')).toBe(`${BASE}&page=138&filter=%27No.%27%20IS%20%27108001%27`);
  });

  it('opens an open (draft) sales invoice on page 43 and purchase invoice on page 51, by document type and No.', () => {
    expect(invoiceLink(T, 'sales', 'S-INV1001', false)).toBe(
      `${BASE}&page=43&filter=%27Document%20Type%27%20IS%20%27Invoice%27%20AND%20%27No.%27%20IS%20%27S-INV1001%27`);
    expect(invoiceLink(T, 'purchase', 'P-INV1001', false)).toContain('&page=51&filter=%27Document%20Type%27%20IS%20%27Invoice%27%20AND%20%27No.%27');
  });

  it('decodes to the documented filter syntax, quotes doubled', () => {
    const url = new URL(salesInvoiceLink(T, "A'1"));
    expect(url.searchParams.get('company')).toBe('CRONUS UK Ltd.');
    expect(url.searchParams.get('page')).toBe('132');
    expect(url.searchParams.get('filter')).toBe("'No.' IS 'A''1'");
    expect(new URL(glAccountLink(T, '2910')).searchParams.get('filter')).toBe("'No.' IS '2910'");
  });

  it('keeps a sandbox or on-premises web base and escapes tenant and environment', () => {
    expect(companyLink({ ...T, webBase: 'http://127.0.0.1:4010', ref: { tenant: 'a/b', environment: 'x y' } })).toBe('http://127.0.0.1:4010/a%2Fb/x%20y/?company=CRONUS%20UK%20Ltd.');
  });

  it('tells posted statuses from unposted ones', () => {
    expect(['Open', 'Paid', 'Canceled', 'Corrective'].map(isPostedStatus)).toEqual([true, true, true, true]);
    expect(['Draft', 'In Review', 'In_x0020_Review'].map(isPostedStatus)).toEqual([false, false, false]);
  });
});
