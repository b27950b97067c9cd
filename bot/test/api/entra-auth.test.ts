import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startTestServer, type TestServer } from '../../../test-support/server';

const CLIENT_ID = '6a1e8c2f-0000-4000-8000-00000000c1d0';
const APP_ID_URI = `api://hub.example.com/${CLIENT_ID}`;
const TID = '72f988bf-0000-4000-8000-0000000000aa';

/** A local Entra: serves a JWKS like login.microsoftonline.com, and signs tokens the way Entra would. */
describe('tab API with Entra (Teams SSO) tokens', () => {
  let jwks: Server;
  let host: string;
  let key: KeyLike;
  let otherKey: KeyLike;
  let s: TestServer;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((req, res) => {
      res.writeHead(req.url === '/common/discovery/v2.0/keys' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    host = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    s = await startTestServer({ env: { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_ID_URI: APP_ID_URI, AAD_AUTHORITY_HOST: host, AAD_ALLOWED_TENANTS: `${TID},11111111-0000-4000-8000-000000000000` } });
  });
  afterAll(async () => {
    await s.close();
    await new Promise((r) => jwks.close(r));
  });

  const token = (claims: Record<string, unknown> = {}, o: { key?: KeyLike; exp?: string | number; aud?: string; iss?: string } = {}) =>
    new SignJWT({ tid: TID, oid: 'oid-1', scp: 'access_as_user', name: 'Ada Accountant', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(o.iss ?? `${host}/${TID}/v2.0`)
      .setAudience(o.aud ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(o.exp ?? '1h')
      .sign(o.key ?? key);

  it('accepts a valid v2 token and a v1 token addressed to the App ID URI', async () => {
    const me = await s.api(await token(), 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ tenantId: TID, objectId: 'oid-1', name: 'Ada Accountant', devIdentity: false });
    const v1 = await s.api(await token({}, { aud: APP_ID_URI, iss: `https://sts.windows.net/${TID}/` }), 'GET', '/api/v1/me');
    expect(v1.status).toBe(200);
  });

  it.each([
    ['expired', () => token({}, { exp: Math.floor(Date.now() / 1000) - 600 })],
    ['signed by another key', () => token({}, { key: otherKey })],
    ['for another audience', () => token({}, { aud: 'api://someone-else' })],
    ['issued for another tenant than its tid', () => token({}, { iss: `${host}/99999999-0000-4000-8000-000000000000/v2.0` })],
    ['without the access_as_user scope', () => token({ scp: 'User.Read' })],
    ['from a tenant not allowed', () => token({ tid: '22222222-0000-4000-8000-000000000000' }, { iss: `${host}/22222222-0000-4000-8000-000000000000/v2.0` })],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses a token that is %s with 401', async (_what, make) => {
    const r = await s.api(await make(), 'GET', '/api/v1/dashboard');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(r.body.error.code).toBe('unauthorized');
  });

  it('tells the tab to sign in with Entra', async () => {
    const r = await s.api(null, 'GET', '/api/v1/auth-config');
    expect(r.body).toEqual({ mode: 'entra', clientId: CLIENT_ID, authority: `${host}/organizations`, apiScope: `${APP_ID_URI}/access_as_user` });
  });

  it('never writes a token into the logs', async () => {
    const t = await token();
    await s.api(t, 'GET', '/api/v1/me');
    expect(s.logs.join('\n')).not.toContain(t.split('.')[2]);
  });
});
