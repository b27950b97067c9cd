import { publicApi } from '../api/api-client';
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
