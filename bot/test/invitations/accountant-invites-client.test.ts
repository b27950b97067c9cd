import type { LocalSmtp } from '../../../test-support/smtp';
import type { TestServer } from '../../../test-support/server';
import { startInvitations, type InvitationsWorld } from './fixture';

/** An accountant (Bob Bookkeeper) invites a client from the tab; the client completes the pre-filled wizard. */
describe('an accountant invites a client', () => {
  let w: InvitationsWorld;
  let s: TestServer;
  let smtp: LocalSmtp;
  let alice: string;
  let bob: string;
  let fabrikamUrl: string;

  beforeAll(async () => {
    w = await startInvitations();
    ({ s, smtp, alice, bob } = w);
    fabrikamUrl = w.bcUrl('Fabrikam GmbH');
  });
  afterAll(() => w?.close());
  const outboxRows = (invitationId: string) => w.outboxRows(invitationId);

  async function inviteClient(clientEmail: string, companyName?: string) {
    const before = smtp.mails.length;
    const r = await s.api(bob, 'POST', '/api/v1/invitations', { clientEmail, message: 'Connect your books, please.', ...(companyName ? { companyName } : {}) });
    expect(r.status).toBe(201);
    const mail = await smtp.waitFor((m) => smtp.mails.indexOf(m) >= before);
    const link = mail.links.find((l) => l.includes('/connect?invitation='));
    if (!link) throw new Error(`no wizard link in ${mail.text}`);
    return { invitation: r.body, token: new URL(link).searchParams.get('invitation') ?? '', mail };
  }

  it('revoking kills the link', async () => {
    const { invitation, token } = await inviteClient('nobody@client.example');
    const revoked = await s.api(bob, 'POST', `/api/v1/invitations/${invitation.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const r = await s.api(null, 'POST', '/api/v1/public/invitations/lookup', { token });
    expect(r.status).toBe(410);
    expect(r.body.error).toMatchObject({ code: 'invitation_revoked', message: expect.stringMatching(/Bob Bookkeeper withdrew this invitation/) });
    // Only the sender may revoke or resend.
    expect((await s.api(alice, 'POST', `/api/v1/invitations/${invitation.id}/resend`, {})).status).toBe(404);
  });

  it('the client completes the pre-filled wizard; a resend replaces the old link; the client lands on the dashboard', async () => {
    const { invitation, token: oldToken, mail } = await inviteClient('finance@fabrikam.example', 'Fabrikam GmbH');
    expect(mail.to).toEqual(['finance@fabrikam.example']);
    expect(mail.subject).toBe('Bob Bookkeeper asks you to connect your Business Central');
    const prefill = await s.api(null, 'POST', '/api/v1/public/invitations/lookup', { token: oldToken });
    expect(prefill.body).toMatchObject({ direction: 'accountant_to_client', status: 'pending', companyName: 'Fabrikam GmbH', accountantName: 'Bob Bookkeeper', clientEmail: 'finance@fabrikam.example' });

    const resent = await s.api(bob, 'POST', `/api/v1/invitations/${invitation.id}/resend`, {});
    expect(resent.status).toBe(200);
    expect(resent.body.sendCount).toBe(2);
    const second = await smtp.waitFor((m) => m !== mail && m.to.includes('finance@fabrikam.example'));
    const newToken = new URL(second.links.find((l) => l.includes('invitation=')) ?? '').searchParams.get('invitation') ?? '';
    expect(newToken).not.toBe(oldToken);
    const old = await s.api(null, 'POST', '/api/v1/public/invitations/complete', { token: oldToken, companyName: 'Fabrikam GmbH', clientUrl: fabrikamUrl, inviterName: 'Frank' });
    expect(old.status).toBe(410);
    expect(old.body.error).toMatchObject({ code: 'invitation_superseded', message: expect.stringMatching(/newer email replaced this invitation link/) });

    // The accountant's acceptance page refuses a client's link.
    expect((await s.api(bob, 'POST', '/api/v1/invitations/lookup', { token: newToken })).body.error.code).toBe('invitation_wrong_side');

    const done = await s.api(null, 'POST', '/api/v1/public/invitations/complete', {
      token: newToken, companyName: 'Fabrikam GmbH', clientUrl: `${fabrikamUrl}?company=x`, inviterName: 'Frank Finance', companies: ['Fabrikam GmbH'], message: 'Here you go.',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'accepted', clientUrl: fabrikamUrl, clientContactName: 'Frank Finance' });
    const dashboard = await s.api(bob, 'GET', '/api/v1/dashboard');
    expect(dashboard.body.rows.map((row: { clientName: string }) => row.clientName)).toContain('Fabrikam GmbH');
    const rows = await outboxRows(invitation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toMatchObject({ clientName: 'Fabrikam GmbH', role: 'accountant' });
    const reuse = await s.api(null, 'POST', '/api/v1/public/invitations/complete', { token: newToken, companyName: 'X', clientUrl: fabrikamUrl, inviterName: 'X' });
    expect(reuse.body.error.code).toBe('invitation_used');

    const list = await s.api(bob, 'GET', '/api/v1/invitations');
    expect(list.body.sent.map((i: { status: string }) => i.status).sort()).toEqual(['accepted', 'revoked']);
  });

  it('an SMTP failure saves nothing and says so', async () => {
    smtp.failNext(1);
    const r = await s.api(bob, 'POST', '/api/v1/invitations', { clientEmail: 'later@client.example' });
    expect(r.status).toBe(502);
    expect(r.body.error).toMatchObject({ code: 'mail_failed', message: expect.stringMatching(/could not be sent.*451.*Nothing was saved/) });
    const list = await s.api(bob, 'GET', '/api/v1/invitations');
    expect(list.body.sent.some((i: { clientEmail: string }) => i.clientEmail === 'later@client.example')).toBe(false);
  });
});
