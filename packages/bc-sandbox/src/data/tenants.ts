/** The demo client tenants, and large generated sets for benchmarks. */
import type { TenantSpec } from '../types';
import { guidFrom } from '../util/prng';

/** Fixed ids so demo configuration (client URLs) survives restarts and seed changes. */
export const DEMO_TENANT_IDS = {
  contoso: '7a3f2c1e-5b8d-4e6f-9a01-c0a1b2c3d4e5',
  fabrikam: '2b9e4d7a-1c3f-4a5b-8d6e-f0a1b2c3d4e6',
  adventureWorks: '5c1d8e3f-7a2b-4c9d-a6e0-b1c2d3e4f5a7',
  northwind: '9e6f3a2b-4d1c-4e8f-b7a0-c1d2e3f4a5b8',
  tailspin: '3d8a5f1c-2e7b-4f0a-9c6d-e1f2a3b4c5d9',
  litware: '6b4e2d9a-8c3f-4d1e-a5b7-f2a3b4c5d6e1',
} as const;

export function demoTenants(): TenantSpec[] {
  return [
    {
      tenantId: DEMO_TENANT_IDS.contoso, clientName: 'Contoso Ltd', domain: 'contoso.co.uk',
      environments: [
        { name: 'production', type: 'Production', countryCode: 'GB', companies: [
          { kind: 'generated', name: 'Contoso Ltd', currencyCode: 'GBP', seedOffset: 1, documents: 1400 },
          { kind: 'generated', name: 'Contoso Retail Ltd', currencyCode: 'GBP', seedOffset: 2, documents: 2000, customers: 20, taxPeriod: 'month' },
        ] },
        { name: 'sandbox', type: 'Sandbox', countryCode: 'GB', companies: [
          { kind: 'generated', name: 'Contoso Ltd (Test)', displayName: 'Contoso Ltd - Test', currencyCode: 'GBP', seedOffset: 3, documents: 300 },
        ] },
      ],
    },
    {
      tenantId: DEMO_TENANT_IDS.fabrikam, clientName: 'Fabrikam GmbH', domain: 'fabrikam.de', enumEncoding: 'x0020',
      environments: [{ name: 'production', type: 'Production', countryCode: 'DE', companies: [
        { kind: 'generated', name: 'Fabrikam GmbH', currencyCode: 'EUR', seedOffset: 4, documents: 1100, countryCode: 'DE' },
      ] }],
    },
    {
      tenantId: DEMO_TENANT_IDS.adventureWorks, clientName: 'Adventure Works Inc', domain: 'adventure-works.com',
      environments: [{ name: 'production', type: 'Production', countryCode: 'US', companies: [
        { kind: 'generated', name: 'Adventure Works Inc', currencyCode: 'USD', seedOffset: 5, documents: 1600, countryCode: 'US' },
      ] }],
    },
    {
      tenantId: DEMO_TENANT_IDS.northwind, clientName: 'Northwind Traders Ltd', domain: 'northwindtraders.co.uk',
      environments: [{ name: 'production', type: 'Production', countryCode: 'GB', companies: [
        { kind: 'generated', name: 'Northwind Traders Ltd', currencyCode: 'GBP', seedOffset: 6, documents: 700 },
      ] }],
    },
    {
      tenantId: DEMO_TENANT_IDS.tailspin, clientName: 'Tailspin Toys Ltd', domain: 'tailspintoys.co.uk',
      environments: [{ name: 'production', type: 'Production', countryCode: 'GB', companies: [
        { kind: 'generated', name: 'Tailspin Toys Ltd', currencyCode: 'GBP', seedOffset: 7, documents: 500, taxPeriod: 'month' },
        { kind: 'generated', name: 'Tailspin Toys Europe GmbH', currencyCode: 'EUR', seedOffset: 8, documents: 400, countryCode: 'DE' },
      ] }],
    },
    {
      // An environment from before the generalLedgerSetup and currencyExchangeRates API pages (both documented from
      // 2024), where the accountant's permission set also leaves out purchase credit memos.
      tenantId: DEMO_TENANT_IDS.litware, clientName: 'Litware Ltd', domain: 'litware.co.uk',
      environments: [{ name: 'production', type: 'Production', countryCode: 'GB', companies: [
        { kind: 'generated', name: 'Litware Ltd', currencyCode: 'GBP', seedOffset: 9, documents: 600,
          missingEntities: ['generalLedgerSetup', 'currencyExchangeRates'], deniedEntities: ['purchaseCreditMemos'] },
      ] }],
    },
  ];
}

/** One tenant per environment ('production'), named "Client 001 Ltd"...; LCY alternates GBP/EUR. */
export function generatedTenants(spec: { environments: number; companiesPerEnvironment: number; documentsPerCompany: number }): TenantSpec[] {
  const tenants: TenantSpec[] = [];
  for (let e = 0; e < spec.environments; e++) {
    const client = `Client ${String(e + 1).padStart(3, '0')}`;
    const companies = Array.from({ length: spec.companiesPerEnvironment }, (_, c) => {
      const currencyCode = (e + c) % 2 === 0 ? 'GBP' : 'EUR';
      return { kind: 'generated' as const, name: c === 0 ? `${client} Ltd` : `${client} Subsidiary ${c}`, currencyCode,
        seedOffset: 1000 + e * 100 + c, documents: spec.documentsPerCompany, countryCode: currencyCode === 'EUR' ? 'DE' : 'GB' };
    });
    tenants.push({ tenantId: guidFrom(`bench-tenant-${e}`), clientName: `${client} Ltd`,
      environments: [{ name: 'production', type: 'Production', companies }] });
  }
  return tenants;
}
