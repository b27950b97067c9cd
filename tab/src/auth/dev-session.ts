import { apiRoutes, authConfigSchema, meSchema, type Me } from '@hub/contracts';
import { ApiClient, arrivedEarly, publicApi } from '../api/api-client';
import type { TokenSource } from '../api/api-client';

/** Also read by the inline script in index.html, which starts the first API reads with this token. */
const KEY = 'hub.devSession';
let storedName: string | null = null;

interface StoredDevSession {
  token: string;
  expiresAt: string;
  name: string;
}

function read(): StoredDevSession | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredDevSession>;
    if (typeof value.token !== 'string' || typeof value.expiresAt !== 'string' || typeof value.name !== 'string') return null;
    if (Date.parse(value.expiresAt) - Date.now() < 60_000) return null;
    return { token: value.token, expiresAt: value.expiresAt, name: value.name };
  } catch {
    return null;
  }
}

/** The local demo identity: a token kept for this browser tab only. */
export function storedDevName(): string | null {
  return read()?.name ?? null;
}

export async function devSignIn(name: string): Promise<void> {
  const res = await publicApi.devSignIn(name);
  window.sessionStorage.setItem(KEY, JSON.stringify({ token: res.token, expiresAt: res.expiresAt, name } satisfies StoredDevSession));
}

export function devSignOut(): void {
  window.sessionStorage.removeItem(KEY);
}

export const devTokenSource: TokenSource = async (options) => {
  const current = read();
  if (current && !options?.forceRefresh) return current.token;
  const name = current?.name ?? storedName ?? 'Demo Accountant';
  await devSignIn(name);
  const fresh = read();
  if (!fresh) throw new Error('Local sign-in failed.');
  return fresh.token;
};

/** Remembers the name so an expired demo token can be renewed without asking again. */
export function rememberDevName(name: string): void {
  storedName = name;
}

/**
 * The demo sign-in when everything it needs arrived before the app started (index.html asks auth-config and /me
 * while the scripts load): the gate then opens in its first render, with the dashboard's reads that have arrived too,
 * instead of rendering "Starting…" and "Signing in…" while it asks again. Null otherwise (the usual path).
 */
export function demoSignInFromEarlyAnswers(prefetchDashboard: boolean): { api: ApiClient; me: Me } | null {
  const session = read();
  if (!session) return null;
  const config = arrivedEarly(apiRoutes.authConfig, null, authConfigSchema);
  if (config?.value.mode !== 'dev') return null;
  const me = arrivedEarly(apiRoutes.me, session.token, meSchema);
  if (!me) return null;
  config.take();
  me.take();
  rememberDevName(session.name);
  const api = new ApiClient(devTokenSource);
  if (prefetchDashboard) api.prefetchDashboard(session.token);
  return { api, me: me.value };
}
