import { countedRows, type SameCompanyMark } from '@hub/contracts';
import {
  findDuplicates, groupSameCompanies, notCountedCompanies, onePerCompany, sameCompanyMatch, sameCompanyWarning, sameEnvironment, type RankedCompany,
} from '../../src/domain/company-identity';

const BC = 'https://businesscentral.dynamics.com';
const GUID_A = '7a3f2c1e-5b8d-4e6f-9a01-c0a1b2c3d4e5';
const GUID_B = '2b9e4d7a-1c3f-4a5b-8d6e-f0a1b2c3d4e6';
const CO = 'aaaaaaaa-1111-4111-8111-000000000001';
const at = (bcTenant: string, over: Partial<RankedCompany> = {}) => ({ bcOrigin: BC, bcTenant, bcEnvironment: 'production', bcCompanyId: CO, ...over });

describe('sameCompanyMatch', () => {
  it('is exact for the same tenant, environment and company id, whatever their case', () => {
    expect(sameCompanyMatch(at(GUID_A), at(GUID_A.toUpperCase(), { bcEnvironment: 'Production', bcCompanyId: `{${CO.toUpperCase()}}` }))).toBe('exact');
    expect(sameCompanyMatch(at('contoso.com'), at('Contoso.COM'))).toBe('exact');
  });

  it('is likely when one URL names the tenant by GUID and the other by domain (or two domains)', () => {
    expect(sameCompanyMatch(at(GUID_A), at('contoso.com'))).toBe('likely');
    expect(sameCompanyMatch(at('contoso.com'), at('contoso.onmicrosoft.com'))).toBe('likely');
  });

  it('is never the same for two different GUIDs, another environment, company or host', () => {
    expect(sameCompanyMatch(at(GUID_A), at(GUID_B))).toBeNull();
    expect(sameCompanyMatch(at(GUID_A), at(GUID_A, { bcEnvironment: 'sandbox' }))).toBeNull();
    expect(sameCompanyMatch(at(GUID_A), at(GUID_A, { bcCompanyId: 'aaaaaaaa-1111-4111-8111-000000000002' }))).toBeNull();
    expect(sameCompanyMatch(at(GUID_A), at(GUID_A, { bcOrigin: 'https://bc.contoso.local' }))).toBeNull();
  });

  it('sameEnvironment ignores the company', () => {
    expect(sameEnvironment(at(GUID_A), at('contoso.com', { bcCompanyId: 'x' }))).toBe(true);
    expect(sameEnvironment(at(GUID_A), at(GUID_A, { bcEnvironment: 'sandbox' }))).toBe(false);
    expect(sameEnvironment(at(GUID_A), at(GUID_B))).toBe(false);
  });
});

const row = (companyId: string, clientId: string, clientCreatedAt: string, bcTenant: string, over: Partial<RankedCompany> = {}): RankedCompany =>
  ({ companyId, clientId, clientCreatedAt, ...at(bcTenant), ...over });

describe('groupSameCompanies', () => {
  it('counts the row of the client added first, whatever the input order', () => {
    const older = row('r2', 'c2', '2026-01-01T00:00:00.000Z', GUID_A);
    const newer = row('r1', 'c1', '2026-02-01T00:00:00.000Z', 'contoso.com');
    const other = row('r3', 'c3', '2026-03-01T00:00:00.000Z', GUID_A, { bcCompanyId: 'another' });
    for (const rows of [[newer, older, other], [other, older, newer]]) {
      expect(groupSameCompanies(rows)).toEqual([{ counted: older, rows: [older, newer], match: 'likely' }]);
      expect(onePerCompany(rows).map((r) => r.companyId).sort()).toEqual(['r2', 'r3']);
    }
  });

  it('breaks a tie of the same moment by client id, and is exact when every row spells the tenant alike', () => {
    const a = row('r9', 'c1', '2026-01-01T00:00:00.000Z', GUID_A);
    const b = row('r1', 'c2', '2026-01-01T00:00:00.000Z', GUID_A.toUpperCase());
    expect(groupSameCompanies([b, a])).toEqual([{ counted: a, rows: [a, b], match: 'exact' }]);
  });

  it('keeps two tenants apart when two GUIDs share an environment name and company id; domains stay on their own', () => {
    const a = row('a', 'c1', '2026-01-01T00:00:00.000Z', GUID_A);
    const a2 = row('a2', 'c2', '2026-01-02T00:00:00.000Z', GUID_A);
    const b = row('b', 'c3', '2026-01-03T00:00:00.000Z', GUID_B);
    const d = row('d', 'c4', '2026-01-04T00:00:00.000Z', 'contoso.com');
    const d2 = row('d2', 'c5', '2026-01-05T00:00:00.000Z', 'CONTOSO.com');
    expect(groupSameCompanies([d2, b, a2, d, a]).map((g) => g.rows.map((r) => r.companyId))).toEqual([['a', 'a2'], ['d', 'd2']]);
    // Without a second GUID, the domain rows join the GUID spelling.
    expect(groupSameCompanies([d2, a2, d, a]).map((g) => [g.match, g.rows.map((r) => r.companyId)])).toEqual([['likely', ['a', 'a2', 'd', 'd2']]]);
  });

  it('notCountedCompanies reads clients as the hub lists them', () => {
    const client = (id: string, createdAt: string, bcTenant: string, companies: { id: string; bcCompanyId: string }[]) =>
      ({ id, createdAt, bcOrigin: BC, bcTenant, bcEnvironment: 'production', companies });
    const ids = notCountedCompanies([
      client('c2', '2026-02-01T00:00:00.000Z', 'contoso.com', [{ id: 'late', bcCompanyId: CO.toUpperCase() }, { id: 'own', bcCompanyId: 'x' }]),
      client('c1', '2026-01-01T00:00:00.000Z', GUID_A, [{ id: 'early', bcCompanyId: CO }]),
    ]);
    expect([...ids]).toEqual(['late']);
  });
});

describe('countedRows (contracts: what the tab and the bot count)', () => {
  const mark = (countedRow: string, ...others: string[]): SameCompanyMark => ({ countedRow, others: others.map((o) => ({ companyId: o, clientId: `client-${o}`, clientName: o })), match: 'exact' });
  const rows = [
    { companyId: 'b', sameCompany: mark('a', 'a') },
    { companyId: 'x', sameCompany: null },
    { companyId: 'a', sameCompany: mark('a', 'b') },
    { companyId: 'y' },
  ];

  it('keeps the marked row of each company and every other row, in order', () => {
    expect(countedRows(rows).map((r) => r.companyId)).toEqual(['x', 'a', 'y']);
  });

  it('keeps one row of a company whose counted row is filtered out (a search, one client)', () => {
    const three = [{ companyId: 'c', sameCompany: mark('a', 'a', 'b') }, { companyId: 'b', sameCompany: mark('a', 'a', 'c') }];
    expect(countedRows(three).map((r) => r.companyId)).toEqual(['b']);
    expect(countedRows([rows[0] as (typeof rows)[number]]).map((r) => r.companyId)).toEqual(['b']);
  });
});

describe('findDuplicates and the warning', () => {
  const existing = (companyId: string, clientName: string, bcTenant: string, companyName = 'Contoso Ltd') =>
    ({ ...at(bcTenant), companyId, companyName, clientId: `id-${clientName}`, clientName });

  it('pairs each candidate with every row that is the same company', () => {
    const candidate = { ...at('contoso.com'), name: 'Contoso Ltd' };
    const dups = findDuplicates([candidate, { ...at('contoso.com', { bcCompanyId: 'other' }), name: 'Other' }], [
      existing('e1', 'Contoso', GUID_A), existing('e2', 'Contoso Group', 'contoso.com'), existing('e3', 'Elsewhere', GUID_B, 'Elsewhere Ltd'),
    ]);
    expect(dups.map((d) => [d.candidate.name, d.existing.companyId, d.match])).toEqual([['Contoso Ltd', 'e1', 'likely'], ['Contoso Ltd', 'e2', 'exact'], ['Contoso Ltd', 'e3', 'likely']]);
  });

  it('says what is already there, and why the hub thinks so', () => {
    expect(sameCompanyWarning([])).toBeNull();
    const one = sameCompanyWarning(findDuplicates([{ ...at(GUID_A), name: 'Contoso Ltd', companyId: 'new-row' }], [existing('e1', 'Contoso', GUID_A)]));
    expect(one).toEqual({
      code: 'same_company',
      message: 'Contoso Ltd (under “Contoso”) is already on your dashboard: the same Business Central tenant, environment and company. ' +
        'It is counted once in totals, summaries and alerts. Keep both, or keep it under one client.',
      duplicates: [{ bcCompanyId: CO, companyName: 'Contoso Ltd', companyId: 'new-row', match: 'exact', existing: { clientId: 'id-Contoso', clientName: 'Contoso', companyId: 'e1', companyName: 'Contoso Ltd' } }],
    });
    const two = sameCompanyWarning(findDuplicates(
      [{ ...at('contoso.com'), name: 'Contoso Ltd' }, { ...at('contoso.com', { bcCompanyId: 'r' }), name: 'Contoso Retail' }],
      [existing('e1', 'Contoso', GUID_A), existing('e2', 'Contoso Group', GUID_A), { ...existing('e3', 'Contoso', GUID_A, 'Contoso Retail'), bcCompanyId: 'r' }],
    ));
    expect(two?.message).toBe('2 companies are already on your dashboard: Contoso Ltd (under “Contoso” and “Contoso Group”) and Contoso Retail (under “Contoso”): ' +
      `the same environment and company id; the Client URLs name the tenant differently (contoso.com and ${GUID_A}), which the hub takes for one tenant. ` +
      'Each is counted once in totals, summaries and alerts. Keep both, or keep each under one client.');
  });
});
