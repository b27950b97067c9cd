/** The HTTP front: routing, bearer auth, faults, limits, and OData-shaped responses. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxLimits } from '../types';
import type { Registry } from '../registry';
import { type ApiResponse, type EnvContext, handleApi } from '../api/handler';
import { ODataError, badRequest, notFound } from '../odata/errors';
import { environmentsList, handleAdmin } from './admin';
import { batchOperations, runBatch } from './batch';
import type { FaultStore } from './faults';
import type { Limiter } from './limits';
import { streamHugeBody } from './huge-body';
import { webClientPage } from './webclient';

export interface Stats {
  requests: number;
  byPath: Map<string, number>;
  reset(): void;
  /** Most requests in flight (running + queued) for one user identity, over all identities. */
  maxConcurrentSeen: number;
  /** Most requests in flight per user identity (across its environments). */
  maxConcurrentByIdentity: Map<string, number>;
  /** Requests answered 429 because the identity had too many in flight. */
  refusedConcurrent: number;
  /** Milliseconds spent serving API requests (after any injected latency): the sandbox's own service time. */
  serviceMs: number;
  /** HTTP API requests per caller identity (see identityOf). */
  byIdentity: Map<string, number>;
  /** Bytes written by `hugeBody` faults (what callers read before they stopped). */
  hugeBodyBytes: number;
}

/**
 * The user a bearer token belongs to, as Business Central counts its per-user limits: the JWT's tenant and subject
 * (`tid`/`oid`, else `sub` or the app id), not verified here; any other token is one user per distinct value.
 */
export function identityOf(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
      const id = claims.oid ?? claims.sub ?? claims.appid;
      if (typeof id === 'string') return `${typeof claims.tid === 'string' ? claims.tid : ''}/${id}`;
    } catch { /* not a JWT */ }
  }
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

export interface ServerDeps {
  registry: Registry;
  faults: FaultStore;
  limiter: Limiter;
  limits: SandboxLimits;
  stats: Stats;
  verifyToken: (token: string, tenantId: string) => boolean | Promise<boolean>;
}

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true';

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (res.headersSent) return;
  // Never chain writeHead(): restify, when loaded in the same process, patches it to return undefined.
  if (body === undefined) { res.writeHead(status, headers); res.end(); return; }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'OData-Version': '4.0', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown): void {
  const e = err instanceof ODataError ? err : new ODataError(500, 'Internal_ServerError', err instanceof Error ? err.message : String(err));
  send(res, e.status, e.headers, e.body());
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  try { return JSON.parse(text); } catch { throw badRequest('The request body is not valid JSON.'); }
}

// Injected latency never keeps a process alive on its own (a closed sandbox, a test that is over).
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** byPath label: the entity set (last path segment without its key), or '$batch'. */
function label(apiPath: string): string {
  const last = apiPath.split('/').filter(Boolean).pop() ?? '';
  return last.replace(/\(.*\)$/, '') || 'api';
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { registry, faults, limiter, limits, stats } = deps;
  const bump = (key: string) => stats.byPath.set(key, (stats.byPath.get(key) ?? 0) + 1);

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, parts: string[]): Promise<void> {
    const [tenant = '', environment = ''] = parts;
    const apiPath = parts.slice(4).join('/');
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!auth) throw new ODataError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
    const token = auth[1] as string;
    const entry = registry.find(tenant, environment);
    if (!entry) {
      const known = registry.tenant(tenant);
      throw notFound(known ? `Environment '${environment}' does not exist for tenant '${tenant}'.` : `Tenant '${tenant}' is not known to this service.`, 'NoEnvironment');
    }
    if (!(await deps.verifyToken(token, entry.tenant.tenantId))) {
      throw new ODataError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
    }
    const env: EnvContext = {
      tenantId: entry.tenant.tenantId, environment: entry.env.name, encoding: entry.encoding, companies: entry.companyRows,
      book: (id) => registry.book(entry, id), apiRoot: `${origin}/v2.0/${tenant}/${environment}/api/v2.0`, maxPageSize: limits.maxPageSize,
    };
    // Business Central's limits are per user across environments (and the user is tenant-specific).
    const key = identityOf(token);
    const isBatch = apiPath === '$batch';
    if (isBatch && req.method !== 'POST') throw new ODataError(405, 'BadRequest_MethodNotAllowed', '$batch requires POST.');
    const body = isBatch ? await readJson(req) : undefined;
    bump(label(apiPath));
    stats.byIdentity.set(key, (stats.byIdentity.get(key) ?? 0) + 1);
    if (!isBatch) limiter.count(key);
    let release: () => void;
    try {
      release = await limiter.acquire(key);
    } finally {
      stats.maxConcurrentSeen = limiter.maxConcurrentSeen;
      stats.refusedConcurrent = limiter.refused;
      for (const [k, n] of limiter.maxSeenByKey) stats.maxConcurrentByIdentity.set(k, n);
    }
    try {
      const fault = faults.take(entry.tenant.tenantId, entry.env.name);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      const started = performance.now();
      try {
        if (fault.error) throw fault.error;
        if (fault.hugeBody) {
          await streamHugeBody(res, fault.hugeBody, (n) => { stats.hugeBodyBytes += n; });
          return;
        }
        let out: ApiResponse;
        if (isBatch) {
          const ops = batchOperations(body, limits.maxBatchOperations);
          out = runBatch(ops, env, (path) => { bump(label(path.split('?')[0] ?? '')); limiter.count(key); });
        } else {
          out = handleApi(env, { method: req.method ?? 'GET', path: apiPath, params: url.searchParams, prefer: String(req.headers.prefer ?? '') });
        }
        send(res, out.status, out.headers, out.body);
      } finally {
        stats.serviceMs += performance.now() - started;
      }
    } finally {
      release();
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const url = new URL(req.url ?? '/', origin);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === '_sandbox') {
      bump('_sandbox');
      const body = req.method === 'POST' || req.method === 'DELETE' ? await readJson(req) : undefined;
      const out = handleAdmin(req.method ?? 'GET', url.pathname.replace(/\/$/, ''), url.searchParams, body, registry, faults);
      send(res, out.status, {}, out.body);
      return;
    }
    if (parts[0] === 'environments' && parts[1] === 'v1.2') {
      bump('environments');
      if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) throw new ODataError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
      send(res, 200, {}, environmentsList(registry, origin, url.searchParams));
      return;
    }
    if (parts[0] === 'v2.0' && parts[3] === 'api' && parts[4] === 'v2.0') {
      await api(req, res, url, origin, parts.slice(1));
      return;
    }
    if (parts.length === 2 && req.method === 'GET') {
      bump('webclient');
      const page = webClientPage(registry, parts[0] as string, parts[1] as string, url.searchParams);
      res.writeHead(page.status, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page.html);
      return;
    }
    throw notFound(`No HTTP resource was found that matches the request URI '${url.pathname}'.`);
  }

  return (req, res) => {
    route(req, res).catch((err: unknown) => sendError(res, err));
  };
}
