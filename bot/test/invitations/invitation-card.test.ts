import { renderers } from '../../src/proactive/renderers';
import type { RenderContext } from '../../src/proactive/render-context';

const ctx = { deps: { dashboardUrl: () => 'https://hub.example/' }, userId: 'u', locale: 'en-GB', timeZone: 'Europe/London', now: new Date() } as unknown as RenderContext;

describe('invitation accepted card', () => {
  it('tells the accountant the client is on the dashboard, with a button to it', async () => {
    const card = await renderers.invitation_accepted({ clientName: 'Contoso *Ltd*', companyCount: 2, inviterName: 'Chris Admin (Contoso Ltd)', clientId: 'c', role: 'accountant' }, ctx);
    const json = JSON.stringify(card);
    expect(json).toContain('Invitation accepted: Contoso \\\\*Ltd\\\\* is on your dashboard'); // titles are escaped too
    expect(json).toContain('Contoso \\\\*Ltd\\\\*');
    expect(json).toContain('2 companies');
    expect(json).toContain('https://hub.example/');
  });

  it('tells an inviter who uses the hub who accepted', async () => {
    const card = await renderers.invitation_accepted({ clientName: 'Fabrikam', companyCount: 1, clientId: 'c', role: 'inviter', accountantName: 'Alice Accountant' }, ctx);
    expect(JSON.stringify(card)).toContain('Alice Accountant accepted your invitation');
  });
});
