import { countedRows, type DashboardRow } from '@hub/contracts';
import { renderers } from '../../src/proactive/renderers';
import type { RenderContext } from '../../src/proactive/render-context';
import { startInvitations, type InvitationsWorld } from './fixture';

const ctx = { deps: { dashboardUrl: () => 'https://hub.example/' }, userId: 'u', locale: 'en-GB', timeZone: 'Europe/London', now: new Date() } as unknown as RenderContext;

/**
 * An invitation for a company the accountant's dashboard already has (Alice added Contoso herself by its domain, then
 * Contoso's administrator invites her with its tenant GUID): accepting warns, the card says so, and she keeps one.
 */
describe('an invitation for a company already on the dashboard', () => {
  let w: InvitationsWorld;
  let own: { id: string; companies: { id: string; name: string }[] };
  const dashboard = async (user = w.alice): Promise<DashboardRow[]> => (await w.s.api(user, 'GET', '/api/v1/dashboard')).body.rows;

  beforeAll(async () => {
    w = await startInvitations();
    const r = await w.s.api(w.alice, 'POST', '/api/v1/clients', { name: 'Contoso (mine)', clientUrl: `${w.s.sandbox.url}/contoso.co.uk/production` });
    expect(r.status).toBe(201);
    own = r.body;
  });
  afterAll(() => w?.close());

  let accepted: { client: { id: string; companies: { id: string; name: string }[] } };

  it('accepting succeeds with a structured warning naming where the company already is', async () => {
    const { id, token } = await w.invite({ companies: ['Contoso Ltd'] });
    const r = await w.s.api(w.alice, 'POST', '/api/v1/invitations/accept', { token });
    expect(r.status).toBe(200);
    accepted = r.body;
    const mine = own.companies.find((c) => c.name === 'Contoso Ltd');
    expect(r.body.warnings).toEqual([{
      code: 'same_company',
      message: expect.stringContaining('Contoso Ltd (under “Contoso (mine)”) is already on your dashboard: the same environment and company id'),
      duplicates: [{
        bcCompanyId: expect.any(String), companyName: 'Contoso Ltd', companyId: accepted.client.companies[0]?.id, match: 'likely',
        existing: { clientId: own.id, clientName: 'Contoso (mine)', companyId: mine?.id, companyName: 'Contoso Ltd' },
      }],
    }]);
    // Said once, for what was added, not again in the connection test.
    expect(r.body.urlTest.warnings).toBeUndefined();
    // The accountant's card says it too, with what to do.
    const [card] = await w.outboxRows(id);
    expect(card?.payload.alreadyShown).toEqual([{ companyName: 'Contoso Ltd', clientName: 'Contoso (mine)' }]);
    const json = JSON.stringify(await renderers.invitation_accepted(card?.payload ?? {}, ctx));
    expect(json).toContain('Already on your dashboard: **Contoso Ltd** (under **Contoso (mine)**)');
    expect(json).toContain('count each company once');
    // Names from outside stay plain text in the card.
    const hostile = JSON.stringify(await renderers.invitation_accepted({ ...card?.payload, alreadyShown: [{ companyName: '[Click](https://evil.example)', clientName: '*Boss*' }] }, ctx));
    expect(hostile).toContain('**\\\\[Click\\\\](https://evil.example)** (under **\\\\*Boss\\\\***)');
    // The dashboard counts it once meanwhile.
    const rows = await dashboard();
    expect(rows).toHaveLength(3);
    expect(countedRows(rows).map((row) => row.companyId).sort()).toEqual(own.companies.map((c) => c.id).sort());
  });

  it('keeping the new client\'s copy only: the company shows once, under the invitation\'s client', async () => {
    const mine = own.companies.find((c) => c.name === 'Contoso Ltd')?.id as string;
    const removed = await w.s.api(w.alice, 'POST', '/api/v1/companies/remove', { companyIds: [mine] });
    expect(removed.status).toBe(200);
    const rows = await dashboard();
    expect(rows.map((r) => [r.clientId, r.companyName, r.sameCompany])).toEqual([[own.id, 'Contoso Retail Ltd', null], [accepted.client.id, 'Contoso Ltd', null]]);
    expect(countedRows(rows)).toHaveLength(2);
  });

  it('a client completing an accountant\'s invitation hears nothing of the accountant\'s other clients; the accountant\'s card says it', async () => {
    const sent = await w.s.api(w.alice, 'POST', '/api/v1/invitations', { clientEmail: 'finance@contoso.example', companyName: 'Contoso Ltd' });
    expect(sent.status).toBe(201);
    const mail = await w.smtp.waitFor((m) => m.to.includes('finance@contoso.example'));
    const token = new URL(mail.links.find((l) => l.includes('invitation=')) ?? '').searchParams.get('invitation') ?? '';
    const done = await w.s.api(null, 'POST', '/api/v1/public/invitations/complete', { token, companyName: 'Contoso Ltd', clientUrl: w.bcUrl('Contoso Ltd'), inviterName: 'Chris', companies: [] });
    expect(done.status).toBe(200);
    expect(JSON.stringify(done.body)).not.toMatch(/mine|warnings|alreadyShown/);
    const rows = await w.s.db.query<{ payload: { alreadyShown?: { companyName: string; clientName: string }[] } }>(
      `SELECT payload FROM proactive_outbox WHERE key = $1`, [`invitation-accepted:${sent.body.id}:${(await w.s.db.query<{ user_id: string }>('SELECT user_id FROM client_access WHERE client_id = $1', [own.id]))[0]?.user_id}`]);
    expect(rows[0]?.payload.alreadyShown).toEqual(expect.arrayContaining([
      { companyName: 'Contoso Ltd', clientName: 'Contoso Ltd' }, { companyName: 'Contoso Retail Ltd', clientName: 'Contoso (mine)' },
    ]));
  });
});
