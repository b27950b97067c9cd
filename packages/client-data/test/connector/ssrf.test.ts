import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { createSandbox, type Sandbox } from '@hub/bc-sandbox';
import { BcHttp } from '../../src/adapters/business-central/bc-http';
import { BusinessCentralSource } from '../../src/adapters/business-central/connector';
import { StaticTokenProvider } from '../../src/adapters/business-central/token-provider';
import { isPublicAddress } from '../../src/adapters/network/address-policy';
import { createGuardedTransport, type LookupFn } from '../../src/adapters/network/guarded-transport';
import type { HttpTransport } from '../../src/adapters/network/http-transport';
import { ClientsService } from '../../src/services/clients-service';
import { AppOnlyGate } from '../../src/adapters/tokens/app-only-gate';
import type { Db } from '../../src/adapters/store/db';
import { AppOnlyGrants } from '../../src/domain/app-only';
import type { ClientsRepo } from '../../src/adapters/store/clients-repo';

const BC = 'api.businesscentral.dynamics.com';
const WEB = 'businesscentral.dynamics.com';

/** A resolver where every name maps to what the test says (no real DNS). */
function fakeDns(map: Record<string, string | null>): LookupFn {
  return (hostname, _o, cb) => {
    const ip = map[hostname];
    if (ip === undefined || ip === null) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    return cb(null, [{ address: ip, family: ip.includes(':') ? 6 : 4 } as LookupAddress]);
  };
}

describe('address policy', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::abcd', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1', 'not-an-ip',
  ])('%s is not public', (ip) => expect(isPublicAddress(ip)).toBe(false));
  it.each(['20.190.160.1', '13.107.6.152', '8.8.8.8', '172.32.0.1', '2603:1030::1', '::ffff:8.8.8.8'])('%s is public', (ip) => expect(isPublicAddress(ip)).toBe(true));
});

describe('outbound requests reach only Business Central', () => {
  let local: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    local = createServer((req, res) => {
      hits += 1;
      if (req.url?.startsWith('/redirect')) {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: [] }));
    });
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    port = (local.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => local.close(() => r())));
  beforeEach(() => { hits = 0; });

  const errorOf = async (p: Promise<unknown>) => (await p.then(() => undefined, (e: unknown) => e)) as { name?: string; message?: string; code?: string } | undefined;
  const get = (t: HttpTransport, url: string) => t(url, { method: 'GET', headers: {}, timeoutMs: 2000 });

  it.each(['127.0.0.1', '10.0.0.7', '169.254.169.254', '192.168.0.10', '::1', '::ffff:127.0.0.1'])(
    'refuses an allowed host name that resolves to %s, before connecting', async (ip) => {
      const f = createGuardedTransport({ allowedHosts: [BC], lookup: fakeDns({ [BC]: ip }) });
      // https to a port nothing listens on with TLS: a connection attempt would fail differently; the refusal comes first.
      const err = await errorOf(get(f, `https://${BC}:${port}/v2.0/t/production/api/v2.0/companies`));
      expect(err).toMatchObject({ name: 'AddressNotAllowedError', message: expect.stringContaining(ip) });
      expect(hits).toBe(0);
    });

  it('refuses hosts that are not Business Central, IP literals and plain http, without resolving them', async () => {
    const lookups: string[] = [];
    const f = createGuardedTransport({ allowedHosts: [BC], lookup: (h, o, cb) => { lookups.push(h); fakeDns({})(h, o, cb); } });
    for (const url of [`https://evil.example/x`, `http://127.0.0.1:${port}/x`, 'http://169.254.169.254/latest/meta-data', `https://[::1]:${port}/x`, `http://${BC}/x`]) {
      expect(await errorOf(get(f, url))).toMatchObject({ name: 'AddressNotAllowedError' });
    }
    expect(lookups).toEqual([]);
    expect(hits).toBe(0);
  });

  it('reaches an explicitly configured extra host even on loopback (the sandbox), but never follows its redirects', async () => {
    const f = createGuardedTransport({ allowedHosts: [BC], extraHosts: [`127.0.0.1:${port}`] });
    expect((await get(f, `http://127.0.0.1:${port}/ok`)).status).toBe(200);
    const redirect = await get(f, `http://127.0.0.1:${port}/redirect`);
    expect(redirect).toMatchObject({ status: 302 });
    expect(hits).toBe(2);
    const http = new BcHttp({ timeoutMs: 2000, transport: f, sleep: async () => undefined });
    await expect(http.json('env', `http://127.0.0.1:${port}/redirect`, { method: 'GET', headers: {} })).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/redirect/) });
    expect(hits).toBe(3);
  });

  it('reaches an extra host given by name whatever it resolves to', async () => {
    const f = createGuardedTransport({ allowedHosts: [BC], extraHosts: [`bc.onprem.example:${port}`], lookup: fakeDns({ 'bc.onprem.example': '127.0.0.1' }) });
    expect((await get(f, `http://bc.onprem.example:${port}/ok`)).status).toBe(200);
  });
});

describe('Test Client URL explains network failures in plain words', () => {
  let sandbox: Sandbox;
  let sandboxHost: string;
  beforeAll(async () => {
    sandbox = createSandbox();
    sandboxHost = new URL(await sandbox.listen(0)).host;
  });
  afterAll(() => sandbox.close());

  const service = (dns: Record<string, string | null>, apiBaseUrl = `https://${BC}`) => {
    const http = new BcHttp({ timeoutMs: 2000, maxAttempts: 2, sleep: async () => undefined, transport: createGuardedTransport({ allowedHosts: [BC, WEB], extraHosts: [sandboxHost], lookup: fakeDns(dns) }) });
    const source = new BusinessCentralSource({ apiBaseUrl, cloudWebOrigin: `https://${WEB}`, tokens: new StaticTokenProvider('t'), http });
    return new ClientsService({ repo: {} as ClientsRepo, source, extraHosts: [sandboxHost], appOnly: new AppOnlyGate({} as Db, new AppOnlyGrants([])) });
  };

  it('says when Business Central\'s name points at a private address (refused, not retried)', async () => {
    const r = await service({ [BC]: '10.0.0.5' }).testUrl(`https://${WEB}/contoso.com/production`);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'unreachable', message: expect.stringMatching(/Refused.*10\.0\.0\.5.*not a public address/) } });
  });

  it('says when the host name cannot be resolved (DNS)', async () => {
    const r = await service({}).testUrl(`https://${WEB}/contoso.com/production`);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'unreachable', message: expect.stringMatching(/could not be found \(DNS\)/) } });
  });

  it('lists the companies of the sandbox, a configured extra host on loopback', async () => {
    const tenant = sandbox.tenants[0]?.tenantId ?? '';
    const r = await service({}).testUrl(`http://${sandboxHost}/${tenant}/Production?company=x`);
    expect(r).toMatchObject({ ok: true, environment: 'production' });
    expect(r.companies.length).toBeGreaterThan(0);
  });
});
