import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BotStateRepo, OutboxRepo } from '@hub/client-data';
import { UsersRepo } from '../../../packages/client-data/src/adapters/store/users-repo';
import { startBotConnector, type BotConnector } from '../../../test-support/bot-connector';
import { openTestDb, type TestDb } from '../../../test-support/db';
import { PRODUCTION_BOT_ID, productionEnv } from '../../../test-support/production-env';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { HubAdapter } from '../../src/teams/bot-adapter';
import { serviceUrlPolicy } from '../../src/teams/service-url';
import { execute, message, post, type Who } from './activities';
import { CHANNEL_ISSUER, startChannelTokens, type ChannelTokens } from './channel-tokens';

const ROOT = join(__dirname, '..', '..', '..');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs the real entry point (bot/src/main.ts) with `env` only; resolves with its exit code and output. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'src', 'main.ts')], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production start refuses a bot without credentials', () => {
  it('names BOT_ID (also with the managed-identity type) and starts nothing', async () => {
    const cases: Record<string, string>[] = [{ BOT_ID: '', BOT_TENANT_ID: '', SECRET_BOT_PASSWORD: '' }, { BOT_ID: '', BOT_TYPE: 'UserAssignedMSI', SECRET_BOT_PASSWORD: '' }];
    for (const extra of cases) {
      const { code, output } = await runMain(productionEnv({ ...extra, PORT: '39781' }));
      expect(code).toBe(1);
      expect(output).toMatch(/Invalid configuration:\n {2}BOT_ID: required in production/);
      // Only the bot rule was broken; no other key is named and no secret is printed.
      expect(output.match(/^ {2}\w+:/gm)).toEqual(['  BOT_ID:']);
      expect(output).not.toMatch(/test-only/);
      await expect(fetch('http://127.0.0.1:39781/healthz')).rejects.toThrow();
    }
  }, 60_000);

  it('names AAD_ALLOWED_TENANTS when production leaves it to the silent default', async () => {
    const { code, output } = await runMain(productionEnv({ AAD_ALLOWED_TENANTS: '' }));
    expect(code).toBe(1);
    expect(output.match(/^ {2}\w+:.*$/gm)).toEqual(['  AAD_ALLOWED_TENANTS: required in production: tenant ids, or * for any tenant']);
  }, 30_000);
});

describe('the bot endpoint in production', () => {
  let oidc: ChannelTokens;
  let db: TestDb;
  let app: App;
  let url: string;
  let connector: BotConnector;
  const logs: string[] = [];
  const who: Who = { tenantId: 'tenant-victim', aadObjectId: 'oid-victim', name: 'Victim', conversationId: 'a:victim' };
  const TEAMS = 'https://smba.trafficmanager.net/emea/';
  const signed = (serviceUrl: string) => oidc.token({ audience: PRODUCTION_BOT_ID, serviceUrl }).then((t) => `Bearer ${t}`);
  const count = async (table: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    oidc = await startChannelTokens();
    connector = await startBotConnector();
    db = await openTestDb();
    const config = loadConfig(productionEnv());
    const sink = new Writable({ write(chunk, _e, cb) { logs.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
    app = await createApp({
      config, logger: createLogger('info', sink), db, tabDir: null,
      botAuth: { ToBotFromChannelOpenIdMetadataUrl: oidc.metadataUrl, ToBotFromChannelTokenIssuer: CHANNEL_ISSUER },
    });
    url = await app.listen();
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await connector?.close();
    await oidc?.close();
  });

  it('an activity without Bot Framework credentials gets 401 and changes nothing', async () => {
    const before = await Promise.all(['users', 'bot_conversations', 'bot_settings'].map(count));
    const attempts = [
      message(who, connector.url, 'summary'),
      execute(who, connector.url, 'settings', { change: { alerts: { summary: false } } }),
      message(who, connector.url, 'settings summary off'),
    ];
    for (const activity of attempts) {
      for (const auth of [undefined, `Bearer ${await oidc.token({ audience: PRODUCTION_BOT_ID, serviceUrl: connector.url, key: oidc.otherKey })}`]) {
        const res = await post(url, activity, auth);
        expect(res.status).toBe(401);
      }
    }
    expect(await Promise.all(['users', 'bot_conversations', 'bot_settings'].map(count))).toEqual(before);
    expect(connector.calls).toEqual([]);
  });

  it('a signed activity naming a serviceUrl outside Bot Framework is refused: nothing stored, nothing sent there', async () => {
    // The attacker's connector signs nothing, but suppose the channel token vouched for it: the host alone decides.
    const res = await post(url, message(who, connector.url, 'summary'), await signed(connector.url));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'service_url_not_allowed' });
    const evil = await post(url, execute(who, 'https://evil.example/teams/', 'settings', { change: {} }), await signed('https://evil.example/teams/'));
    expect(evil.status).toBe(403);
    expect(await count('bot_conversations')).toBe(0);
    expect(await count('users')).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  it('a signed activity from Teams\' own Bot Connector host is answered and its reference kept', async () => {
    const res = await post(url, execute(who, TEAMS, 'settings', { change: {} }), await signed(TEAMS));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.value)).toContain('Your Accountant Hub settings');
    const rows = await db.query<{ service_url: string }>('SELECT service_url FROM bot_conversations');
    expect(rows.map((r) => r.service_url)).toEqual([TEAMS]);
  });

  it('a stored reference to another host is never sent to: the card fails at once', async () => {
    const users = new UsersRepo(db);
    const userId = await users.ensure({ tenantId: 'tenant-old', objectId: 'oid-old', name: 'Stored Before The Fix' });
    // As if stored before hosts were checked (or written into the database by someone else).
    const reference = { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: 'a:old' }, bot: { id: '28:bot' }, user: { id: '29:old' } };
    await new BotStateRepo(db).saveConversation(userId, reference, connector.url, 'a:old');
    const outbox = new OutboxRepo(db);
    await outbox.enqueue({ key: `invitation-accepted:forged:${userId}`, userId, kind: 'invitation_accepted', payload: { clientName: 'Contoso', companyCount: 1 } });
    await app.proactive.sender?.drain();
    const [row] = await db.query<{ state: string; last_error: string }>('SELECT state, last_error FROM proactive_outbox WHERE user_id = $1', [userId]);
    expect(row).toEqual({ state: 'failed', last_error: 'HTTP 421 ServiceUrlNotAllowed' });
    expect(connector.calls).toEqual([]);
  });
});

describe('proactive sends to a serviceUrl', () => {
  let connector: BotConnector;
  beforeAll(async () => {
    connector = await startBotConnector();
  });
  afterAll(() => connector.close());
  const reference = (serviceUrl: string) => ({ serviceUrl, channelId: 'msteams', conversation: { id: 'a:1' }, bot: { id: '28:bot' }, user: { id: '29:u' } });
  const card = { type: 'message', id: 'card-1', text: 'hello' };

  it('in production reach only Bot Framework hosts; elsewhere (Playground, tests) any', async () => {
    const production = new HubAdapter({ botId: '', password: '', tenantId: '', type: 'MultiTenant' }, quiet, serviceUrlPolicy({ production: true }));
    expect(await production.sendProactive(reference(connector.url), card)).toEqual({ status: 421, code: 'ServiceUrlNotAllowed' });
    expect(connector.calls).toEqual([]);
    const local = new HubAdapter({ botId: '', password: '', tenantId: '', type: 'MultiTenant' }, quiet, serviceUrlPolicy({ production: false }));
    expect((await local.sendProactive(reference(connector.url), card)).status).toBe(201);
    expect(connector.calls).toHaveLength(1);
  });

  it('knows the documented hosts, and only over https on the default port', () => {
    const allowed = serviceUrlPolicy({ production: true, extraHosts: ['smba.teams.sovcloud-core.fr'] });
    for (const ok of ['https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net/teams/', 'https://SMBA.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams', 'https://smba.infra.dod.teams.microsoft.us/teams', 'https://smba.teams.sovcloud-core.fr/']) {
      expect({ ok, allowed: allowed(ok) }).toEqual({ ok, allowed: true });
    }
    for (const bad of ['http://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net:8443/amer/', 'https://smba.trafficmanager.net.evil.example/',
      'https://evil.example/smba.trafficmanager.net/', 'https://user:pw@smba.trafficmanager.net/', 'http://localhost:56150/_connector', 'not a url', '']) {
      expect({ bad, allowed: allowed(bad) }).toEqual({ bad, allowed: false });
    }
  });
});
