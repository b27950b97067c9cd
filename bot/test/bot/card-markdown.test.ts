/**
 * Names from outside never become markdown in the bot's cards: a client, company and customer named with link and
 * emphasis syntax show literally, titles included. Cards come from the real bot over HTTP (and the proactive
 * renderers over the real service), are parsed with the Adaptive Cards SDK and their text rendered with markdown-it,
 * the processor the SDK itself calls (`markdownit().render(text)`).
 */
import MarkdownIt from 'markdown-it';
import type { TenantSpec } from '@hub/bc-sandbox';
import { startBotConnector, cardOf, type BotConnector } from '../../../test-support/bot-connector';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { DEV_TENANT } from '../../src/auth/dev-identity';
import { renderers, type RenderContext } from '../../src/proactive/renderers';
import { execute, message, post, type Who } from './activities';
import { cardProblems } from './card-check';

jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as { AdaptiveCard: new () => { parse(json: unknown): void; toJSON(): unknown } };

const TENANT = '31111111-2222-4333-8444-555555555555';
const CLIENT = '[Click here](https://evil.example/client)';
const COMPANY = '**Pwned** [Co](https://evil.example/co)';
const CUSTOMER = '_Urgent_ [Pay now](https://evil.example/pay) <at>Boss</at>';
const tenants: TenantSpec[] = [{
  tenantId: TENANT, clientName: CLIENT,
  environments: [{ name: 'production', companies: [{
    kind: 'explicit', name: COMPANY, currencyCode: 'GBP', openingCash: 500,
    customers: [{ number: '[1](https://evil.example/no)', name: CUSTOMER }], vendors: [{ number: 'V1', name: '- [x] list' }],
    salesInvoices: [{ number: '[INV-1](https://evil.example/doc)', party: '[1](https://evil.example/no)', date: -40, dueDate: -30, amount: 100 }],
    purchaseInvoices: [{ party: 'V1', date: -40, dueDate: -20, amount: 50 }],
  }] }],
}];

const markdown = new MarkdownIt();

/** Every markdown-rendered text of a card (TextBlock.text, Fact.title, Fact.value), after the SDK parsed it. */
function renderedTexts(card: Record<string, unknown>): { html: string; text: string }[] {
  const ac = new AC.AdaptiveCard();
  ac.parse(card);
  const out: { html: string; text: string }[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) { v.forEach((x) => walk(x, key)); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const texts = o.type === 'TextBlock' ? [o.text] : key === 'facts' ? [o.title, o.value] : [];
    for (const t of texts) {
      if (typeof t !== 'string') continue;
      const html = markdown.render(t);
      const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
      out.push({ html, text });
    }
    for (const [k, x] of Object.entries(o)) walk(x, k);
  };
  walk(ac.toJSON());
  return out;
}

/** No link and no emphasis anywhere the hostile names show; the names read exactly as written. */
function expectLiteral(card: Record<string, unknown>, names: string[]): void {
  expect(cardProblems(card)).toEqual([]);
  const rendered = renderedTexts(card);
  for (const r of rendered) expect([r.text, /<a\b|<em>|<ul>|<ol>|<h\d/.test(r.html)]).toEqual([r.text, false]);
  const all = rendered.map((r) => r.text).join('\n');
  for (const n of names) expect(all).toContain(n);
}

describe('card text from outside is escaped (real bot over HTTP)', () => {
  let server: TestServer;
  let connector: BotConnector;
  let alice: Who;
  let userId: string;
  let clientId: string;
  let companyId: string;

  async function ask(text: string): Promise<Record<string, unknown>> {
    const before = connector.calls.length;
    expect((await post(server.url, message(alice, connector.url, text))).status).toBe(200);
    const call = await connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.conversationId === alice.conversationId && c.kind !== 'update');
    return cardOf(call) as Record<string, unknown>;
  }

  beforeAll(async () => {
    server = await startTestServer({ sandbox: { tenants } });
    connector = await startBotConnector();
    alice = { tenantId: DEV_TENANT, aadObjectId: server.app.dev?.objectIdFor('Alice Accountant') as string, name: 'Alice Accountant', conversationId: 'a:alice-md' };
    const token = await server.signIn('Alice Accountant');
    const created = await server.api(token, 'POST', '/api/v1/clients', { name: CLIENT, clientUrl: `${server.sandbox.url}/${TENANT}/production` });
    expect(created.status).toBe(201);
    clientId = created.body.id;
    companyId = created.body.companies[0].id;
    expect((await server.api(token, 'POST', '/api/v1/refresh-jobs', {})).status).toBeLessThan(300);
    await server.app.svc.refresh.idle();
    userId = await server.app.svc.users.ensure({ tenantId: alice.tenantId, objectId: alice.aadObjectId, name: null });
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it('chat answers: summary, lists, cash, clients; names shown literally, never as links', async () => {
    const summary = await ask('summary');
    expectLiteral(summary, [`${COMPANY} (${CLIENT})`]);
    // The hub's own markdown still works: the company label is bold.
    expect(renderedTexts(summary).some((r) => r.html.includes('<strong>**Pwned** [Co](https://evil.example/co)'))).toBe(true);
    expectLiteral(await ask('overdue invoices'), [CUSTOMER, '[INV-1](https://evil.example/doc)', `${COMPANY} (${CLIENT})`]);
    expectLiteral(await ask('overdue bills'), ['- [x] list']);
    expectLiteral(await ask('cash'), [`${COMPANY} (${CLIENT})`]);
    expectLiteral(await ask('my clients'), [CLIENT, COMPANY]);
  });

  it('titles from a card button (client scope) are escaped too', async () => {
    const res = await post(server.url, execute(alice, connector.url, 'refreshCompany', { view: { kind: 'overdue-invoices', scope: { type: 'client', id: clientId } } }));
    expect(res.status).toBe(200);
    const card = res.body?.value as Record<string, unknown>;
    expect(card?.type).toBe('AdaptiveCard');
    expectLiteral(card, [`Overdue invoices: ${CLIENT}`, CUSTOMER]);
  });

  it('proactive cards: overdue alert, tax alert and invitation accepted', async () => {
    const ctx: RenderContext = {
      deps: { svc: server.app.svc, dashboardUrl: () => null, log: { info: () => undefined, warn: () => undefined, error: () => undefined } },
      userId, locale: 'en-GB', timeZone: 'Europe/London', now: new Date(),
    };
    const details = await server.app.svc.dashboard.details(userId, companyId);
    const alert = await renderers.overdue_alert({ clientId, clientName: CLIENT, companies: [{ companyId, sales: details.overdueSales.map((d) => d.id), purchases: details.overduePurchases.map((d) => d.id) }] }, ctx);
    expectLiteral(alert?.content as Record<string, unknown>, [`Newly overdue: ${CLIENT}`, CUSTOMER, `${COMPANY} (${CLIENT})`]);
    const tax = details.row.kpis?.taxDue;
    expect(tax).toBeTruthy();
    const taxCard = await renderers.tax_alert({ companyId, dueDate: tax?.dueDate, amount: tax?.amount, daysBefore: 7 }, ctx);
    expectLiteral(taxCard?.content as Record<string, unknown>, [`Tax due in 7 days: ${COMPANY} (${CLIENT})`]);
    const accepted = await renderers.invitation_accepted({ clientName: CLIENT, companyCount: 1, inviterName: COMPANY, clientId, role: 'accountant' }, ctx);
    expectLiteral(accepted?.content as Record<string, unknown>, [`Invitation accepted: ${CLIENT} is on your dashboard`, `${CLIENT} was added`, COMPANY]);
    const inviter = await renderers.invitation_accepted({ clientName: CLIENT, companyCount: 1, clientId, role: 'inviter', accountantName: COMPANY }, ctx);
    expectLiteral(inviter?.content as Record<string, unknown>, [`${COMPANY} accepted your invitation`]);
    // The private-use mark the renderer gives hub markdown cannot be forged from a name.
    const forged = await renderers.invitation_accepted({ clientName: '\uE000[Forged](https://evil.example/f)', companyCount: 1, clientId, role: 'accountant' }, ctx);
    expectLiteral(forged?.content as Record<string, unknown>, ['[Forged](https://evil.example/f) is on your dashboard']);
  });
});
