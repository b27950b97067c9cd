import { createHash } from 'node:crypto';

/**
 * Who may frame the tab and /connect: exactly the hosts the Teams docs list for a tab's `frame-ancestors` (Teams,
 * Microsoft 365 and Outlook, and `*.cloud.microsoft` they are all moving to). Source: "Prerequisites" in
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements ("Set Content Security Policy
 * headers to allow Teams and any other host applications of your app"). Any other site gets a blank frame.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft',
  'https://*.microsoft365.com', 'https://*.office.com',
  'https://outlook.office.com', 'https://outlook.office365.com', 'https://outlook-sdf.office.com', 'https://outlook-sdf.office365.com',
];

/** Every answer that is not an HTML page (API JSON, errors, files): it renders nothing, so it may load and be framed by nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of the tab's pages. Scripts and styles come from the app's own origin, plus the page's own inline
 * `<script>` and `<style>` blocks by hash (index.html has one of each; no 'unsafe-inline', no eval). Fluent UI's
 * Griffel (CSS-in-JS) appends empty `<style>` elements and fills them with CSSOM `insertRule`, which CSP does not
 * govern; the empty element itself counts as an inline style, so the hash of the empty string is allowed (it permits
 * `<style></style>` and nothing else). React sets `style` props through CSSOM too. The browser test checks that the
 * built tab reports no violation.
 * msal-browser talks to the Entra authority (`connect-src`) and renews tokens in a hidden frame (`frame-src`).
 */
export function pageCsp(o: { authorityOrigin: string | null; inlineHashes: string[] }): string {
  const hashes = [...new Set([...o.inlineHashes, EMPTY_HASH])].map((h) => `'${h}'`);
  const authority = o.authorityOrigin ? [o.authorityOrigin] : [];
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    `style-src 'self' ${hashes.join(' ')}`.trim(),
    `connect-src 'self' ${authority.join(' ')}`.trim(),
    `frame-src 'self' ${authority.join(' ')}`.trim(),
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
  ].join('; ');
}

/** sha256 of the empty string: an empty inline `<style>` element (Griffel's, before its rules are inserted). */
const EMPTY_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/** CSP hashes ('sha256-…') of every inline `<script>` (without src) and `<style>` block of an HTML page. */
export function inlineHashes(html: string): string[] {
  const blocks = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi), ...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)];
  return [...new Set(blocks.map((m) => `sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}`))];
}

/**
 * Headers on every answer: no MIME sniffing, no Referer (invitation and download links carry tokens in their
 * query), HSTS in production only (a local http demo must not pin its host to https), and the API's CSP, which an
 * HTML page replaces with its own.
 */
export function baseHeaders(production: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': API_CSP,
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
