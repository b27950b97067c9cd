/** Also read by the inline script in index.html (no dashboard read ahead while an invitation waits). */
const KEY = 'hub.pendingInvitation';
const TOKEN = /^[A-Za-z0-9_-]{1,512}$/;

/** The wizard's address: served by the hub, no sign-in. */
export function isWizardPath(pathname = window.location.pathname): boolean {
  return /^\/connect\/?$/.test(pathname);
}

/**
 * Moves `?invitation=<token>` from the address into this browser tab's session storage (so it survives a sign-in
 * redirect) and takes it out of the address bar and history. Idempotent; the wizard reads its own token instead.
 */
export function captureInvitationFromUrl(): void {
  if (isWizardPath()) return;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('invitation');
  if (token === null) return;
  try {
    window.sessionStorage.setItem(KEY, token.slice(0, 512));
  } catch {
    /* storage blocked: the page still works until a reload */
  }
  url.searchParams.delete('invitation');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

export function pendingInvitation(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function clearPendingInvitation(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    /* nothing to clear */
  }
}

export const looksLikeToken = (t: string) => TOKEN.test(t);

/**
 * A return address is followed only when it is a path on the hub itself: one leading slash, no scheme, no
 * protocol-relative `//host` or `/\host`, no control characters. Anything else goes to the dashboard.
 */
export function safeReturnPath(candidate: string | null | undefined, fallback = '/'): string {
  if (!candidate || candidate.length > 500) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  if (candidate.includes('\\') || [...candidate].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  try {
    const resolved = new URL(candidate, window.location.origin);
    return resolved.origin === window.location.origin ? `${resolved.pathname}${resolved.search}${resolved.hash}` : fallback;
  } catch {
    return fallback;
  }
}
