import { startTestServer, type TestServer } from '../../../test-support/server';

/** GET/PUT /api/v1/settings: the user's bot settings, through the real server and database. */
describe('settings API', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    s = await startTestServer({ tabDir: null });
    alice = await s.signIn('Alice Settings');
    bob = await s.signIn('Bob Settings');
  });
  afterAll(() => s.close());

  const userId = async (name: string) => {
    if (!s.app.dev) throw new Error('dev identity off');
    return s.app.svc.users.ensure(s.app.dev.principalFor(name));
  };

  it.each([['GET', undefined], ['PUT', { summaryTime: '07:00' }]])('%s needs a token', async (method, body) => {
    const r = await s.api(null, method, '/api/v1/settings', body);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
  });

  it('answers the defaults before anything is chosen', async () => {
    const r = await s.api(alice, 'GET', '/api/v1/settings');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    expect(r.body).toEqual({
      summaryTime: '08:00', summaryDays: [1, 2, 3, 4, 5], timeZone: 'UTC', timeZoneChosen: false,
      alerts: { summary: true, overdueInvoices: true, overdueBills: true, taxDue: true, invitations: true },
    });
  });

  it('saves a change, and the bot reads the same settings', async () => {
    const r = await s.api(alice, 'PUT', '/api/v1/settings', {
      summaryTime: '07:30', summaryDays: [5, 1, 3, 3], timeZone: 'Europe/Berlin', alerts: { taxDue: false, invitations: false },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ summaryTime: '07:30', summaryDays: [1, 3, 5], timeZone: 'Europe/Berlin', timeZoneChosen: true });
    expect(r.body.alerts).toEqual({ summary: true, overdueInvoices: true, overdueBills: true, taxDue: false, invitations: false });
    expect((await s.api(alice, 'GET', '/api/v1/settings')).body).toEqual(r.body);
    const bot = await s.app.svc.botState.settings(await userId('Alice Settings'));
    expect(bot).toEqual(r.body);
  });

  it('changes only the fields sent', async () => {
    const r = await s.api(alice, 'PUT', '/api/v1/settings', { alerts: { taxDue: true } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ summaryTime: '07:30', summaryDays: [1, 3, 5], timeZone: 'Europe/Berlin' });
    expect(r.body.alerts).toMatchObject({ taxDue: true, invitations: false });
  });

  it('keeps each user to their own settings', async () => {
    await s.api(bob, 'PUT', '/api/v1/settings', { summaryTime: '18:00', timeZone: 'America/New_York' });
    expect((await s.api(bob, 'GET', '/api/v1/settings')).body).toMatchObject({ summaryTime: '18:00', timeZone: 'America/New_York' });
    expect((await s.api(alice, 'GET', '/api/v1/settings')).body).toMatchObject({ summaryTime: '07:30', timeZone: 'Europe/Berlin' });
    expect((await s.app.svc.botState.settings(await userId('Bob Settings'))).summaryTime).toBe('18:00');
  });

  it('refuses bad input with a 400 naming every field, and changes nothing', async () => {
    const r = await s.api(alice, 'PUT', '/api/v1/settings', {
      summaryTime: '25:00', summaryDays: [0, 8], timeZone: 'Mars/Olympus_Mons', alerts: { summary: 'yes', lunch: true }, colour: 'blue',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    const paths = new Set(r.body.error.details.map((d: { path: string }) => d.path));
    for (const p of ['summaryTime', 'summaryDays.0', 'summaryDays.1', 'timeZone', 'alerts.summary', 'alerts', '']) expect(paths).toContain(p);
    expect(r.body.error.details.find((d: { path: string }) => d.path === 'timeZone').message).toBe('Not a known time zone');
    expect((await s.api(alice, 'GET', '/api/v1/settings')).body).toMatchObject({ summaryTime: '07:30', timeZone: 'Europe/Berlin' });
  });

  it.each([
    [{ summaryDays: [] }, 'summaryDays'],
    [{ timeZone: '+01:00' }, 'timeZone'],
    [{ summaryTime: '8:00' }, 'summaryTime'],
    [[], ''],
    [null, ''],
  ])('refuses %j', async (body, path) => {
    const r = await s.api(alice, 'PUT', '/api/v1/settings', body);
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
