import type { CapturedMail, LocalSmtp } from '../../../test-support/smtp';
import type { TestServer } from '../../../test-support/server';
import { ALICE, startInvitations, type InvitationsWorld } from './fixture';

/**
 * A client's administrator invites their accountant from the public wizard; the accountant (Alice Accountant =
 * alice.accountant@demo.local) opens the emailed link, signs in, and accepts or declines.
 */
describe('a client invites its accountant', () => {
  let w: InvitationsWorld;
  let s: TestServer;
  let smtp: LocalSmtp;
  let alice: string;
  let bob: string;
  let contosoUrl: string;
  let fabrikamUrl: string;

  beforeAll(async () => {
    w = await startInvitations();
    ({ s, smtp, alice, bob } = w);
    contosoUrl = w.bcUrl('Contoso Ltd');
    fabrikamUrl = w.bcUrl('Fabrikam GmbH');
  });
  afterAll(() => w?.close());
  const wizard = (over: Record<string, unknown> = {}) => w.wizard(over);
  const invite = (over: Record<string, unknown> = {}) => w.invite(over);
  const outboxRows = (invitationId: string) => w.outboxRows(invitationId);

  describe('the client’s wizard', () => {
    it('checks the Business Central URL with the parser only', async () => {
      const bad = await s.api(null, 'POST', '/api/v1/public/client-url/check', { url: 'https://example.com/not-bc' });
      expect(bad.status).toBe(200);
      expect(bad.body).toMatchObject({ ok: false, message: expect.stringMatching(/Business Central/) });
      const good = await s.api(null, 'POST', '/api/v1/public/client-url/check', { url: `${contosoUrl}?company=Contoso%20Ltd` });
      expect(good.body).toMatchObject({ ok: true, normalizedUrl: contosoUrl, environment: 'production' });
    });

    it('refuses a bad form, naming every field', async () => {
      const r = await s.api(null, 'POST', '/api/v1/public/invitations', { companyName: '', clientUrl: 'https://example.com/x', inviterName: '', accountantEmail: 'nope' });
      expect(r.status).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['accountantEmail', 'companyName', 'inviterName']);
      const url = await s.api(null, 'POST', '/api/v1/public/invitations', wizard({ clientUrl: 'http://10.0.0.1/admin' }));
      expect(url.status).toBe(400);
      expect(url.body.error.details[0]).toMatchObject({ path: 'clientUrl' });
      expect(smtp.mails).toHaveLength(0);
    });
  });

  describe('the accountant accepts', () => {
    let first: { id: string; token: string; mail: CapturedMail };

    it('emails the accountant a link to the hub with a long random token, never logged', async () => {
      first = await invite();
      expect(first.mail.to).toEqual([ALICE]);
      expect(first.mail.subject).toBe('Contoso Ltd invites you to connect in Accountant Hub');
      expect(first.mail.text).toContain('Chris Admin of Contoso Ltd');
      expect(first.mail.text).toContain('Please keep an eye on our VAT.');
      expect(first.mail.links).toContain(`${s.url}/?invitation=${first.token}`);
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.logs.some((l) => l.includes(first.token))).toBe(false);
      const rows = await s.db.query<{ n: string | number }>('SELECT count(*) AS n FROM invitation_tokens WHERE token_hash = sha256(convert_to($1, \'UTF8\'))', [first.token]);
      expect(Number(rows[0]?.n)).toBe(1);
    });

    it('refuses tampered and cut tokens with a clear message', async () => {
      const flipped = `${first.token.slice(0, 10)}${first.token[10] === 'A' ? 'B' : 'A'}${first.token.slice(11)}`;
      for (const token of [flipped, first.token.slice(0, 30), 'x'.repeat(43), `${first.token}'--`]) {
        const r = await s.api(alice, 'POST', '/api/v1/invitations/lookup', { token });
        expect(r.status).toBe(404);
        expect(r.body.error).toMatchObject({ code: 'invitation_invalid', message: expect.stringMatching(/not valid.*altered/) });
      }
    });

    it('needs a sign-in, and refuses another account', async () => {
      expect((await s.api(null, 'POST', '/api/v1/invitations/lookup', { token: first.token })).status).toBe(401);
      const r = await s.api(bob, 'POST', '/api/v1/invitations/accept', { token: first.token });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('invitation_wrong_account');
      expect(r.body.error.message).toMatch(/sent to al….*@demo\.local.*signed in as bob\.bookkeeper@demo\.local/);
      expect((await s.api(bob, 'GET', '/api/v1/dashboard')).body.rows).toHaveLength(0);
    });

    it('shows the invited accountant who invites them', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/invitations/lookup', { token: first.token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        direction: 'client_to_accountant', status: 'pending', companyName: 'Contoso Ltd', inviterName: 'Chris Admin (Contoso Ltd)',
        clientUrl: contosoUrl, message: 'Please keep an eye on our VAT.', companies: ['Contoso Ltd'], accountantEmail: ALICE,
      });
    });

    it('accepting puts the client on the dashboard, tests its URL and queues the card', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/invitations/accept', { token: first.token });
      expect(r.status).toBe(200);
      expect(r.body.invitation.status).toBe('accepted');
      expect(r.body.client).toMatchObject({ name: 'Contoso Ltd', clientUrl: contosoUrl, contactName: 'Chris Admin', email: 'chris@contoso.example' });
      expect(r.body.urlTest.ok).toBe(true);
      expect(r.body.urlTest.companies.length).toBeGreaterThan(0);
      const dashboard = await s.api(alice, 'GET', '/api/v1/dashboard');
      expect(dashboard.body.rows.map((row: { clientName: string }) => row.clientName)).toContain('Contoso Ltd');
      const rows = await outboxRows(first.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'invitation_accepted', payload: { clientName: 'Contoso Ltd', clientId: r.body.client.id, inviterName: 'Chris Admin (Contoso Ltd)', role: 'accountant' } });
      expect(rows[0]?.payload.companyCount).toBe(r.body.client.companies.length);
    });

    it('a link works once', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/invitations/accept', { token: first.token });
      expect(r.status).toBe(410);
      expect(r.body.error).toMatchObject({ code: 'invitation_used', message: expect.stringMatching(/already accepted.*only once/) });
      expect((await s.api(alice, 'GET', '/api/v1/clients')).body.clients).toHaveLength(1);
    });

    it('refuses an expired link', async () => {
      const { id, token } = await invite({ companyName: 'Late Ltd' });
      await s.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
      const r = await s.api(alice, 'POST', '/api/v1/invitations/accept', { token });
      expect(r.status).toBe(410);
      expect(r.body.error).toMatchObject({ code: 'invitation_expired', message: expect.stringMatching(/expired on \d{4}-\d\d-\d\d\. Ask Chris Admin \(Late Ltd\) to send a new one/) });
    });

    it('declining records it and the link stops working', async () => {
      const { id, token } = await invite({ companyName: 'Declined GmbH', clientUrl: fabrikamUrl });
      const r = await s.api(alice, 'POST', '/api/v1/invitations/decline', { token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id, status: 'declined' });
      const again = await s.api(alice, 'POST', '/api/v1/invitations/accept', { token });
      expect(again.status).toBe(410);
      expect(again.body.error.code).toBe('invitation_declined');
      expect((await outboxRows(id))).toHaveLength(0);
    });

    it('cards the inviter too when they use the hub', async () => {
      const carol = await s.signIn('Carol Client');
      // Carol has signed in to the hub once (her work email is known from her sign-in).
      expect((await s.api(carol, 'GET', '/api/v1/invitations')).status).toBe(200);
      const { id, token } = await invite({ companyName: 'Fabrikam GmbH', clientUrl: fabrikamUrl, companies: ['Fabrikam GmbH'], inviterName: 'Carol Client', inviterEmail: 'carol.client@demo.local' });
      expect((await s.api(alice, 'POST', '/api/v1/invitations/accept', { token })).status).toBe(200);
      const rows = await outboxRows(id);
      expect(rows.map((r) => r.payload.role).sort()).toEqual(['accountant', 'inviter']);
      expect(rows.find((r) => r.payload.role === 'inviter')?.payload).toMatchObject({ accountantName: 'Alice Accountant', clientName: 'Fabrikam GmbH' });
    });

    it('lists what the accountant received', async () => {
      const r = await s.api(alice, 'GET', '/api/v1/invitations');
      expect(r.status).toBe(200);
      const statuses = r.body.received.map((i: { companyName: string; status: string }) => `${i.companyName}:${i.status}`).sort();
      expect(statuses).toEqual(['Contoso Ltd:accepted', 'Declined GmbH:declined', 'Fabrikam GmbH:accepted', 'Late Ltd:expired']);
    });
  });
});
