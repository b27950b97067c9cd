import { startLocalSmtp, type LocalSmtp } from '../../../test-support/smtp';
import { startTestServer, type TestServer } from '../../../test-support/server';

/** How invitation mail is paced (hourly limits per network and recipient) and where it goes without SMTP (the demo). */

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

describe('invitation rate limits behind a trusted proxy (App Service appends the caller to X-Forwarded-For)', () => {
  let s: TestServer;
  let smtp: LocalSmtp;
  beforeAll(async () => {
    smtp = await startLocalSmtp();
    s = await startTestServer({ env: { ...smtp.env, INVITATION_SENDS_PER_HOUR: '3', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
  });

  /** A public invitation as it reaches the server through the proxy: `forwarded` is the X-Forwarded-For it passes on. */
  const invite = async (to: string, forwarded: string) => {
    const res = await fetch(`${s.url}/api/v1/public/invitations`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
      body: JSON.stringify({ companyName: 'Spam Co', clientUrl: `${s.sandbox.url}/${s.sandbox.tenants[0]?.tenantId}/production`, inviterName: 'X', accountantEmail: to }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
  };

  it('a caller rotating a forged first entry is still one network: the entry the proxy appended counts', async () => {
    for (let i = 0; i < 3; i += 1) expect((await invite(`target${i}@firm.example`, `10.9.${i}.1, 203.0.113.50:4${i}001`)).status).toBe(201);
    const refused = await invite('target3@firm.example', '10.9.3.1, 203.0.113.50:43001');
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toMatch(/from your network/);
    // Another network (another address appended by the proxy) has its own budget.
    expect((await invite('target4@firm.example', '203.0.113.50, 198.51.100.9:50000')).status).toBe(201);
    expect(smtp.mails.map((m) => m.to).flat()).toEqual(['target0@firm.example', 'target1@firm.example', 'target2@firm.example', 'target4@firm.example']);
  });

  it('case and +tag variants of one address share the per-recipient limit; mail still goes to the address as written', async () => {
    const sent = ['Alice+1@X.com', 'alice@x.com', 'ALICE+news@x.COM'];
    for (const [i, to] of sent.entries()) expect((await invite(to, `192.0.2.${i + 10}`)).status).toBe(201);
    const refused = await invite('alice+2@X.com', '192.0.2.99');
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toMatch(/to this email address/);
    expect((await invite('bob+1@x.com', '192.0.2.98')).status).toBe(201);
    expect(smtp.mails.map((m) => m.to).flat()).toEqual(['alice+1@x.com', 'alice@x.com', 'alice+news@x.com', 'bob+1@x.com']);
  });
});

describe('invitation mail in the local demo (no SMTP_HOST)', () => {
  let s: TestServer;
  let dir: string;
  let token = '';
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
      companyName: 'Demo Co', clientUrl: `${s.sandbox.url}/${s.sandbox.tenants[0]?.tenantId}/production`, inviterName: 'Dee', inviterEmail: 'dee@demo.example',
      accountantEmail: 'alice.accountant@demo.local',
    });
    expect(r.status).toBe(201);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const { parseMail } = await import('../../../test-support/smtp');
    const mail = parseMail(readFileSync(join(dir, files[0] ?? ''), 'utf8'));
    const link = mail.links.find((l) => l.includes('?invitation=')) ?? '';
    token = new URL(link).searchParams.get('invitation') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const withToken = s.logs.filter((l) => l.includes(token));
    expect(withToken).toHaveLength(1);
    expect(JSON.parse(withToken[0] ?? '{}')).toMatchObject({ link, msg: expect.stringMatching(/outbox folder/) });
  });

  it('writes the answer to the inviter as an .eml file too', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseMail } = await import('../../../test-support/smtp');
    const alice = await s.signIn('Alice Accountant');
    expect((await s.api(alice, 'POST', '/api/v1/invitations/accept', { token })).body.invitation.inviterNotified).toBe('sent');
    const mails = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => parseMail(readFileSync(join(dir, f), 'utf8')));
    const answer = mails.find((m) => /^To: dee@demo\.example/m.test(m.raw));
    expect(answer?.subject).toBe('Alice Accountant accepted your invitation: Demo Co is connected');
    expect(answer?.text).toMatch(/^Companies shared: Every company: Contoso Ltd, Contoso Retail Ltd\r?$/m);
  });
});
