import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Principal, SsoAssertion } from '@hub/client-data';

/** The signed-in user of a request, resolved to the hub's user id. */
export interface AuthedUser {
  principal: Principal;
  userId: string;
  dev: boolean;
  /** The user's Entra SSO token, for on-behalf-of access to Business Central (null for the dev identity). */
  assertion: SsoAssertion | null;
}

/** Framework-neutral request: handlers never see restify, so swapping the server costs one file. */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The TCP peer: decides loopback-only features; never taken from headers. */
  remoteAddress: string;
  /** The client's address for rate limits: the first X-Forwarded-For hop behind a trusted proxy, else the peer. */
  clientIp: string;
  correlationId: string;
  log: Logger;
  user: AuthedUser | null;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A pre-serialised body (cached JSON, an HTML page), sent as is: JSON unless `headers` names a content type. */
  raw?: Buffer;
  /** A streamed body (downloads): piped as is, with the content type given in `headers`; destroyed if the client goes away. */
  stream?: Readable;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** false only for public endpoints (auth config, dev sign-in). */
  auth: boolean;
  handle(ctx: RouteContext & { user: AuthedUser | null }): Promise<RouteResult>;
}

export type AuthedContext = RouteContext & { user: AuthedUser };

/** A route whose handler always has a user (the server refuses the request before otherwise). */
export function authed(method: Route['method'], path: string, handle: (ctx: AuthedContext) => Promise<RouteResult>): Route {
  return {
    method, path, auth: true,
    handle: (ctx) => {
      if (!ctx.user) throw new Error('authed route reached without a user');
      return handle(ctx as AuthedContext);
    },
  };
}
