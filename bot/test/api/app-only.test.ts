import { Writable } from 'node:stream';
import { Agent, fetch as undiciFetch } from 'undici';
import { createSandbox, type Sandbox } from '@hub/bc-sandbox';
import { fetchNetworkModule } from '@hub/client-data';
import { openTestDb, type TestDb } from '../../../test-support/db';
import { BC_RESOURCE, LocalEntra } from '../../../test-support/local-entra';
import { createApp, type App } from '../../src/app';
import { DEV_TENANT } from '../../src/auth/dev-identity';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';

const HUB_APP = '11111111-2222-4333-8444-555555555555';
const OTHER_FIRM = 'bbbbbbbb-0000-4000-8000-0000000000f2';

/**
 * App-only sign-in (the hub's own app) against a local Entra and a Business Central sandbox that accepts only tokens
 * that Entra signed for the environment's tenant: real msal-node client credentials, real HTTP.
 */
describe('reading a client with the hub\'s app needs a grant for the firm', () => {
  let entra: LocalEntra;
  let sandbox: Sandbox;
  let db: TestDb;
  let app: App;
  let url: string;
  let granted: string;
  let notGranted: string;

  const trustingFetch = (() => {
    let agent: Agent | undefined;
    return ((u: string, init?: RequestInit) => {
      agent ??= new Agent({ connect: { ca: entra.cert } });
      return undiciFetch(u, { ...(init as object), dispatcher: agent } as never);
    }) as unknown as typeof fetch;
  })();

  const start = async (grants: string) => {
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', DEV_IDENTITY: 'true', LOG_LEVEL: 'silent', BC_EXTRA_ALLOWED_HOSTS: new URL(sandbox.url).host,
      AAD_APP_CLIENT_ID: HUB_APP, SECRET_AAD_APP_CLIENT_SECRET: 'hub-app-secret', SECRET_TOKEN_CACHE_KEY: 'k'.repeat(40), AAD_AUTHORITY_HOST: entra.url,
      APP_ONLY_TENANTS: grants,
    });
    app = await createApp({
      config, logger: createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() })), db, tabDir: null,
      msal: { authorityOptions: (tenant) => entra.msalAuthorityOptions(tenant), networkClient: fetchNetworkModule(trustingFetch) },
    });
    url = await app.listen();
  };
  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const alice = async () => {
    const res = await fetch(`${url}/api/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Alice Accountant' }) });
    return ((await res.json()) as { token: string }).token;
  };
  const client = (tenant: string, bcAuthMode: 'app' | 'delegated' = 'app') => ({ name: `Client ${tenant.slice(0, 8)}`, clientUrl: `${sandbox.url}/${tenant}/production`, bcAuthMode });

  beforeAll(async () => {
    entra = new LocalEntra({ clients: { [HUB_APP]: 'hub-app-secret' } });
    await entra.start();
    sandbox = createSandbox({ verifyToken: (token, tenantId) => entra.verify(token, { audience: BC_RESOURCE, tenant: tenantId }) !== null });
    await sandbox.listen(0, '127.0.0.1');
    granted = sandbox.tenants[0]?.tenantId ?? '';
    notGranted = sandbox.tenants[1]?.tenantId ?? '';
    db = await openTestDb();
    // The administrator allowed the demo firm's app-only reading of one client tenant; another firm holds a grant too.
    await start(`${DEV_TENANT}:${granted},${OTHER_FIRM}:${notGranted}`);
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await entra?.close();
    await db?.dispose();
  });

  it('says per Client URL whether the hub\'s app may be used, and why not', async () => {
    const token = await alice();
    expect((await api(token, 'POST', '/api/v1/client-url/app-only', { url: client(granted).clientUrl })).body).toEqual({ allowed: true, tenant: granted, message: expect.any(String) });
    const no = await api(token, 'POST', '/api/v1/client-url/app-only', { url: client(notGranted).clientUrl });
    expect(no.body).toEqual({ allowed: false, tenant: notGranted, message: expect.stringContaining(`tenant ${notGranted} is not one of them`) });
    expect((await api(token, 'POST', '/api/v1/client-url/app-only', { url: 'not a url' })).body.allowed).toBe(false);
    expect((await api(token, 'POST', '/api/v1/client-url/app-only', {})).status).toBe(400);
  });

  it('refuses app-only for a tenant not granted to the firm (another firm\'s grant does not count): nothing saved, no token asked for', async () => {
    const token = await alice();
    const created = await api(token, 'POST', '/api/v1/clients', client(notGranted));
    expect(created.status).toBe(403);
    expect(created.body.error).toMatchObject({ code: 'app_only_not_allowed', details: [{ path: 'bcAuthMode', message: expect.stringContaining(notGranted) }] });
    expect((await api(token, 'GET', '/api/v1/clients')).body.clients).toEqual([]);
    const tested = await api(token, 'POST', '/api/v1/client-url/test', { url: client(notGranted).clientUrl, bcAuthMode: 'app' });
    expect(tested.body).toMatchObject({ ok: false, companies: [], problem: { kind: 'no_access', message: expect.stringMatching(/^The hub's app may read .* is not one of them\. Sign in as yourself .*once the client has agreed\.$/) } });
    expect(entra.counts.client_credentials).toBe(0);
  });

  it('reads a granted tenant with the hub\'s app, and will not move that client to an ungranted tenant', async () => {
    const token = await alice();
    const created = await api(token, 'POST', '/api/v1/clients', client(granted));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ bcAuthMode: 'app', bcTenant: granted, companies: expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]) });
    expect(created.body.warning).toBeUndefined();
    expect(entra.counts.client_credentials).toBe(1);
    const moved = await api(token, 'PUT', `/api/v1/clients/${created.body.id}`, client(notGranted));
    expect(moved.status).toBe(403);
    expect((await api(token, 'GET', `/api/v1/clients/${created.body.id}`)).body).toMatchObject({ bcTenant: granted, bcAuthMode: 'app' });
    // As the accountant (delegated) the move is theirs to make.
    expect((await api(token, 'PUT', `/api/v1/clients/${created.body.id}`, client(notGranted, 'delegated'))).status).toBe(200);
    expect((await api(token, 'PUT', `/api/v1/clients/${created.body.id}`, client(granted))).status).toBe(200);
  });

  it('the token provider refuses app-only once the grant is gone, though the client is still stored as app-only', async () => {
    const token0 = await alice();
    const [stored] = (await api(token0, 'GET', '/api/v1/clients')).body.clients as { id: string; companies: { id: string }[] }[];
    const company = stored?.companies[0]?.id ?? '';
    expect((await api(token0, 'POST', `/api/v1/companies/${company}/refresh`)).body).toMatchObject({ status: 'ok' });
    const before = entra.counts.client_credentials;
    // The administrator withdraws the grant (restart with the new configuration); the row still says 'app'.
    await app.close();
    await start('');
    expect((await db.query<{ bc_auth_mode: string }>('SELECT bc_auth_mode FROM clients WHERE id = $1', [stored?.id]))[0]?.bc_auth_mode).toBe('app');
    const token = await alice();
    const row = (await api(token, 'POST', `/api/v1/companies/${company}/refresh`)).body;
    expect(row).toMatchObject({ status: 'error', error: { kind: 'auth', message: expect.stringContaining(`tenant ${granted} is not one of them`) } });
    expect(entra.counts.client_credentials).toBe(before);
  });
});
