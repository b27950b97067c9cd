/**
 * Hostile text over HTTP: control characters are refused with 400 naming the field (tab and line breaks allowed where
 * text may span lines), bidi controls and zero-width characters are removed from names and download file names, and a
 * NUL anywhere else (query strings, other JSON fields, chat to the bot) never reaches PostgreSQL as a 500.
 */
import type { TenantSpec } from '@hub/bc-sandbox';
import { startBotConnector, type BotConnector } from '../../../test-support/bot-connector';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { DEV_TENANT } from '../../src/auth/dev-identity';
import { message, post, type Who } from '../bot/activities';

jest.setTimeout(60_000);

const TENANT = '41111111-2222-4333-8444-555555555555';
// Business Central's own company name, with a right-to-left override and a zero-width space (names from outside).
const BC_COMPANY = 'Invoice\u202Exslx.exe\u200B Co';
const tenants: TenantSpec[] = [{
  tenantId: TENANT, clientName: 'Bidi Client',
  environments: [{ name: 'production', companies: [{ kind: 'explicit', name: BC_COMPANY, currencyCode: 'GBP', customers: [], vendors: [] }] }],
}];
const NUL = '\u0000';
const BEL = '\u0007';

describe('control, bidi and zero-width characters in input', () => {
  let s: TestServer;
  let alice: string;
  let clientUrl: string;

  beforeAll(async () => {
    s = await startTestServer({ sandbox: { tenants } });
    alice = await s.signIn('Alice Accountant');
    clientUrl = `${s.sandbox.url}/${TENANT}/production`;
  }, 60_000);
  afterAll(async () => { await s?.close(); });

  const refused = (r: { status: number; body: any }, path: string) => {
    expect([path, r.status, r.body?.error?.code]).toEqual([path, 400, 'invalid_request']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  };

  it('client fields: C0 characters refused with 400 (NUL and BEL), notes keep line breaks and tabs', async () => {
    const base = { name: 'Control Ltd', clientUrl };
    // NUL is also caught before any handler (no text in PostgreSQL can hold it); BEL reaches the schemas.
    for (const ch of [NUL, BEL]) {
      for (const field of ['name', 'contactName', 'phone', 'notes', 'clientUrl'] as const) {
        refused(await s.api(alice, 'POST', '/api/v1/clients', { ...base, [field]: `${field === 'clientUrl' ? clientUrl : 'x'}${ch}` }), field);
      }
    }
    refused(await s.api(alice, 'POST', '/api/v1/clients', { ...base, name: 'Two\nLines' }), 'name');
    const ok = await s.api(alice, 'POST', '/api/v1/clients', { ...base, notes: 'First line\nSecond\tindented\r\nThird' });
    expect(ok.status).toBe(201);
    expect(ok.body.notes).toBe('First line\nSecond\tindented\r\nThird');
    refused(await s.api(alice, 'PUT', `/api/v1/clients/${ok.body.id}`, { ...base, notes: `x${BEL}` }), 'notes');
    refused(await s.api(alice, 'POST', '/api/v1/client-url/test', { url: `${clientUrl}${BEL}` }), 'url');
    await s.api(alice, 'DELETE', `/api/v1/clients/${ok.body.id}`);
  });

  it('names lose bidi controls and zero-width characters; so does the download file name', async () => {
    const created = await s.api(alice, 'POST', '/api/v1/clients', { name: '\u202EBidi\u200B Client\u2066', contactName: 'Ann\uFEFF Lee', clientUrl });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Bidi Client');
    expect(created.body.contactName).toBe('Ann Lee');
    const company = created.body.companies[0] as { id: string; name: string };
    expect(company.name).toBe(BC_COMPANY); // Business Central's name is shown as it is...
    const r = await fetch(`${s.url}/api/v1/companies/${company.id}/reports/trial-balance.xlsx`, { headers: { authorization: `Bearer ${alice}` } });
    expect(r.status).toBe(200);
    await r.arrayBuffer();
    const cd = r.headers.get('content-disposition') ?? '';
    // ...but the file it names is saved as it reads: no U+202E (%E2%80%AE) or U+200B (%E2%80%8B).
    expect(cd).toMatch(/filename\*=UTF-8''Bidi%20Client%20-%20Invoicexslx\.exe%20Co%20-%20Trial%20balance%20[\d-]+%20to%20[\d-]+\.xlsx$/);
    expect(cd).not.toMatch(/%E2%80%(AE|8B)/);
    await s.api(alice, 'DELETE', `/api/v1/clients/${created.body.id}`);
  });

  it('views, invitations and sign-in: 400 for control characters, never 500', async () => {
    const definition = { columns: ['cash'], sort: null, search: '', filters: {} };
    const wizard = { companyName: 'Client Co', clientUrl, inviterName: 'Chris', accountantEmail: 'alice@example.com' };
    for (const ch of [NUL, BEL]) {
      refused(await s.api(alice, 'POST', '/api/v1/views', { name: `View${ch}`, definition }), 'name');
      refused(await s.api(alice, 'POST', '/api/v1/views', { name: 'View', definition: { ...definition, search: `acme${ch}` } }), 'definition.search');
      refused(await s.api(alice, 'POST', '/api/v1/invitations', { clientEmail: 'c@example.com', message: `hi${ch}` }), 'message');
      refused(await s.api(alice, 'POST', '/api/v1/invitations', { clientEmail: 'c@example.com', companyName: `Co${ch}` }), 'companyName');
      refused(await s.api(alice, 'POST', '/api/v1/invitations/lookup', { token: `abc${ch}` }), 'token');
      refused(await s.api(null, 'POST', '/api/v1/public/invitations', { ...wizard, inviterName: `Chris${ch}` }), 'inviterName');
      refused(await s.api(null, 'POST', '/api/v1/public/invitations', { ...wizard, companies: [`A${ch}`] }), 'companies.0');
      refused(await s.api(null, 'POST', '/api/v1/public/invitations', { ...wizard, message: `hello${ch}` }), 'message');
      refused(await s.api(null, 'POST', '/api/v1/dev/sign-in', { name: `Eve${ch}` }), 'name');
    }
    const multiline = await s.api(null, 'POST', '/api/v1/public/invitations', { ...wizard, message: 'Dear Alice,\n\tplease keep our books.' });
    expect(multiline.status).toBe(201);
  });

  it('a NUL in any other field, query string or path is 400 or 404, never a database error', async () => {
    const answers = [
      await s.api(alice, 'PUT', '/api/v1/settings', { timeZone: `Europe/London${NUL}` }),
      await s.api(alice, 'PUT', '/api/v1/settings', { summaryTime: `07:30${NUL}` }),
      await s.api(alice, 'POST', '/api/v1/refresh-jobs', { companyIds: [`x${NUL}`] }),
      await s.api(alice, 'POST', '/api/v1/reports/zip', { companyIds: [`${NUL}`], kinds: ['balance-sheet'] }),
      await s.api(alice, 'POST', '/api/v1/views', { name: 'V', definition: { columns: ['cash'], sort: null, search: '', filters: {}, extra: `x${NUL}` } }),
      await s.api(alice, 'GET', '/api/v1/clients/%00'),
      await s.api(alice, 'GET', `/api/v1/companies/${'0'.repeat(8)}-0000-4000-8000-000000000000/reports/balance-sheet.xlsx?asOf=2026-01-01%00`),
    ];
    // A refused download link answers with a page for the person who opened it.
    const link = await fetch(`${s.url}/api/v1/reports/download?token=%00abc`);
    expect([link.status, (await link.text()).includes('<!doctype')]).toEqual([400, true]);
    for (const a of answers) expect(a.status).toBeGreaterThanOrEqual(400);
    for (const a of answers) expect(a.status).toBeLessThan(500);
    // The API's catch-all names the NUL (fields no schema reads: unknown keys are dropped, not stored).
    expect(answers[4]?.status).toBe(400);
    expect(answers[4]?.body.error.message).toMatch(/NUL/);
    expect(s.logs.filter((l) => l.includes('"level":50'))).toEqual([]);
  });

  describe('chat to the bot', () => {
    let connector: BotConnector;
    beforeAll(async () => { connector = await startBotConnector(); });
    afterAll(async () => { await connector?.close(); });

    it('NUL in the text, the sender name and the conversation id: answered, stored without it, no 500', async () => {
      const who: Who = { tenantId: DEV_TENANT, aadObjectId: s.app.dev?.objectIdFor('Alice Accountant') as string, name: `Alice${NUL} Accountant`, conversationId: `a:nul${NUL}chat` };
      const before = connector.calls.length;
      const res = await post(s.url, message(who, connector.url, `summary${NUL}`));
      expect(res.status).toBe(200);
      const reply = await connector.waitFor((c) => connector.calls.indexOf(c) >= before);
      expect(reply.conversationId).toBe('a:nulchat');
      expect(JSON.stringify(reply.activity)).toContain('application/vnd.microsoft.card.adaptive');
      const userId = await s.app.svc.users.ensure({ tenantId: who.tenantId, objectId: who.aadObjectId, name: null });
      expect((await s.app.svc.botState.conversation(userId))?.conversationId).toBe('a:nulchat');
      expect(s.logs.filter((l) => l.includes('"level":50'))).toEqual([]);
    });
  });
});
