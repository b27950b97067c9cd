import { companyNameKey, matchSharedCompanies, sharedCompaniesOf } from '../../src/domain/shared-companies';

const contoso = { bcCompanyId: 'c1', name: 'Contoso Ltd' };
const retail = { bcCompanyId: 'c2', name: 'Contoso Retail Ltd' };
// Business Central shows the display name; the company's own name differs.
const testCo = { bcCompanyId: 'c3', name: 'Contoso Ltd - Test', bcName: 'Contoso Ltd (Test)' };
const listed = [contoso, retail, testCo];

describe('matchSharedCompanies', () => {
  it('shares every company when the client named none', () => {
    expect(matchSharedCompanies(listed, null)).toEqual({ companies: listed, notFound: [] });
  });

  it('matches names whatever their case and spacing', () => {
    expect(matchSharedCompanies(listed, ['  contoso   LTD ', 'CONTOSO RETAILLTD'])).toEqual({ companies: [contoso, retail], notFound: [] });
    expect(companyNameKey('Contoso\u00a0Ltd')).toBe(companyNameKey('contoso ltd'));
  });

  it('matches the display name or the company’s own name', () => {
    expect(matchSharedCompanies(listed, ['Contoso Ltd (Test)']).companies).toEqual([testCo]);
    expect(matchSharedCompanies(listed, ['contoso ltd - test']).companies).toEqual([testCo]);
  });

  it('reports each unknown name once, as typed, and keeps the rest', () => {
    expect(matchSharedCompanies(listed, ['Fabrikam Ltd', 'Contoso Ltd', 'fabrikam  ltd', 'Contoso'])).toEqual({
      companies: [contoso], notFound: ['Fabrikam Ltd', 'Contoso'],
    });
  });

  it('matches nothing when no name is known, and nothing in an empty environment', () => {
    expect(matchSharedCompanies(listed, ['Fabrikam Ltd'])).toEqual({ companies: [], notFound: ['Fabrikam Ltd'] });
    expect(matchSharedCompanies([], ['Contoso Ltd'])).toEqual({ companies: [], notFound: ['Contoso Ltd'] });
  });
});

describe('sharedCompaniesOf (discovery)', () => {
  it('does not add companies the client did not share', () => {
    const client = { sharedCompanies: ['Contoso Ltd'], companies: [{ bcCompanyId: 'c1' }] };
    expect(sharedCompaniesOf(client, [...listed, { bcCompanyId: 'c4', name: 'Contoso New Ltd' }])).toEqual([contoso]);
  });

  it('keeps a shared company renamed in Business Central, and adds one created later under a shared name', () => {
    const client = { sharedCompanies: ['Contoso Ltd', 'Fabrikam Ltd'], companies: [{ bcCompanyId: 'c1' }] };
    const renamed = { bcCompanyId: 'c1', name: 'Contoso Group Ltd' };
    const created = { bcCompanyId: 'c9', name: 'FABRIKAM LTD' };
    expect(sharedCompaniesOf(client, [renamed, retail, created])).toEqual([renamed, created]);
  });

  it('keeps every company of a client that restricted nothing', () => {
    expect(sharedCompaniesOf({ sharedCompanies: null, companies: [] }, listed)).toEqual(listed);
    expect(sharedCompaniesOf({ companies: [] }, listed)).toEqual(listed);
  });

  it('leaves out the companies the accountant removed from the client (kept under another), shared or not', () => {
    expect(sharedCompaniesOf({ companies: [], removedCompanies: [{ bcCompanyId: 'C2' }] }, listed)).toEqual([contoso, testCo]);
    expect(sharedCompaniesOf({ sharedCompanies: ['Contoso Ltd'], companies: [], removedCompanies: [{ bcCompanyId: 'c1' }] }, listed)).toEqual([]);
  });
});
