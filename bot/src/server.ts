import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream';
import restify from 'restify';
import type { Logger } from 'pino';
import type { Authenticator } from './auth/authenticate';
import { errorResult, HttpError } from './http/errors';
import { refuseNul } from './http/parse';
import { baseHeaders } from './http/security-headers';
import type { AuthedUser, Route, RouteResult } from './http/route';
import type { StaticFiles } from './http/static-files';

/** The only file that knows restify: it adapts framework-neutral routes onto it. */
export interface ServerOptions {
  routes: Route[];
  authenticator: Authenticator;
  resolveUser: (p: { principal: AuthedUser['principal']; dev: boolean; assertion: AuthedUser['assertion'] }) => Promise<AuthedUser>;
  logger: Logger;
  staticFiles: StaticFiles | null;
  /** Raw handlers that need the Node request/response (the bot endpoint). */
  rawPost?: { path: string; handler: (req: IncomingMessage & { body?: unknown }, res: restify.Response) => Promise<void> }[];
  maxBodyBytes?: number;
  /** Trusted reverse proxies in front (App Service: 1) whose X-Forwarded-For entries name the client; 0 = the TCP peer. */
  trustedProxies?: number;
  /** Production: HSTS on every answer. */
  production?: boolean;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** One X-Forwarded-For entry without its port or brackets (App Service writes `203.0.113.9:51234`). */
function hostOf(entry: string): string {
  const ip = entry.startsWith('[') ? entry.slice(1, entry.indexOf(']')) : /^[\d.]+:\d+$/.test(entry) ? entry.split(':')[0] ?? '' : entry;
  return ip.replace(/^::ffff:/, '');
}

/**
 * The client's address for rate limits. Each proxy appends the address it received the request from, so only the
 * last `trustedProxies` entries were written by proxies we trust: the client is the entry the outermost of them
 * appended (the Nth from the right). Anything left of it was written by the caller and is ignored. Without trusted
 * proxies, or with fewer entries than hops (not through the proxy), the TCP peer.
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const socket = peer.replace(/^::ffff:/, '');
  if (trustedProxies <= 0 || !forwardedFor) return socket;
  // Repeated headers are one list in order (RFC 9110 5.3).
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((e) => e.trim()).filter(Boolean);
  const appended = entries[entries.length - trustedProxies];
  return (appended && hostOf(appended)) || socket;
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  return refuseNul(value);
}

function send(res: restify.Response, r: RouteResult, correlationId: string, onStreamError?: (err: Error) => void): void {
  res.setHeader('x-correlation-id', correlationId);
  if (!r.headers?.['cache-control']) res.setHeader('cache-control', 'no-store');
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  if (r.stream) {
    res.writeHead(r.status);
    // An error mid-stream (or the client leaving) destroys both sides: the client sees a cut download, never a
    // complete-looking broken file, and the producer stops reading from Business Central.
    pipeline(r.stream, res, (err) => {
      if (err && onStreamError) onStreamError(err);
    });
    return;
  }
  if (r.status === 204 || r.status === 304 || (r.body === undefined && !r.raw)) {
    res.writeHead(r.status);
    res.end();
    return;
  }
  const payload = r.raw ?? Buffer.from(JSON.stringify(r.body));
  const type = (r.raw && r.headers?.['content-type']) || 'application/json; charset=utf-8';
  res.writeHead(r.status, { 'content-type': type, 'content-length': payload.length });
  res.end(payload);
}

export function createServer(o: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'accountant-hub', handleUncaughtExceptions: false });
  const limit = o.maxBodyBytes ?? 256 * 1024;
  // Security headers on every answer, restify's own errors and the bot endpoint included; an HTML page sets its own CSP.
  const security = baseHeaders(o.production ?? false);
  server.pre((_req: restify.Request, res: restify.Response, next: restify.Next) => {
    for (const [k, v] of Object.entries(security)) res.setHeader(k, v);
    next();
  });

  for (const route of o.routes) {
    const method = route.method === 'DELETE' ? 'del' : (route.method.toLowerCase() as 'get' | 'post' | 'put');
    server[method](route.path, async (req: restify.Request, res: restify.Response) => {
      const started = process.hrtime.bigint();
      const header = req.headers['x-correlation-id'];
      const correlationId = typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
      const log = o.logger.child({ correlationId });
      let result: RouteResult;
      let userId: string | undefined;
      try {
        const user = route.auth ? await o.resolveUser(await o.authenticator.principal(req.headers.authorization)) : null;
        userId = user?.userId;
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : await readJson(req, limit);
        result = await route.handle({
          params: (req.params ?? {}) as Record<string, string>,
          query: new URL(req.url ?? '/', 'http://local').searchParams,
          body, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '', correlationId, log, user,
          clientIp: clientAddress(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], o.trustedProxies ?? 0),
        });
      } catch (err) {
        const mapped = errorResult(err, correlationId);
        if (mapped.unexpected) log.error({ err }, 'request failed');
        result = mapped.result;
      }
      send(res, result, correlationId, (err) => log.warn({ err: { name: err.name, message: err.message }, route: route.path }, 'streamed response ended early'));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: route.method, route: route.path, status: result.status, ms: Math.round(ms * 10) / 10, userId }, 'request');
    });
  }

  for (const raw of o.rawPost ?? []) server.post(raw.path, async (req: restify.Request, res: restify.Response) => raw.handler(req, res));

  server.get('/*', async (req: restify.Request, res: restify.Response) => {
    const path = req.getPath();
    if (path.startsWith('/api/')) {
      send(res, { status: 404, body: { error: { code: 'not_found', message: `No API at ${path}` } } }, randomUUID());
      return;
    }
    if (!o.staticFiles) {
      send(res, { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } }, randomUUID());
      return;
    }
    const file = o.staticFiles.serve(path, req.headers['accept-encoding'] as string | undefined);
    res.writeHead(file.status, { ...file.headers, 'content-length': file.body.length });
    res.end(file.body);
  });
  return server;
}
