/** createSandbox: wires the registry, faults, limits and the HTTP server together. */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS, type CompanyData, type FaultControl, type SandboxLimits, type SandboxOptions, type TenantInfo } from './types';
import { demoTenants } from './data/tenants';
import { FaultStore } from './http/faults';
import { Limiter } from './http/limits';
import { type Stats, createRequestHandler } from './http/server';
import { Registry } from './registry';
import { isIsoDate, todayUtc } from './util/dates';

export interface Sandbox {
  url: string;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  tenants: TenantInfo[];
  faults: FaultControl;
  stats: Stats;
  data(tenantId: string, environment: string, companyId: string): CompanyData;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const today = opts.today ?? todayUtc();
  if (!isIsoDate(today)) throw new Error(`SandboxOptions.today must be 'YYYY-MM-DD', got '${today}'`);
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const registry = new Registry(opts.tenants ?? demoTenants(), opts.seed ?? 42, today);
  const faults = new FaultStore();
  const limiter = new Limiter(limits);
  const stats: Stats = {
    requests: 0, byPath: new Map(), maxConcurrentSeen: 0, maxConcurrentByIdentity: new Map(), refusedConcurrent: 0, serviceMs: 0, byIdentity: new Map(),
    hugeBodyBytes: 0,
    reset() {
      stats.requests = 0; stats.byPath.clear(); stats.maxConcurrentSeen = 0; stats.maxConcurrentByIdentity.clear(); stats.refusedConcurrent = 0;
      stats.serviceMs = 0; stats.byIdentity.clear(); stats.hugeBodyBytes = 0; limiter.reset();
    },
  };
  const verifyToken = opts.verifyToken ?? ((token: string) => token.length > 0);
  const handler = createRequestHandler({ registry, faults, limiter, limits, stats, verifyToken });
  let server: Server | undefined;

  const sandbox: Sandbox = {
    url: '',
    tenants: registry.info,
    faults,
    stats,
    data: (tenantId, environment, companyId) => registry.data(tenantId, environment, companyId),
    listen(port = 0, host = '127.0.0.1') {
      if (server) return Promise.reject(new Error('Sandbox is already listening'));
      const s = createServer(handler);
      s.keepAliveTimeout = 5000;
      server = s;
      return new Promise<string>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          const addr = s.address() as AddressInfo;
          const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          sandbox.url = `http://${shownHost}:${addr.port}`;
          resolve(sandbox.url);
        });
      });
    },
    close() {
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        s.close((err) => (err ? reject(err) : resolve()));
        s.closeAllConnections();
      });
    },
  };
  return sandbox;
}
