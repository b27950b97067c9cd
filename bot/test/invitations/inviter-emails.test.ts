import type { CapturedMail } from '../../../test-support/smtp';
import { startInvitations, type InvitationsWorld } from './fixture';

/** The inviter hears the answer by email: who answered, for which client, and (accepted) what was shared and what not. */
describe('the inviter is told the answer', () => {
  let w: InvitationsWorld;
  beforeAll(async () => {
    w = await startInvitations();
  });
  afterAll(() => w?.close());

  const CHRIS = 'chris@contoso.example';
  /** The first mail to `to` that arrived after `before` mails. */
  const mailTo = (to: string, before: number): Promise<CapturedMail> => w.smtp.waitFor((m) => w.smtp.mails.indexOf(m) >= before && m.to.includes(to));
  const noticeColumns = async (id: string) =>
    (await w.s.db.query<{ inviter_notified_at: Date | null; inviter_notice_error: string | null }>(
      'SELECT inviter_notified_at, inviter_notice_error FROM invitations WHERE id = $1', [id]))[0];

  it('accepted: the client’s administrator learns who accepted, which companies are shared and which names were not found', async () => {
    const { id, token } = await w.invite({ companies: ['Contoso Ltd', 'Fabrikam Ltd'] });
    const before = w.smtp.mails.length;
    const r = await w.s.api(w.alice, 'POST', '/api/v1/invitations/accept', { token });
    expect(r.status).toBe(200);
    expect(r.body.invitation.inviterNotified).toBe('sent');
    const mail = await mailTo(CHRIS, before);
    expect(mail.subject).toBe('Alice Accountant accepted your invitation: Contoso Ltd is connected');
    expect(mail.text).toContain('Alice Accountant accepted your invitation to Accountant Hub. Contoso Ltd is now on their client dashboard, with only the companies you shared.');
    expect(mail.text).toMatch(/^Companies shared: Contoso Ltd\r?$/m);
    expect(mail.text).toMatch(/^Not found in Business Central: Fabrikam Ltd\r?$/m);
    expect(mail.text).toContain('Fabrikam Ltd matches no company in Business Central, so nothing was added for it; a company that gets this name there is added at the accountant\'s next refresh.');
    expect(mail.raw).toMatch(/^Reply-To: alice\.accountant@demo\.local/m);
    expect((await noticeColumns(id))?.inviter_notified_at).not.toBeNull();
  });

  it('declined: the client’s administrator learns it and how to invite again', async () => {
    const { token } = await w.invite({ companyName: 'Declined GmbH' });
    const before = w.smtp.mails.length;
    const r = await w.s.api(w.alice, 'POST', '/api/v1/invitations/decline', { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'declined', inviterNotified: 'sent' });
    const mail = await mailTo(CHRIS, before);
    expect(mail.subject).toBe('Alice Accountant declined your invitation for Declined GmbH');
    expect(mail.text).toContain('Nothing was connected, and the link in the invitation no longer works.');
    expect(mail.links).toContain(`${w.s.url}/connect`);
  });

  it('accepted by the client: the accountant who invited learns who connected what', async () => {
    const sent = await w.s.api(w.bob, 'POST', '/api/v1/invitations', { clientEmail: 'finance@fabrikam.example', companyName: 'Fabrikam GmbH' });
    expect(sent.status).toBe(201);
    const invitationMail = await w.smtp.waitFor((m) => m.to.includes('finance@fabrikam.example'));
    const token = new URL(invitationMail.links.find((l) => l.includes('invitation=')) ?? '').searchParams.get('invitation') ?? '';
    const before = w.smtp.mails.length;
    const done = await w.s.api(null, 'POST', '/api/v1/public/invitations/complete', {
      token, companyName: 'Fabrikam GmbH', clientUrl: w.bcUrl('Fabrikam GmbH'), inviterName: 'Frank Finance', companies: ['fabrikam gmbh'], message: 'Here you go.',
    });
    expect(done.status).toBe(200);
    const mail = await mailTo('bob.bookkeeper@demo.local', before);
    expect(mail.subject).toBe('Frank Finance accepted your invitation: Fabrikam GmbH is on your dashboard');
    expect(mail.text).toContain('Frank Finance accepted your invitation and connected Fabrikam GmbH. It is on your client dashboard, with only the companies the client shared; its figures appear after the first refresh.');
    expect(mail.text).toMatch(/^Companies shared: Fabrikam GmbH\r?$/m);
    expect(mail.text).toContain('> Here you go.');
    expect(mail.text).not.toContain('Not found');
    expect(mail.links).toContain(`${w.s.url}/`);
  });

  it('a mail failure does not undo the acceptance: it is logged and recorded', async () => {
    const { id, token } = await w.invite({ companyName: 'Contoso Ltd' });
    w.smtp.failNext(1);
    const r = await w.s.api(w.alice, 'POST', '/api/v1/invitations/accept', { token });
    expect(r.status).toBe(200);
    expect(r.body.invitation).toMatchObject({ status: 'accepted', inviterNotified: 'failed' });
    expect((await w.s.api(w.alice, 'GET', `/api/v1/clients/${r.body.client.id}`)).status).toBe(200);
    expect(await w.outboxRows(id)).toHaveLength(1);
    expect((await noticeColumns(id))?.inviter_notice_error).toMatch(/451/);
    expect(w.s.logs.some((l) => l.includes(id) && l.includes('the answer stands'))).toBe(true);
    // The list still says so later.
    const list = await w.s.api(w.alice, 'GET', '/api/v1/invitations');
    expect(list.body.received.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'accepted', inviterNotified: 'failed' });
  });

  it('a client that left its email out gets no email', async () => {
    const { token } = await w.invite({ inviterEmail: '' });
    const before = w.smtp.mails.length;
    const r = await w.s.api(w.alice, 'POST', '/api/v1/invitations/accept', { token });
    expect(r.status).toBe(200);
    expect(r.body.invitation.inviterNotified).toBeNull();
    expect(w.smtp.mails).toHaveLength(before);
  });
});
