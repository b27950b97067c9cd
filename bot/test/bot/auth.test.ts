import { Writable } from 'node:stream';
import type { KeyLike } from 'jose';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { openTestDb, type TestDb } from '../../../test-support/db';
import { execute, message, post, type Who } from './activities';
import { CHANNEL_ISSUER as ISSUER, startChannelTokens, type ChannelTokens } from './channel-tokens';

const BOT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const SERVICE_URL = 'http://127.0.0.1:9/connector';

async function startApp(db: TestDb, metadataUrl: string, logs: string[]): Promise<{ app: App; url: string }> {
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DEV_IDENTITY: 'true', LOG_LEVEL: 'info',
    BOT_ID, SECRET_BOT_PASSWORD: 'not-used-offline', BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555', BOT_TYPE: 'SingleTenant',
  });
  const sink = new Writable({ write(chunk, _e, cb) { logs.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
  const app = await createApp({
    config, logger: createLogger('info', sink), db, tabDir: null,
    botAuth: { ToBotFromChannelOpenIdMetadataUrl: metadataUrl, ToBotFromChannelTokenIssuer: ISSUER },
  });
  return { app, url: await app.listen() };
}

describe('Bot Framework authentication on /api/messages', () => {
  let oidc: ChannelTokens;
  let db: TestDb;
  let app: App;
  let url: string;
  const logs: string[] = [];
  const who: Who = { tenantId: 'tenant-a', aadObjectId: 'oid-a', name: 'Ann', conversationId: 'a:ann' };

  const token = (o: { key?: KeyLike; aud?: string; exp?: number; iss?: string; serviceUrl?: string } = {}) =>
    oidc.token({ audience: o.aud ?? BOT_ID, serviceUrl: o.serviceUrl ?? SERVICE_URL, ...(o.key ? { key: o.key } : {}), ...(o.exp ? { exp: o.exp } : {}), ...(o.iss ? { iss: o.iss } : {}) });
  const invoke = () => execute(who, SERVICE_URL, 'settings', { change: {} });

  beforeAll(async () => {
    // botbuilder's token extractor writes rejected tokens to console.error; the server's own log is what counts here.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    oidc = await startChannelTokens();
    db = await openTestDb();
    ({ app, url } = await startApp(db, oidc.metadataUrl, logs));
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await oidc?.close();
  });

  it('refuses calls without a token, and forged, expired, wrong-audience or wrong-service tokens (401)', async () => {
    const cases: [string, string | undefined][] = [
      ['none', undefined],
      ['not a bearer', 'Basic abc'],
      ['garbage', 'Bearer not.a.jwt'],
      ['forged (other key)', `Bearer ${await token({ key: oidc.otherKey })}`],
      ['expired', `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 3600 })}`],
      ['wrong audience', `Bearer ${await token({ aud: 'someone-else' })}`],
      ['wrong issuer', `Bearer ${await token({ iss: 'https://evil.example' })}`],
      ['wrong serviceUrl claim', `Bearer ${await token({ serviceUrl: 'http://evil.example' })}`],
    ];
    for (const [name, auth] of cases) {
      const res = await post(url, message(who, SERVICE_URL, 'summary'), auth);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.body.error).toEqual({ code: 'unauthorized', message: 'The request is not authenticated.', correlationId: expect.any(String) });
    }
  });

  it('accepts a valid channel token (the invoke answers with a card)', async () => {
    const res = await post(url, invoke(), `Bearer ${await token()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body.value)).toContain('Your Accountant Hub settings');
  });

  it('an unreachable OpenID metadata endpoint is a clean 503, logged with a correlation id', async () => {
    const otherDb = await openTestDb();
    const otherLogs: string[] = [];
    const down = await startApp(otherDb, 'http://127.0.0.1:9/.well-known/openid-configuration', otherLogs);
    try {
      const res = await post(down.url, invoke(), `Bearer ${await token()}`);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'auth_unavailable', message: expect.any(String), correlationId: expect.any(String) } });
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|at .*\.js|stack/i);
      const logged = otherLogs.map((l) => JSON.parse(l) as { msg?: string; correlationId?: string }).find((l) => l.msg?.includes('authentication unavailable'));
      expect(logged?.correlationId).toBe(res.body.error.correlationId);
    } finally {
      await down.app.close();
      await otherDb.dispose();
    }
  });
});
