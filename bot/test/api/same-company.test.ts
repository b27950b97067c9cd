import { DEMO_TENANT_IDS } from '@hub/bc-sandbox';
import { ProactivePlanner, type Clock } from '@hub/client-data';
import { countedRows, type DashboardRow, type Money } from '@hub/contracts';
import { cardOf, startBotConnector, type BotConnector } from '../../../test-support/bot-connector';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { DEV_TENANT } from '../../src/auth/dev-identity';
import { formatMoney } from '../../src/bot/format/format';
import { activity, message, post, type Who } from '../bot/activities';
import { unzip } from '../reports/fixture';

jest.setTimeout(90_000);

/**
 * One Business Central company reached through two clients (the sandbox's Contoso production environment: Contoso Ltd
 * and Contoso Retail Ltd). Its tenant answers to its GUID and to its domain, contoso.co.uk. Everything over HTTP: the tab
 * API, the bot's /api/messages, the planner reading what the refresh stored.
 */
describe('the same company on two clients', () => {
  let s: TestServer;
  let connector: BotConnector;
  let alice: string;
  let bob: string;
  let who: Who;
  let userId: string;
  let first: { id: string; companies: { id: string; name: string; bcCompanyId: string }[] };
  let second: { id: string; companies: { id: string; name: string; bcCompanyId: string }[] };
  const guid = DEMO_TENANT_IDS.contoso;
  let now = new Date();
  const clock: Clock = { now: () => now };

  const dashboard = async (token = alice): Promise<DashboardRow[]> => (await s.api(token, 'GET', '/api/v1/dashboard')).body.rows;
  async function refreshAll(): Promise<void> {
    const started = await s.api(alice, 'POST', '/api/v1/refresh-jobs', {});
    expect(started.status).toBe(202);
    await s.app.svc.refresh.idle();
  }
  /** Sums per currency in minor units (never across currencies). */
  const byCurrency = (amounts: Money[]) => {
    const out = new Map<string, number>();
    for (const m of amounts) out.set(m.currency, (out.get(m.currency) ?? 0) + m.minor);
    return out;
  };
  async function ask(text: string): Promise<string> {
    const before = connector.calls.length;
    expect((await post(s.url, message(who, connector.url, text))).status).toBe(200);
    const call = await connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.conversationId === who.conversationId && c.kind !== 'update');
    return JSON.stringify(cardOf(call));
  }
  const facts = (card: string): Map<string, string> => {
    const out = new Map<string, string>();
    for (const m of card.matchAll(/\{"title":"([^"]+)","value":"([^"]*)"\}/g)) out.set(m[1] as string, m[2] as string);
    return out;
  };

  beforeAll(async () => {
    s = await startTestServer({ env: { SCHEDULER_ENABLED: 'false', PROACTIVE_SENDER_ENABLED: 'false' } });
    connector = await startBotConnector();
    alice = await s.signIn('Alice Accountant');
    bob = await s.signIn('Bob Bookkeeper');
    who = { tenantId: DEV_TENANT, aadObjectId: s.app.dev?.objectIdFor('Alice Accountant') as string, name: 'Alice Accountant', conversationId: 'a:alice-same-company' };
    userId = await s.app.svc.users.ensure({ tenantId: who.tenantId, objectId: who.aadObjectId, name: null });
    expect((await post(s.url, activity(who, connector.url, { type: 'installationUpdate', action: 'add' }))).status).toBe(200);
    const created = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Contoso Ltd', clientUrl: `${s.sandbox.url}/${guid}/production` });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toBeUndefined();
    first = created.body;
    const fabrikam = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Fabrikam GmbH', clientUrl: `${s.sandbox.url}/${DEMO_TENANT_IDS.fabrikam}/production` });
    expect(fabrikam.body.warnings).toBeUndefined();
    await refreshAll();
  });
  afterAll(async () => {
    await s?.close();
    await connector?.close();
  });

  it('Test Client URL warns about companies already on the dashboard, whatever the spelling of the URL', async () => {
    const test = (url: string, extra: Record<string, unknown> = {}) => s.api(alice, 'POST', '/api/v1/client-url/test', { url, ...extra });
    // The same tenant GUID in capitals, the environment in another case, the API form of the address: exact.
    const exact = await test(`${s.sandbox.url}/v2.0/${guid.toUpperCase()}/Production/api/v2.0/companies`);
    expect(exact.status).toBe(200);
    expect(exact.body.ok).toBe(true);
    expect(exact.body.warnings).toEqual([expect.objectContaining({
      code: 'same_company',
      message: expect.stringMatching(/^2 companies are already on your dashboard: Contoso Ltd \(under “Contoso Ltd”\) and Contoso Retail Ltd \(under “Contoso Ltd”\): the same Business Central tenant, environment and company\./),
    })]);
    expect(exact.body.warnings[0].duplicates).toEqual(first.companies.map((c) => ({
      bcCompanyId: c.bcCompanyId, companyName: c.name, match: 'exact', existing: { clientId: first.id, clientName: 'Contoso Ltd', companyId: c.id, companyName: c.name },
    })));
    // The tenant by its domain name: the hub cannot prove it is the same tenant, says so, and still warns.
    const byDomain = await test(`${s.sandbox.url}/contoso.co.uk/production`);
    expect(byDomain.body.warnings[0].duplicates.map((d: { match: string }) => d.match)).toEqual(['likely', 'likely']);
    expect(byDomain.body.warnings[0].message).toContain(`the Client URLs name the tenant differently (contoso.co.uk and ${guid})`);
    // Another environment of the same tenant, another tenant, or the client being edited itself: nothing to warn.
    expect((await test(`${s.sandbox.url}/${guid}/sandbox`)).body.warnings).toBeUndefined();
    expect((await test(`${s.sandbox.url}/${DEMO_TENANT_IDS.northwind}/production`)).body.warnings).toBeUndefined();
    expect((await test(`${s.sandbox.url}/${guid}/production`, { clientId: first.id })).body.warnings).toBeUndefined();
    // Another accountant's dashboard is not Alice's: Bob hears nothing about her clients.
    expect((await s.api(bob, 'POST', '/api/v1/client-url/test', { url: `${s.sandbox.url}/${guid}/production` })).body.warnings).toBeUndefined();
    expect((await test(`${s.sandbox.url}/${guid}/production`, { clientId: 'not-a-uuid' })).status).toBe(400);
  });

  it('adding the client again saves it with a structured warning (201, not an error)', async () => {
    const r = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Contoso (again)', clientUrl: `${s.sandbox.url}/contoso.co.uk/PRODUCTION?company=Contoso%20Ltd` });
    expect(r.status).toBe(201);
    second = r.body;
    expect(second.companies.map((c) => c.name)).toEqual(['Contoso Ltd', 'Contoso Retail Ltd']);
    const dupes = r.body.warnings[0].duplicates as { companyId: string; existing: { companyId: string; clientId: string }; match: string }[];
    expect(dupes.map((d) => [d.companyId, d.existing.companyId, d.existing.clientId, d.match])).toEqual(
      second.companies.map((c, i) => [c.id, first.companies[i]?.id, first.id, 'likely']),
    );
    // Editing its notes does not nag again; the warning comes with a new address only.
    const edited = await s.api(alice, 'PUT', `/api/v1/clients/${second.id}`, { name: 'Contoso (again)', clientUrl: r.body.clientUrl, notes: 'checked' });
    expect(edited.status).toBe(200);
    expect(edited.body.warnings).toBeUndefined();
  });

  it('the dashboard marks both rows and counts the company once', async () => {
    await refreshAll();
    const rows = await dashboard();
    expect(rows).toHaveLength(5);
    const mark = (id: string) => rows.find((r) => r.companyId === id)?.sameCompany;
    for (const [i, c] of second.companies.entries()) {
      const counted = first.companies[i]?.id as string;
      expect(mark(c.id)).toEqual({ countedRow: counted, others: [{ companyId: counted, clientId: first.id, clientName: 'Contoso Ltd' }], match: 'likely' });
      expect(mark(counted)).toEqual({ countedRow: counted, others: [{ companyId: c.id, clientId: second.id, clientName: 'Contoso (again)' }], match: 'likely' });
    }
    expect(rows.filter((r) => r.clientName === 'Fabrikam GmbH').every((r) => r.sameCompany === null)).toBe(true);
    expect(countedRows(rows).map((r) => r.companyId).sort()).toEqual(rows.filter((r) => r.clientId !== second.id).map((r) => r.companyId).sort());
    // One row (the refresh and the details pane) carries the same mark as the list.
    const one = await s.api(alice, 'GET', `/api/v1/companies/${second.companies[0]?.id}`);
    expect(one.body.row.sameCompany).toEqual(mark(second.companies[0]?.id as string));
  });

  it('the bot counts the company once: summary cash totals, the companies listed, names', async () => {
    const rows = await dashboard();
    const once = byCurrency(countedRows(rows).flatMap((r) => (r.kpis ? [r.kpis.cash] : [])));
    const twice = byCurrency(rows.flatMap((r) => (r.kpis ? [r.kpis.cash] : [])));
    expect(once.get('GBP')).not.toBe(twice.get('GBP'));
    const summary = await ask('summary');
    const f = facts(summary);
    expect(f.get('Companies')).toBe('3');
    expect(f.get('Cash (GBP)')).toBe(formatMoney({ currency: 'GBP', minor: once.get('GBP') as number }, 'en-GB'));
    expect(f.get('Cash (EUR)')).toBe(formatMoney({ currency: 'EUR', minor: once.get('EUR') as number }, 'en-GB'));
    const overdue = byCurrency(countedRows(rows).flatMap((r) => r.kpis?.overdueSales.amounts ?? []));
    expect(f.get('Overdue invoices (GBP)')).toBe(formatMoney({ currency: 'GBP', minor: overdue.get('GBP') as number }, 'en-GB'));
    // Listed once, under the client that counts, saying where else it is (markdown escapes aside).
    const text = summary.replace(/\\\\/g, '');
    expect(text).toContain('**Contoso Ltd**');
    expect(text).not.toContain('(Contoso (again))');
    expect(text).toContain('also under Contoso (again) (counted once)');
    // "Contoso Ltd" names one company, not two to choose between.
    const cash = await ask('cash for contoso retail ltd');
    expect(cash).toContain('Cash: Contoso Retail Ltd (Contoso Ltd)');
    // Asked about the second client itself, its companies are still there.
    expect(await ask('summary for contoso again')).toContain('Summary: Contoso (again)');
  });

  it('alerts a newly overdue invoice of the company once, not once per client', async () => {
    const planner = new ProactivePlanner({ db: s.db, outbox: s.app.svc.outbox, repo: s.app.svc.proactiveRepo, clock });
    now = new Date();
    now.setUTCHours(23, 0, 0, 0); // no summary due by default (08:00)
    await s.app.svc.botState.updateSettings(userId, { alerts: { summary: false } });
    expect((await planner.run({ full: true })).overdueAlerts).toBe(0); // the baseline
    // Business Central has a new overdue invoice: both clients' snapshots of the company show it.
    const line = { id: 'dup-si-1', number: 'SI-DUP-1', party: 'New Customer Ltd', dueDate: '2026-01-01', daysOverdue: 3, amount: { currency: 'GBP', minor: 12_345 } };
    for (const id of [first.companies[0]?.id, second.companies[0]?.id]) {
      await s.db.query(`UPDATE snapshots SET data = jsonb_set(data::jsonb, '{overdueSales}', (data::jsonb->'overdueSales') || $2::jsonb)::json WHERE company_id = $1`, [id, JSON.stringify([line])]);
    }
    await s.db.query('UPDATE users SET dashboard_version = dashboard_version + 1 WHERE id = $1', [userId]);
    expect((await planner.run()).overdueAlerts).toBe(1);
    const queued = await s.db.query<{ payload: { clientId: string; companies: { companyId: string }[] } }>(
      `SELECT payload FROM proactive_outbox WHERE user_id = $1 AND kind = 'overdue_alert'`, [userId]);
    expect(queued.map((q) => [q.payload.clientId, q.payload.companies.map((c) => c.companyId)])).toEqual([[first.id, [first.companies[0]?.id]]]);
    // Tax alerts likewise: one per company, from the row that counts.
    const [tax] = await s.db.query<{ due: string }>(`SELECT kpis->'taxDue'->>'dueDate' AS due FROM snapshots WHERE company_id = $1`, [first.companies[0]?.id]);
    expect(tax?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    now = new Date(`${tax?.due}T23:00:00Z`);
    now.setUTCDate(now.getUTCDate() - 1);
    await planner.run({ full: true });
    const taxAlerts = await s.db.query<{ payload: { companyId: string } }>(`SELECT payload FROM proactive_outbox WHERE user_id = $1 AND kind = 'tax_alert'`, [userId]);
    const ids = taxAlerts.map((t) => t.payload.companyId);
    expect(ids).toContain(first.companies[0]?.id);
    expect(ids).not.toContain(second.companies[0]?.id);
    expect(ids).not.toContain(second.companies[1]?.id);
  });

  it('a report zip of both rows holds the company once', async () => {
    const res = await fetch(`${s.url}/api/v1/reports/zip`, {
      method: 'POST', headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ companyIds: [first.companies[0]?.id, second.companies[0]?.id, first.companies[1]?.id], kinds: ['trial-balance'] }),
    });
    expect(res.status).toBe(200);
    const names = [...(await unzip(Buffer.from(await res.arrayBuffer()))).keys()].map((n) => n.split('/')[0]);
    expect(names).toEqual(['Contoso Ltd', 'Contoso Ltd - Contoso Retail Ltd']);
  });

  it('keep one: removing refuses bad or foreign ids whole, then the company shows once and Refresh all does not bring it back', async () => {
    const remove = (token: string, body: unknown) => s.api(token, 'POST', '/api/v1/companies/remove', body);
    const target = second.companies[0]?.id as string;
    expect((await remove(alice, { companyIds: [] })).status).toBe(400);
    expect((await remove(alice, { companyIds: ['nope'] })).status).toBe(400);
    expect((await remove(alice, {})).status).toBe(400);
    // Bob cannot remove Alice's company, and a request naming one of his own and one of hers removes nothing.
    expect((await remove(bob, { companyIds: [target] })).status).toBe(404);
    expect((await remove(alice, { companyIds: [target, '00000000-0000-4000-8000-000000000000'] })).status).toBe(404);
    expect((await dashboard()).some((r) => r.companyId === target)).toBe(true);

    const r = await remove(alice, { companyIds: [target] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ removed: [{ companyId: target, clientId: second.id, clientName: 'Contoso (again)', companyName: 'Contoso Ltd' }] });
    let rows = await dashboard();
    expect(rows.some((row) => row.companyId === target)).toBe(false);
    expect(rows.find((row) => row.companyId === first.companies[0]?.id)?.sameCompany).toBeNull();
    const client = (await s.api(alice, 'GET', `/api/v1/clients/${second.id}`)).body;
    expect(client.removedCompanies).toEqual([{ bcCompanyId: second.companies[0]?.bcCompanyId, name: 'Contoso Ltd', removedAt: expect.any(String) }]);
    await refreshAll();
    rows = await dashboard();
    expect(rows.filter((row) => row.clientId === second.id).map((row) => row.companyName)).toEqual(['Contoso Retail Ltd']);
    // Saving the client again (same address) lists its companies anew: the removed one stays off.
    const saved = await s.api(alice, 'PUT', `/api/v1/clients/${second.id}`, { name: 'Contoso (again)', clientUrl: `${s.sandbox.url}/${guid}/production` });
    expect(saved.body.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Retail Ltd']);
    expect(saved.body.warnings[0].duplicates.map((d: { companyName: string; match: string }) => [d.companyName, d.match])).toEqual([['Contoso Retail Ltd', 'exact']]);
  });

  it('Refresh all finding a company another client holds marks it on the dashboard', async () => {
    // As if the company was created in Business Central after the client was saved: discovery adds it.
    const retail = second.companies[1]?.id as string;
    await s.db.query('DELETE FROM companies WHERE id = $1', [retail]);
    expect((await dashboard()).filter((r) => r.clientId === second.id)).toHaveLength(0);
    await refreshAll();
    const rows = await dashboard();
    const found = rows.find((r) => r.clientId === second.id && r.companyName === 'Contoso Retail Ltd');
    expect(found?.sameCompany).toMatchObject({ countedRow: first.companies[1]?.id, match: 'exact' });
    expect(countedRows(rows)).toHaveLength(3);
  });

  it('restoring brings a removed company back under its client, with the warning again', async () => {
    const bcId = second.companies[0]?.bcCompanyId as string;
    expect((await s.api(bob, 'POST', `/api/v1/clients/${second.id}/companies/restore`, { bcCompanyId: bcId })).status).toBe(404);
    expect((await s.api(alice, 'POST', `/api/v1/clients/${second.id}/companies/restore`, { bcCompanyId: 'unknown' })).status).toBe(404);
    expect((await s.api(alice, 'POST', `/api/v1/clients/${second.id}/companies/restore`, {})).status).toBe(400);
    const r = await s.api(alice, 'POST', `/api/v1/clients/${second.id}/companies/restore`, { bcCompanyId: bcId });
    expect(r.status).toBe(200);
    expect(r.body.removedCompanies).toEqual([]);
    expect(r.body.warnings[0].duplicates).toEqual([expect.objectContaining({ companyName: 'Contoso Ltd', match: 'exact', existing: expect.objectContaining({ clientId: first.id }) })]);
    expect((await dashboard()).filter((row) => row.clientId === second.id).map((row) => [row.companyName, row.status])).toEqual([
      ['Contoso Ltd', 'never'], ['Contoso Retail Ltd', 'ok'],
    ]);
  });

  it('moving a client to another environment forgets what was removed from it', async () => {
    const retail = (await dashboard()).find((r) => r.clientId === second.id && r.companyName === 'Contoso Retail Ltd')?.companyId as string;
    expect((await s.api(alice, 'POST', '/api/v1/companies/remove', { companyIds: [retail] })).status).toBe(200);
    const moved = await s.api(alice, 'PUT', `/api/v1/clients/${second.id}`, { name: 'Contoso (again)', clientUrl: `${s.sandbox.url}/${guid}/sandbox` });
    expect(moved.status).toBe(200);
    expect(moved.body.removedCompanies).toEqual([]);
    expect(moved.body.warnings).toBeUndefined();
    expect(moved.body.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Ltd - Test']);
  });
});
