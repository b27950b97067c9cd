/**
 * The first API reads, started by the inline script in index.html while the app's JavaScript is still loading
 * (auth-config always; /me, /dashboard and /views with a stored demo sign-in, whose token is known at once).
 * `send` takes such an answer instead of asking again when method, path and token match, once, and only while it is
 * fresh: anything asked later (a retry, a reload) goes to the server as before.
 */
export interface EarlyGet {
  path: string;
  token: string | null;
  /** Date.now() when the request was sent. */
  at: number;
  /** Rejects when the server cannot be reached, like fetch. */
  res: Promise<EarlyAnswer>;
  /** The answer once it has arrived (set as `res` resolves), so the app's first render can use it. */
  done: EarlyAnswer | null;
}

/** The answer with its body already parsed (undefined when empty or not JSON, as readJson does). */
export interface EarlyAnswer {
  status: number;
  ok: boolean;
  json: unknown;
}

declare global {
  interface Window {
    __hubEarly?: EarlyGet[];
  }
}

/** An early answer older than this is not used: the app may have waited on a sign-in card or an error. */
const FRESH_MS = 10_000;

function find(path: string, token: string | null): number {
  return window.__hubEarly?.findIndex((e) => e.path === path && e.token === token) ?? -1;
}

export function takeEarly(path: string, token: string | null): Promise<EarlyAnswer> | null {
  const i = find(path, token);
  if (i < 0) return null;
  const [hit] = window.__hubEarly?.splice(i, 1) ?? [];
  return hit && Date.now() - hit.at <= FRESH_MS ? hit.res : null;
}

/** The early answer if it has already arrived (and is fresh), without taking it. */
export function peekEarly(path: string, token: string | null): EarlyAnswer | null {
  const hit = window.__hubEarly?.[find(path, token)];
  return hit?.done && Date.now() - hit.at <= FRESH_MS ? hit.done : null;
}
