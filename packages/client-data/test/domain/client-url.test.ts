import { parseClientUrl } from '../../src/domain/client-url';

const TENANT = '1a23b456-7c89-4d01-a234-56789abcdef0';
const WEB = 'https://businesscentral.dynamics.com';

describe('parseClientUrl accepts what accountants paste', () => {
  it.each([
    // Web client: tenant + environment, with or without trailing slash, scheme, parameters.
    [`${WEB}/${TENANT}/Production`, TENANT, 'production', undefined],
    [`${WEB}/${TENANT}/Production/`, TENANT, 'production', undefined],
    [`${WEB}/${TENANT}/production?company=CRONUS%20UK%20Ltd.&page=21`, TENANT, 'production', 'CRONUS UK Ltd.'],
    [`businesscentral.dynamics.com/${TENANT}/sandbox?company=CRONUS%20UK%20Ltd.&page=9305`, TENANT, 'sandbox', 'CRONUS UK Ltd.'],
    [`//businesscentral.dynamics.com/${TENANT}/SANDBOX`, TENANT, 'sandbox', undefined],
    [`www.businesscentral.dynamics.com/${TENANT}/UAT-2`, TENANT, 'uat-2', undefined],
    [`http://businesscentral.dynamics.com/${TENANT}/Production`, TENANT, 'production', undefined],
    [`HTTPS://BusinessCentral.Dynamics.com/${TENANT}/Production`, TENANT, 'production', undefined],
    [`${WEB}/contoso.onmicrosoft.com/Production/?company=Contoso&page=21&filter=%27No.%27%20IS%20%2710000%27`, 'contoso.onmicrosoft.com', 'production', 'Contoso'],
    [`${WEB}/Contoso.OnMicrosoft.com/Production/?company=Contoso%20%26%20Sons&bookmark=27%3bEgAAAAJ7`, 'contoso.onmicrosoft.com', 'production', 'Contoso & Sons'],
    [`${WEB}/${TENANT}/production/?company=A%2BB&page=132&filter='No.' IS '103001'&dc=0`, TENANT, 'production', 'A+B'],
    [`${WEB}/${TENANT}/production/?company=Fabrikam#bookmark`, TENANT, 'production', 'Fabrikam'],
    // Tenant only: Business Central opens production.
    [`${WEB}/${TENANT}`, TENANT, 'production', undefined],
    [`${WEB}/${TENANT}?redirectedfromsignup=1`, TENANT, 'production', undefined],
    [`${WEB}/${TENANT}/?company=Contoso`, TENANT, 'production', 'Contoso'],
    [`${WEB}/${TENANT}/SignIn?ReturnUrl=%2F`, TENANT, 'production', undefined],
    [`${WEB}/${TENANT}/test/SignIn?ReturnUrl=%2F`, TENANT, 'test', undefined],
    [`${WEB}/${TENANT}/Production/deeplink?company=X`, TENANT, 'production', 'X'],
    // ?tenant= in the query.
    [`${WEB}/Production?tenant=${TENANT}`, TENANT, 'production', undefined],
    [`${WEB}/?tenant=${TENANT}&company=Contoso`, TENANT, 'production', 'Contoso'],
    [`${WEB}/sandbox/?company=X&tenant=contoso.com`, 'contoso.com', 'sandbox', 'X'],
    // API URLs.
    [`https://api.businesscentral.dynamics.com/v2.0/${TENANT}/Production/api/v2.0/companies`, TENANT, 'production', undefined],
    [`https://api.businesscentral.dynamics.com/v2.0/${TENANT.toUpperCase()}/UAT/api/v2.0`, TENANT, 'uat', undefined],
    [`api.businesscentral.dynamics.com/v2.0/${TENANT}/sandbox/api/v2.0/companies(0f000000-0000-4000-8000-000000000001)/salesInvoices?$top=1`, TENANT, 'sandbox', undefined],
    [`https://api.businesscentral.dynamics.com/v2.0/${TENANT}/Production/ODataV4/Company('CRONUS%20UK%20Ltd.')/Customers`, TENANT, 'production', 'CRONUS UK Ltd.'],
    [`https://api.businesscentral.dynamics.com/v2.0/${TENANT}/Production/api/microsoft/automation/v2.0/companies`, TENANT, 'production', undefined],
    [`https://api.businesscentral.dynamics.com/v1.0/contoso.com/api/v1.0/companies`, 'contoso.com', 'production', undefined],
    [`https://api.businesscentral.dynamics.com/v2.0/Production/api/v2.0?tenant=${TENANT}`, TENANT, 'production', undefined],
    // What mail clients and chats wrap around a link.
    [`<${WEB}/${TENANT}/Production>`, TENANT, 'production', undefined],
    [`  "${WEB}/${TENANT}/Production".  `, TENANT, 'production', undefined],
    [`(${WEB}/${TENANT}/Production/)`, TENANT, 'production', undefined],
  ])('%s', (url, tenant, environment, company) => {
    const r = parseClientUrl(url);
    expect(r).toMatchObject({ ok: true, ref: { tenant, environment, origin: WEB }, normalizedUrl: `${WEB}/${tenant}/${environment}` });
    if (r.ok) expect(r.ref.company).toBe(company);
  });

  it('normalises to the same address however it was pasted', () => {
    const forms = [`${WEB}/${TENANT}/Production`, `businesscentral.dynamics.com/${TENANT.toUpperCase()}/PRODUCTION/?company=X`, `${WEB}/${TENANT}`,
      `https://api.businesscentral.dynamics.com/v2.0/${TENANT}/production/api/v2.0/companies`];
    const urls = new Set(forms.map((f) => { const r = parseClientUrl(f); return r.ok ? r.normalizedUrl : r.message; }));
    expect([...urls]).toEqual([`${WEB}/${TENANT}/production`]);
  });

  it('accepts configured extra hosts (sandbox, on-premises) and keeps their origin and scheme', () => {
    const r = parseClientUrl(`http://127.0.0.1:4010/${TENANT}/production`, ['127.0.0.1:4010']);
    expect(r).toMatchObject({ ok: true, ref: { origin: 'http://127.0.0.1:4010' }, normalizedUrl: `http://127.0.0.1:4010/${TENANT}/production` });
    const api = parseClientUrl(`http://127.0.0.1:4010/v2.0/${TENANT}/Sandbox/api/v2.0/companies`, { extraHosts: ['127.0.0.1:4010'] });
    expect(api).toMatchObject({ ok: true, ref: { environment: 'sandbox', origin: 'http://127.0.0.1:4010' } });
  });

  it('takes the Business Central hosts from configuration (other clouds)', () => {
    const r = parseClientUrl(`https://bc.example.cn/${TENANT}/production`, { webHost: 'bc.example.cn', apiHost: 'api.bc.example.cn' });
    expect(r).toMatchObject({ ok: true, ref: { origin: 'https://bc.example.cn' } });
    expect(parseClientUrl(`${WEB}/${TENANT}/production`, { webHost: 'bc.example.cn', apiHost: 'api.bc.example.cn' })).toMatchObject({ ok: false, kind: 'host_not_allowed' });
  });
});

describe('parseClientUrl says what is wrong', () => {
  it.each([
    ['', 'malformed', /empty/],
    ['   ', 'malformed', /empty/],
    ['http://[bad', 'malformed', /not a web address/],
    ['ftp://businesscentral.dynamics.com/x/y', 'malformed', /https/],
    ['https://evil.example.com/tenant/prod', 'host_not_allowed', /not a Business Central address/],
    ['https://businesscentral.dynamics.com.evil.example/tenant/prod', 'host_not_allowed', /not a Business Central address/],
    ['https://evilbusinesscentral.dynamics.com/x/y', 'host_not_allowed', /not a Business Central address/],
    ['http://169.254.169.254/latest/meta-data', 'host_not_allowed', /not a Business Central address/],
    [`http://127.0.0.1:4010/${TENANT}/production`, 'host_not_allowed', /not a Business Central address/],
    ['https://businesscentral.dynamics.com/Production', 'malformed', /tenant/],
    ['https://api.businesscentral.dynamics.com/v2.0/production/api/v2.0', 'malformed', /tenant/],
    [`https://user:pw@businesscentral.dynamics.com/${TENANT}/Production`, 'malformed', /user name/],
    [`https://businesscentral.dynamics.com/${TENANT}/no%20spaces%20allowed`, 'malformed', /not a valid environment/],
    [`https://businesscentral.dynamics.com/${TENANT}/${'x'.repeat(31)}`, 'malformed', /not a valid environment/],
    ['https://businesscentral.dynamics.com/?tenant=not%20a%20tenant', 'malformed', /not a tenant ID/],
  ])('%s', (url, kind, message) => {
    const r = parseClientUrl(url);
    expect(r).toMatchObject({ ok: false, kind });
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
