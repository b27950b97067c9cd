import { DEMO_TENANT_IDS } from '@hub/bc-sandbox';
import { startBotConnector, cardOf, type BotConnector, type ConnectorCall } from '../../../test-support/bot-connector';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { DEV_TENANT } from '../../src/auth/dev-identity';
import { PLAYGROUND_TENANT } from '../../src/teams/identity';
import { activity, execute, message, post, type Who } from './activities';
import { cardProblems } from './card-check';

jest.setTimeout(60_000);

describe('a conversation over real HTTP: Bot Connector → /api/messages → cards back', () => {
  let server: TestServer;
  let connector: BotConnector;
  let alice: Who;
  let userId: string;

  /** Posts a message and returns the reply the bot sent to the connector. */
  async function ask(who: Who, text: string): Promise<{ call: ConnectorCall; card: Record<string, unknown>; json: string }> {
    const before = connector.calls.length;
    const res = await post(server.url, message(who, connector.url, text));
    expect(res.status).toBe(200);
    const call = await connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.conversationId === who.conversationId && c.kind !== 'update');
    const card = cardOf(call) as Record<string, unknown>;
    expect(card).not.toBeNull();
    expect(cardProblems(card)).toEqual([]);
    return { call, card, json: JSON.stringify(card) };
  }

  beforeAll(async () => {
    server = await startTestServer();
    connector = await startBotConnector();
    // Alice uses the tab (dev sign-in) and Teams: the same (tenant, object id) is the same accountant.
    alice = { tenantId: DEV_TENANT, aadObjectId: server.app.dev?.objectIdFor('Alice Accountant') as string, name: 'Alice Accountant', conversationId: 'a:alice-personal' };
    const token = await server.signIn('Alice Accountant');
    const tenants = server.sandbox.tenants;
    for (const id of [DEMO_TENANT_IDS.contoso, DEMO_TENANT_IDS.fabrikam, DEMO_TENANT_IDS.adventureWorks]) {
      const t = tenants.find((x) => x.tenantId === id);
      const created = await server.api(token, 'POST', '/api/v1/clients', { name: t?.clientName, clientUrl: `${server.sandbox.url}/${id}/production` });
      expect(created.status).toBe(201);
    }
    userId = await server.app.svc.users.ensure({ tenantId: alice.tenantId, objectId: alice.aadObjectId, name: null });
    const job = await server.api(token, 'POST', '/api/v1/refresh-jobs', {});
    expect(job.status).toBeLessThan(300);
    await server.app.svc.refresh.idle();
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it('welcomes on install and stores the conversation reference', async () => {
    const res = await post(server.url, activity(alice, connector.url, { type: 'installationUpdate', action: 'add' }));
    expect(res.status).toBe(200);
    const welcome = await connector.waitFor((c) => c.conversationId === alice.conversationId);
    expect(JSON.stringify(cardOf(welcome))).toContain('Welcome to Accountant Hub, Alice');
    // Teams also sends membersAdded for the bot: no second welcome.
    await post(server.url, activity(alice, connector.url, { type: 'conversationUpdate', membersAdded: [{ id: '28:bot-id' }] }));
    const stored = await server.app.svc.botState.conversation(userId);
    expect(stored).toMatchObject({ conversationId: alice.conversationId, serviceUrl: connector.url, goneAt: null });
    expect(stored?.reference).toMatchObject({ conversation: { id: alice.conversationId }, user: { aadObjectId: alice.aadObjectId } });
    expect((await server.app.svc.botState.settings(userId)).timeZone).toBe('Europe/London');
    expect(connector.calls.filter((c) => JSON.stringify(c.activity).includes('Welcome to'))).toHaveLength(1);
  });

  it('answers questions with cards, forgiving names', async () => {
    const overdue = await ask(alice, 'show overdue invoices for contso');
    expect(overdue.json).toContain('Overdue invoices: Contoso Ltd');
    expect(overdue.json).toContain('Open in Business Central');
    expect(overdue.json).toMatch(/£[\d,]+\.\d\d/);
    expect(overdue.call.replyToId).toBeDefined();

    expect((await ask(alice, 'overdue bills Fabrikam')).json).toContain('Overdue bills: Fabrikam GmbH');
    expect((await ask(alice, 'what does Adventure Works owe')).json).toContain('What Adventure Works Inc owes');
    expect((await ask(alice, 'cash for adventure wroks')).json).toContain('Cash: Adventure Works Inc');
    expect((await ask(alice, 'taxes due this month')).json).toContain('Taxes due this month');
    const summary = await ask(alice, 'summary');
    expect(summary.json).toContain('Summary of your clients');
    expect(summary.json).toContain('Contoso Retail Ltd');
    expect((await ask(alice, 'overdue invoices for Northwind')).json).toContain('I couldn');
    expect((await ask(alice, 'help')).json).toContain('What you can ask me');
  });

  it('changes settings by chat and shows them as a card', async () => {
    expect((await ask(alice, 'send my summary at 7:30')).json).toContain('Summary time now 07:30');
    expect((await ask(alice, 'turn off tax alerts')).json).toContain('Taxes coming due off');
    const s = await server.app.svc.botState.settings(userId);
    expect(s).toMatchObject({ summaryTime: '07:30', alerts: { taxDue: false, summary: true } });
    expect((await ask(alice, 'settings')).json).toContain('07:30, Weekdays (Mon–Fri)');
  });

  it('Action.Execute refreshes and returns the updated card in the HTTP response', async () => {
    const contoso = (await server.app.svc.clients.list(userId)).find((c) => c.name === 'Contoso Ltd');
    const view = { kind: 'overdue-invoices', scope: { type: 'client', id: contoso?.id } };
    const before = (await server.app.svc.dashboard.rows(userId)).find((r) => r.clientId === contoso?.id)?.refreshedAt;
    const res = await post(server.url, execute(alice, connector.url, 'refreshCompany', { view }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardProblems(res.body.value)).toEqual([]);
    expect(JSON.stringify(res.body.value)).toContain('Overdue invoices: Contoso Ltd');
    const after = (await server.app.svc.dashboard.rows(userId)).find((r) => r.clientId === contoso?.id)?.refreshedAt;
    expect(after && before && after > before).toBe(true);
    // Settings buttons work the same way.
    const toggled = await post(server.url, execute(alice, connector.url, 'settings', { change: { alerts: { taxDue: true } } }));
    expect(JSON.stringify(toggled.body.value)).toContain('Taxes coming due on');
  });

  it('"refresh Contoso" replies at once, then updates that card in place', async () => {
    const first = await ask(alice, 'refresh Contoso');
    expect(first.json).toContain('Refreshing Contoso Ltd');
    const update = await connector.waitFor((c) => c.kind === 'update' && c.activityId === first.call.activityId, 20_000);
    const card = cardOf(update) as Record<string, unknown>;
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toMatch(/Refreshed \d+ compan/);
  });

  it('a user with no clients gets a helpful card; one without identity is told why', async () => {
    const bob: Who = { tenantId: 'tenant-b', aadObjectId: 'oid-bob', name: 'Bob', conversationId: 'a:bob' };
    expect((await ask(bob, 'overdue invoices Contoso')).json).toContain('You have no clients yet');
    const nobody = message({ ...bob, conversationId: 'a:nobody' }, connector.url, 'summary');
    delete (nobody.from as Record<string, unknown>).aadObjectId;
    (nobody.conversation as Record<string, unknown>).tenantId = undefined;
    nobody.channelData = {};
    await post(server.url, nobody);
    const reply = await connector.waitFor((c) => c.conversationId === 'a:nobody');
    expect(JSON.stringify(cardOf(reply))).toContain('I can’t tell who you are');
  });

  it('in the local demo, the Playground user is the demo accountant', async () => {
    const demo = server.app.dev?.principalFor('Demo Accountant');
    const demoId = await server.app.svc.users.ensure(demo as NonNullable<typeof demo>);
    await server.app.svc.clients.create(demoId, DEV_TENANT, { name: 'Northwind Traders Ltd', clientUrl: `${server.sandbox.url}/${DEMO_TENANT_IDS.northwind}/production` });
    const playground: Who = { tenantId: PLAYGROUND_TENANT, aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', conversationId: 'a:playground' };
    expect((await ask(playground, 'my clients')).json).toContain('Northwind Traders Ltd');
  });

  it('a failed send is logged with a correlation id; the user never sees internals', async () => {
    const carol: Who = { tenantId: 'tenant-c', aadObjectId: 'oid-carol', name: 'Carol', conversationId: 'a:carol' };
    connector.removeUser('a:carol');
    const res = await post(server.url, message(carol, connector.url, 'help'));
    expect(res.status).toBe(200);
    const failed = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'bot turn failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.at(-1)?.correlationId).toEqual(expect.any(String));
    // 429 with Retry-After is what the connector answers when told to (issue 6's sender honours it).
    connector.failNext({ status: 429, retryAfter: 1 });
    const throttled = await fetch(`${connector.url}/v3/conversations/a:x/activities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
  });

  it('refuses bodies that are not activities', async () => {
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nope":1}' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: unknown };
    expect(body.error).toMatchObject({ code: 'bad_request', correlationId: expect.any(String) });
  });
});
