import { startLocalSmtp, type CapturedMail, type LocalSmtp } from '../../../test-support/smtp';
import { startTestServer, type TestServer } from '../../../test-support/server';

/**
 * Invitations over HTTP: the real server with SMTP going to a local SMTP server, the Business Central sandbox and
 * the dev identity (Alice Accountant = alice.accountant@demo.local).
 */
describe('invitations', () => {
  let s: TestServer;
  let smtp: LocalSmtp;
  let alice: string;
  let bob: string;
  let contosoUrl: string;
  let fabrikamUrl: string;
  const ALICE = 'alice.accountant@demo.local';

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    s = await startTestServer({ env: { ...smtp.env, INVITATION_SENDS_PER_HOUR: '100' } });
    alice = await s.signIn('Alice Accountant');
    bob = await s.signIn('Bob Bookkeeper');
    const tenant = (name: string) => s.sandbox.tenants.find((t) => t.clientName === name)?.tenantId;
    contosoUrl = `${s.sandbox.url}/${tenant('Contoso Ltd')}/production`;
    fabrikamUrl = `${s.sandbox.url}/${tenant('Fabrikam GmbH') ?? s.sandbox.tenants[1]?.tenantId}/production`;
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  const wizard = (over: Record<string, unknown> = {}) => ({
    companyName: 'Contoso Ltd', clientUrl: contosoUrl, inviterName: 'Chris Admin', inviterEmail: 'chris@contoso.example',
    accountantEmail: ALICE, companies: ['Contoso Ltd'], message: 'Please keep an eye on our VAT.', ...over,
  });

  /** Sends a wizard invitation and returns the token from the emailed link. */
  async function invite(over: Record<string, unknown> = {}): Promise<{ id: string; token: string; mail: CapturedMail }> {
    const before = smtp.mails.length;
    const r = await s.api(null, 'POST', '/api/v1/public/invitations', wizard(over));
    expect(r.status).toBe(201);
    const mail = await smtp.waitFor((m) => smtp.mails.indexOf(m) >= before);
    const link = mail.links.find((l) => l.includes('invitation='));
    if (!link) throw new Error(`no link in ${mail.text}`);
    const token = new URL(link).searchParams.get('invitation') ?? '';
    return { id: r.body.id, token, mail };
  }

  const outboxRows = (invitationId: string) =>
    s.db.query<{ key: string; user_id: string; kind: string; payload: Record<string, unknown> }>(
      `SELECT key, user_id, kind, payload FROM proactive_outbox WHERE key LIKE $1 ORDER BY key`, [`invitation-accepted:${invitationId}:%`],
    );

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
      const { id, token } = await invite({ companyName: 'Fabrikam GmbH', clientUrl: fabrikamUrl, inviterName: 'Carol Client', inviterEmail: 'carol.client@demo.local' });
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

  describe('the accountant invites a client', () => {
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
});

describe('invitation rate limit', () => {
  let s: TestServer;
  let smtp: LocalSmtp;
  beforeAll(async () => {
    smtp = await startLocalSmtp();
    s = await startTestServer({ env: { ...smtp.env, INVITATION_SENDS_PER_HOUR: '3' } });
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  it('allows a few invitations an hour per recipient and per network, then says when to try again', async () => {
    const contoso = s.sandbox.tenants[0]?.tenantId;
    const body = (to: string) => ({ companyName: 'Spam Co', clientUrl: `${s.sandbox.url}/${contoso}/production`, inviterName: 'X', accountantEmail: to });
    for (let i = 0; i < 3; i += 1) expect((await s.api(null, 'POST', '/api/v1/public/invitations', body('victim@firm.example'))).status).toBe(201);
    const refused = await s.api(null, 'POST', '/api/v1/public/invitations', body('victim@firm.example'));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many invitations (to this email address|from your network): at most 3 an hour\. Try again in \d+ minutes?/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    // The network's own budget is spent too: another recipient is refused from the same address.
    const other = await s.api(null, 'POST', '/api/v1/public/invitations', body('someone@else.example'));
    expect(other.status).toBe(429);
    expect(other.body.error.message).toMatch(/from your network/);
    expect(smtp.mails).toHaveLength(3);
  });
});

describe('invitation mail in the local demo (no SMTP_HOST)', () => {
  let s: TestServer;
  let dir: string;
  beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    dir = mkdtempSync(join(tmpdir(), 'hub-mail-'));
    s = await startTestServer({ env: { MAIL_DIR: dir } });
  });
  afterAll(() => s?.close());

  it('writes an .eml file and logs the link in one line only', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const r = await s.api(null, 'POST', '/api/v1/public/invitations', {
      companyName: 'Demo Co', clientUrl: `${s.sandbox.url}/${s.sandbox.tenants[0]?.tenantId}/production`, inviterName: 'Dee', accountantEmail: 'alice.accountant@demo.local',
    });
    expect(r.status).toBe(201);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const { parseMail } = await import('../../../test-support/smtp');
    const mail = parseMail(readFileSync(join(dir, files[0] ?? ''), 'utf8'));
    const link = mail.links.find((l) => l.includes('?invitation=')) ?? '';
    const token = new URL(link).searchParams.get('invitation') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const withToken = s.logs.filter((l) => l.includes(token));
    expect(withToken).toHaveLength(1);
    expect(JSON.parse(withToken[0] ?? '{}')).toMatchObject({ link, msg: expect.stringMatching(/outbox folder/) });
  });
});
