/**
 * Parses every form of Business Central address an accountant pastes into one environment reference:
 * web client URLs (with tenant, environment, `company=`/`page=` parameters, `?tenant=`), API URLs
 * (`api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0/...`), with or without scheme.
 */
export interface BcEnvironmentRef {
  /** Entra tenant: GUID or domain name. External accountants must name it (they are guests there). */
  tenant: string;
  environment: string;
  /** Company named in the URL (`company=`), if any. */
  company?: string;
  /** Scheme + host the URL used (a sandbox or on-premises host when allowed). */
  origin: string;
}

export type ClientUrlParse = { ok: true; ref: BcEnvironmentRef; normalizedUrl: string } | { ok: false; message: string };

const WEB_HOST = 'businesscentral.dynamics.com';
const API_HOST = 'api.businesscentral.dynamics.com';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/;

export function isTenantId(s: string): boolean {
  return GUID.test(s) || DOMAIN.test(s);
}

/** `extraHosts` are hosts (host or host:port) allowed besides Business Central's own, e.g. the local sandbox. */
export function parseClientUrl(input: string, extraHosts: readonly string[] = []): ClientUrlParse {
  const text = input.trim();
  if (!text) return { ok: false, message: 'The Client URL is empty.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, message: 'This is not a web address. Paste the address of the client’s Business Central, e.g. https://businesscentral.dynamics.com/<tenant>/<environment>.' };
  }
  const host = url.host.toLowerCase();
  const known = host === WEB_HOST || host === API_HOST;
  if (!known && !extraHosts.map((h) => h.toLowerCase()).includes(host)) {
    return { ok: false, message: `${url.hostname} is not a Business Central address. Use https://businesscentral.dynamics.com/<tenant>/<environment>.` };
  }
  if (known && url.protocol !== 'https:') return { ok: false, message: 'Business Central addresses use https.' };
  if (url.username || url.password) return { ok: false, message: 'The address must not contain a user name or password.' };
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const isApi = host === API_HOST || segments[0]?.toLowerCase() === 'v2.0';
  const path = isApi && segments[0]?.toLowerCase() === 'v2.0' ? segments.slice(1) : segments;
  const queryTenant = url.searchParams.get('tenant') ?? undefined;
  let tenant = queryTenant;
  let environment: string | undefined;
  if (path[0] && isTenantId(path[0])) {
    tenant = path[0];
    environment = path[1];
  } else {
    environment = path[0];
  }
  if (environment && /^(api|odatav4|ws)$/i.test(environment)) environment = undefined;
  if (!tenant) {
    return { ok: false, message: 'The address does not name the client’s tenant. As an external accountant, use the full address: https://businesscentral.dynamics.com/<tenant ID or domain>/<environment>.' };
  }
  environment ??= 'Production';
  if (!ENVIRONMENT.test(environment)) return { ok: false, message: `“${environment}” is not a valid environment name.` };
  const company = url.searchParams.get('company') ?? undefined;
  const origin = known ? `https://${WEB_HOST}` : `${url.protocol}//${host}`;
  const ref: BcEnvironmentRef = { tenant: tenant.toLowerCase(), environment, origin, ...(company ? { company } : {}) };
  return { ok: true, ref, normalizedUrl: `${origin}/${ref.tenant}/${environment}` };
}
