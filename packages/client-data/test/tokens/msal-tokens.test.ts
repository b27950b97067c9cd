import { Agent, fetch as undiciFetch } from 'undici';
import { createSandbox, type Sandbox } from '@hub/bc-sandbox';
import { BC_RESOURCE, LocalEntra } from '../../../../test-support/local-entra';
import { openTestDb, type TestDb } from '../../../../test-support/db';
import { BcHttp } from '../../src/adapters/business-central/bc-http';
import { BusinessCentralSource } from '../../src/adapters/business-central/connector';
import { tokenIdentity } from '../../src/adapters/business-central/limits';
import { ClientAuthModes } from '../../src/adapters/tokens/auth-modes';
import { CacheCipher } from '../../src/adapters/tokens/cache-crypto';
import { MsalTokenProvider } from '../../src/adapters/tokens/msal-token-provider';
import { fetchNetworkModule } from '../../src/adapters/tokens/network-module';
import { TokenCacheStore } from '../../src/adapters/tokens/token-cache-store';
import { SsoAssertion, type BcAuthMode, type BcEnvironmentRef } from '../../src/domain/client-url';
import { SourceError } from '../../src/ports/accounting-source';

const HUB_APP = '11111111-2222-4333-8444-555555555555';
const SECRET = 'hub-app-secret';
const FIRM_TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const KEY = 'k'.repeat(16) + 'e'.repeat(16) + 'y';

describe('Business Central tokens with msal-node against a local Entra', () => {
  let entra: LocalEntra;
  let sandbox: Sandbox;
  let db: TestDb;
  let clientTenant: string;
  let env: BcEnvironmentRef;
  const modes = new Map<string, BcAuthMode>();

  const trustingFetch = (() => {
    let agent: Agent | undefined;
    return ((url: string, init?: RequestInit) => {
      agent ??= new Agent({ connect: { ca: entra.cert } });
      return undiciFetch(url, { ...(init as object), dispatcher: agent } as never);
    }) as unknown as typeof fetch;
  })();

  const provider = (o: { key?: string; renewal?: number } = {}) => new MsalTokenProvider({
    clientId: HUB_APP, clientSecret: SECRET, authorityHost: entra.url, apiResource: BC_RESOURCE,
    store: new TokenCacheStore(db, o.key ?? KEY), authModeOf: async (id) => modes.get(id) ?? 'delegated', appOnlyAllowed: async () => true,
    authorityOptions: (tenant) => entra.msalAuthorityOptions(tenant), networkClient: fetchNetworkModule(trustingFetch),
    ...(o.renewal !== undefined ? { tokenRenewalOffsetSeconds: o.renewal } : {}),
  });
  const source = (tokens: MsalTokenProvider) => new BusinessCentralSource({
    apiBaseUrl: 'https://api.businesscentral.dynamics.com', cloudWebOrigin: 'https://businesscentral.dynamics.com', tokens,
    http: new BcHttp({ timeoutMs: 5000, sleep: async () => undefined }),
  });
  const sso = (oid = 'accountant-1') => new SsoAssertion(entra.userSsoToken({ tenant: FIRM_TENANT, oid, name: 'Alice Accountant' }, HUB_APP));

  beforeAll(async () => {
    entra = new LocalEntra({ clients: { [HUB_APP]: SECRET } });
    await entra.start();
    // The sandbox accepts only tokens this Entra signed for Business Central in the environment's own tenant.
    sandbox = createSandbox({ verifyToken: (token, tenantId) => entra.verify(token, { audience: BC_RESOURCE, tenant: tenantId }) !== null });
    const url = await sandbox.listen(0);
    clientTenant = sandbox.tenants[0]?.tenantId ?? '';
    env = { origin: url, tenant: clientTenant, environment: 'production' };
    db = await openTestDb();
  });
  afterAll(async () => {
    await sandbox.close();
    await entra.close();
    await db.dispose();
  });
  beforeEach(async () => {
    entra.tokenLifetimeSec = 3600;
    modes.clear();
    await db.query('DELETE FROM bc_token_caches');
    Object.assign(entra.counts, { obo: 0, client_credentials: 0, refresh_token: 0, failed: 0, metadata: 0 });
  });

  it('gets a delegated token on behalf of the accountant (authority = client tenant) and Business Central accepts it', async () => {
    const tokens = provider();
    const companies = await source(tokens).listCompanies({ ...env, access: { userId: 'u1', assertion: sso() } });
    expect(companies.length).toBeGreaterThan(0);
    expect(entra.counts.obo).toBe(1);
    const token = await tokens.token({ ...env, access: { userId: 'u1' } });
    const claims = entra.verify(token, { audience: BC_RESOURCE, tenant: clientTenant });
    expect(claims).toMatchObject({ oid: 'accountant-1', tid: clientTenant, scp: 'Financials.ReadWrite.All' });
    // Without the assertion msal finds the account's token in the cache, the on-behalf-of one while it is valid (Entra
    // reports `…/.default` among its scopes, which msal caches it under): no renewal, and the next call is served from
    // the cache too (tokens carry a unique uti, so the same string is the same token, not a re-issue in the same second).
    expect(entra.counts).toMatchObject({ obo: 1, refresh_token: 0 });
    expect(await tokens.token({ ...env, access: { userId: 'u1' } })).toBe(token);
    expect(entra.counts).toMatchObject({ obo: 1, refresh_token: 0 });
    expect(await tokens.token({ ...env, access: { userId: 'u1', assertion: sso() } })).toBeTruthy();
    expect(entra.counts.failed).toBe(0);
    // Limits are held per token subject: the user, not the token string.
    expect(tokenIdentity(`Bearer ${token}`)).toBe(`${clientTenant}/accountant-1`);
    expect(entra.counts.metadata).toBe(0);
  });

  it('renews an expired token silently with the cached refresh token, also from a new process (persisted cache)', async () => {
    entra.tokenLifetimeSec = 1;
    await provider({ renewal: 0 }).token({ ...env, access: { userId: 'u1', assertion: sso() } });
    await new Promise((r) => setTimeout(r, 1200));
    // A fresh provider (as after a restart) reads the encrypted cache from the database.
    entra.tokenLifetimeSec = 3600;
    const later = provider({ renewal: 0 });
    const companies = await source(later).listCompanies({ ...env, access: { userId: 'u1' } });
    expect(companies.length).toBeGreaterThan(0);
    expect(entra.counts).toMatchObject({ obo: 1, refresh_token: 1 });
  });

  it('says "sign in again" (kind auth) when nothing is cached or the refresh token was revoked, never crashes', async () => {
    const tokens = provider({ renewal: 0 });
    await expect(tokens.token({ ...env, access: { userId: 'nobody' } })).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/^Sign in again/) });
    await expect(tokens.token(env)).rejects.toBeInstanceOf(SourceError);
    entra.tokenLifetimeSec = 1;
    await tokens.token({ ...env, access: { userId: 'u2', assertion: sso('accountant-2') } });
    await new Promise((r) => setTimeout(r, 1200));
    entra.revokeRefreshTokens();
    await expect(source(tokens).listCompanies({ ...env, access: { userId: 'u2' } })).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/^Sign in again/) });
  });

  it('refuses a forged SSO assertion as an auth problem', async () => {
    const forged = new SsoAssertion(`${sso().value.slice(0, -4)}AAAA`);
    await expect(provider().token({ ...env, access: { userId: 'u3', assertion: forged } })).rejects.toMatchObject({ kind: 'auth' });
  });

  it('uses client credentials for a client set to app-only, cached, counted as the app', async () => {
    modes.set('client-app', 'app');
    const tokens = provider();
    const companies = await source(tokens).listCompanies({ ...env, access: { clientId: 'client-app', userId: 'u1' } });
    expect(companies.length).toBeGreaterThan(0);
    const token = await tokens.token({ ...env, access: { clientId: 'client-app' } });
    expect(entra.verify(token, { audience: BC_RESOURCE, tenant: clientTenant })).toMatchObject({ appid: HUB_APP, roles: ['API.ReadWrite.All'] });
    expect(entra.counts).toMatchObject({ client_credentials: 1, obo: 0 });
    expect(tokenIdentity(`Bearer ${token}`)).toMatch(new RegExp(`^${clientTenant}/sp-`));
  });

  it('reports wrong hub credentials as a configuration problem', async () => {
    modes.set('client-app', 'app');
    const bad = new MsalTokenProvider({
      clientId: HUB_APP, clientSecret: 'wrong', authorityHost: entra.url, apiResource: BC_RESOURCE, store: new TokenCacheStore(db, KEY),
      authModeOf: async () => 'app', appOnlyAllowed: async () => true, authorityOptions: (t) => entra.msalAuthorityOptions(t), networkClient: fetchNetworkModule(trustingFetch),
    });
    await expect(bad.token({ ...env, access: { clientId: 'client-app' } })).rejects.toMatchObject({ kind: 'config' });
  });

  it('keeps caches encrypted at rest; another key reads nothing (sign in again), and the assertion never serialises', async () => {
    const assertion = sso();
    await provider().token({ ...env, access: { userId: 'u1', assertion } });
    const rows = await db.query<{ partition_key: string; ciphertext: string }>('SELECT partition_key, ciphertext FROM bc_token_caches');
    expect(rows).toHaveLength(1);
    const row = rows[0] as { partition_key: string; ciphertext: string };
    expect(row.partition_key).toBe(`user|u1|${clientTenant}`);
    expect(row.ciphertext).toMatch(/^v1\./);
    const plain = new CacheCipher(KEY).decrypt(row.ciphertext, row.partition_key) ?? '';
    expect(plain).toContain('RefreshToken');
    // The cache's own secrets (whole tokens, not 3-letter prefixes that random base64 holds now and then) are not in it.
    const secrets = [...plain.matchAll(/"secret":"([^"]{16,})"/g)].map((m) => m[1] as string);
    expect(secrets.some((v) => v.startsWith('rt-'))).toBe(true);
    expect(secrets.some((v) => v.startsWith('eyJ'))).toBe(true);
    for (const v of [...secrets, 'accountant-1', 'RefreshToken']) expect(row.ciphertext).not.toContain(v);
    expect(new CacheCipher(KEY).decrypt(row.ciphertext, 'user|someone-else|x')).toBeUndefined();
    await expect(provider({ key: 'another-key-'.repeat(3) }).token({ ...env, access: { userId: 'u1' } })).rejects.toMatchObject({ kind: 'auth' });
    expect(JSON.stringify({ access: { assertion } })).not.toContain(assertion.value.slice(0, 20));
    expect(String(assertion)).toBe('[redacted]');
  });

  it('stores the per-client auth mode (delegated by default)', async () => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO clients (firm_tenant_id, name, client_url, bc_tenant, bc_environment, bc_origin, tax) VALUES ('f', 'C', 'u', 't', 'production', 'o', '{}') RETURNING id`);
    const repo = new ClientAuthModes(db, 0);
    expect(await repo.get(row?.id ?? '')).toBe('delegated');
    await repo.set(row?.id ?? '', 'app');
    expect(await repo.get(row?.id ?? '')).toBe('app');
    expect(await repo.many([row?.id ?? ''])).toEqual(new Map([[row?.id, 'app']]));
  });
});
