import { startInvitations, type InvitationsWorld } from './fixture';

/**
 * "Companies to share" is enforced: accepting adds only the Business Central companies the client named (case and
 * spacing aside), names that match nothing are reported, and Refresh all never adds the others back. The sandbox's
 * Contoso production environment has "Contoso Ltd" and "Contoso Retail Ltd"; its sandbox environment has one company
 * named "Contoso Ltd (Test)" with the display name "Contoso Ltd - Test".
 */
describe('companies to share', () => {
  let w: InvitationsWorld;
  beforeAll(async () => {
    w = await startInvitations();
  });
  afterAll(() => w?.close());

  const accept = (token: string, user = w.alice) => w.s.api(user, 'POST', '/api/v1/invitations/accept', { token });
  const companiesOf = async (user: string, clientId: string) => {
    const r = await w.s.api(user, 'GET', `/api/v1/clients/${clientId}`);
    return (r.body.companies as { name: string }[]).map((c) => c.name);
  };
  async function refreshAll(user: string) {
    const started = await w.s.api(user, 'POST', '/api/v1/refresh-jobs', {});
    expect(started.status).toBe(202);
    for (let i = 0; i < 400; i += 1) {
      const job = await w.s.api(user, 'GET', `/api/v1/refresh-jobs/${started.body.id}`);
      if (job.body.state === 'done') return job.body;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('refresh job did not finish');
  }

  let shared: { clientId: string; companyId: string };

  it('adds only the named companies, reports the names Business Central does not have, and the rest still works', async () => {
    const { id, token } = await w.invite({ companies: ['  contoso   LTD ', 'Fabrikam Ltd'] });
    const r = await accept(token);
    expect(r.status).toBe(200);
    expect(r.body.client.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Ltd']);
    expect(r.body.client.sharedCompanies).toEqual(['contoso   LTD', 'Fabrikam Ltd']);
    expect(r.body.invitation).toMatchObject({ id, status: 'accepted', companiesNotFound: ['Fabrikam Ltd'] });
    // The connection test shows what the accountant now sees, not the whole environment.
    expect(r.body.urlTest).toMatchObject({ ok: true, companies: [{ name: 'Contoso Ltd' }] });
    expect((await w.outboxRows(id))[0]?.payload.companyCount).toBe(1);
    const rows = (await w.s.api(w.alice, 'GET', '/api/v1/dashboard')).body.rows.filter((row: { clientId: string }) => row.clientId === r.body.client.id);
    expect(rows.map((row: { companyName: string }) => row.companyName)).toEqual(['Contoso Ltd']);
    shared = { clientId: r.body.client.id, companyId: r.body.client.companies[0].id };
    // Kept on the invitation: the accountant's list says it too.
    const list = await w.s.api(w.alice, 'GET', '/api/v1/invitations');
    expect(list.body.received.find((i: { id: string }) => i.id === id)).toMatchObject({ companiesNotFound: ['Fabrikam Ltd'] });
  });

  it('Refresh all does not add the companies the client did not share', async () => {
    const job = await refreshAll(w.alice);
    expect(job).toMatchObject({ state: 'done', failed: 0 });
    expect(await companiesOf(w.alice, shared.clientId)).toEqual(['Contoso Ltd']);
    const names = (await w.s.api(w.alice, 'GET', '/api/v1/dashboard')).body.rows.map((row: { companyName: string }) => row.companyName);
    expect(names).not.toContain('Contoso Retail Ltd');
  });

  it('keeps another accountant out of the shared client and its company', async () => {
    expect((await w.s.api(w.bob, 'GET', `/api/v1/clients/${shared.clientId}`)).status).toBe(404);
    expect((await w.s.api(w.bob, 'POST', `/api/v1/companies/${shared.companyId}/refresh`, {})).status).toBe(404);
    expect((await w.s.api(w.bob, 'GET', '/api/v1/dashboard')).body.rows).toHaveLength(0);
  });

  it('when no name matches, adds nothing, says what Business Central has, and the invitation stays open', async () => {
    const { id, token } = await w.invite({ companies: ['Fabrikam Ltd', 'Northwind'] });
    const clientsBefore = (await w.s.api(w.alice, 'GET', '/api/v1/clients')).body.clients.length;
    const r = await accept(token);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'invitation_no_companies',
      message: expect.stringMatching(/None of the companies Chris Admin \(Contoso Ltd\) shares \(Fabrikam Ltd, Northwind\).*which has Contoso Ltd, Contoso Retail Ltd\. Nothing was added, and this invitation stays open/),
    });
    expect((await w.s.api(w.alice, 'GET', '/api/v1/clients')).body.clients).toHaveLength(clientsBefore);
    expect(await w.outboxRows(id)).toHaveLength(0);
    expect((await w.s.api(w.alice, 'POST', '/api/v1/invitations/lookup', { token })).body.status).toBe('pending');
    expect((await w.s.api(w.alice, 'POST', '/api/v1/invitations/decline', { token })).status).toBe(200);
  });

  it('matches a company by its own name as well as by its display name', async () => {
    const { token } = await w.invite({ clientUrl: w.bcUrl('Contoso Ltd', 'sandbox'), companies: ['CONTOSO LTD (TEST)'] });
    const r = await accept(token);
    expect(r.status).toBe(200);
    expect(r.body.client.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Ltd - Test']);
    expect(r.body.invitation.companiesNotFound).toEqual([]);
  });

  it('shares every company when the client named none', async () => {
    const { token } = await w.invite({ companies: [] });
    const r = await accept(token);
    expect(r.status).toBe(200);
    expect(r.body.client.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Ltd', 'Contoso Retail Ltd']);
    expect(r.body.client.sharedCompanies).toBeNull();
  });

  it('the client completing an accountant’s invitation: unknown names are reported; none known keeps the link working', async () => {
    const sent = await w.s.api(w.bob, 'POST', '/api/v1/invitations', { clientEmail: 'finance@contoso.example', companyName: 'Contoso Ltd' });
    expect(sent.status).toBe(201);
    const mail = await w.smtp.waitFor((m) => m.to.includes('finance@contoso.example'));
    const token = new URL(mail.links.find((l) => l.includes('/connect?invitation=')) ?? '').searchParams.get('invitation') ?? '';
    const form = { token, companyName: 'Contoso Ltd', clientUrl: w.bcUrl('Contoso Ltd'), inviterName: 'Frank Finance' };

    const none = await w.s.api(null, 'POST', '/api/v1/public/invitations/complete', { ...form, companies: ['Contoso Holdings'] });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual([{ path: 'companies', message: expect.stringMatching(/^Not found in Business Central: Contoso Holdings\. Type the names as Business Central shows them/) }]);
    // The anonymous form is not told what else the environment holds.
    expect(JSON.stringify(none.body)).not.toContain('Contoso Retail Ltd');
    expect((await w.s.api(w.bob, 'GET', '/api/v1/clients')).body.clients).toHaveLength(0);

    const done = await w.s.api(null, 'POST', '/api/v1/public/invitations/complete', { ...form, companies: ['Contoso Retail Ltd', 'Contoso Holdings'] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'accepted', companies: ['Contoso Retail Ltd', 'Contoso Holdings'], companiesNotFound: ['Contoso Holdings'] });
    const [client] = (await w.s.api(w.bob, 'GET', '/api/v1/clients')).body.clients;
    expect(client.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Retail Ltd']);
    await refreshAll(w.bob);
    expect(await companiesOf(w.bob, client.id)).toEqual(['Contoso Retail Ltd']);
    // Alice's shared client is not Bob's to see, and Bob's is not Alice's.
    expect((await w.s.api(w.alice, 'GET', `/api/v1/clients/${client.id}`)).status).toBe(404);
  });
});
