import { parseClientUrl } from '../../src/domain/client-url';

const TENANT = '1a23b456-7c89-4d01-a234-56789abcdef0';

describe('parseClientUrl accepts what accountants paste', () => {
  it.each([
    [`https://businesscentral.dynamics.com/${TENANT}/Production`, TENANT, 'Production', undefined],
    [`https://businesscentral.dynamics.com/${TENANT}/Production/`, TENANT, 'Production', undefined],
    [`businesscentral.dynamics.com/${TENANT}/sandbox?company=CRONUS%20UK%20Ltd.&page=9305`, TENANT, 'sandbox', 'CRONUS UK Ltd.'],
    ['https://businesscentral.dynamics.com/contoso.onmicrosoft.com/Production/?company=Contoso&page=21&filter=%27No.%27%20IS%20%2710000%27', 'contoso.onmicrosoft.com', 'Production', 'Contoso'],
    [`https://businesscentral.dynamics.com/${TENANT}`, TENANT, 'Production', undefined],
    [`https://businesscentral.dynamics.com/Production?tenant=${TENANT}`, TENANT, 'Production', undefined],
    [`https://api.businesscentral.dynamics.com/v2.0/${TENANT}/Production/api/v2.0/companies`, TENANT, 'Production', undefined],
    [`https://api.businesscentral.dynamics.com/v2.0/${TENANT.toUpperCase()}/UAT/api/v2.0`, TENANT, 'UAT', undefined],
  ])('%s', (url, tenant, environment, company) => {
    const r = parseClientUrl(url);
    expect(r).toMatchObject({ ok: true, ref: { tenant, environment, origin: 'https://businesscentral.dynamics.com' }, normalizedUrl: `https://businesscentral.dynamics.com/${tenant}/${environment}` });
    if (r.ok) expect(r.ref.company).toBe(company);
  });

  it('accepts configured extra hosts (sandbox, on-premises) and keeps their origin', () => {
    const r = parseClientUrl(`http://127.0.0.1:4010/${TENANT}/production`, ['127.0.0.1:4010']);
    expect(r).toMatchObject({ ok: true, ref: { origin: 'http://127.0.0.1:4010' }, normalizedUrl: `http://127.0.0.1:4010/${TENANT}/production` });
  });
});

describe('parseClientUrl says what is wrong', () => {
  it.each([
    ['', /empty/],
    ['http://[bad', /not a web address/],
    ['https://evil.example.com/tenant/prod', /not a Business Central address/],
    ['http://169.254.169.254/latest/meta-data', /not a Business Central address/],
    [`http://127.0.0.1:4010/${TENANT}/production`, /not a Business Central address/],
    [`http://businesscentral.dynamics.com/${TENANT}/Production`, /https/],
    ['https://businesscentral.dynamics.com/Production', /tenant/],
    [`https://user:pw@businesscentral.dynamics.com/${TENANT}/Production`, /user name/],
    [`https://businesscentral.dynamics.com/${TENANT}/no%20spaces%20allowed`, /not a valid environment/],
  ])('%s', (url, message) => {
    const r = parseClientUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
