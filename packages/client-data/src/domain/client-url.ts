/**
 * Parses every form of Business Central address an accountant pastes into one environment reference:
 * web client URLs (with tenant, environment, `company=`/`page=`/`filter=` parameters, `?tenant=`, sign-in and
 * deep-link paths), API URLs (`api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0/...`,
 * `ODataV4/Company('…')`), with or without scheme, wrapped in <>, quotes or trailing punctuation from an email.
 */
export interface BcEnvironmentRef {
  /** Entra tenant: GUID or domain name, lower case. External accountants must name it (they are guests there). */
  tenant: string;
  /** Environment name, lower case (Business Central treats environment names case-insensitively). */
  environment: string;
  /** Company named in the URL (`company=` or `Company('…')`), if any. */
  company?: string;
  /** Scheme + host the URL used (a sandbox or on-premises host when allowed). */
  origin: string;
  /** On whose behalf and how the hub signs in to this environment (absent: the token provider's default). */
  access?: BcAccess;
}

/** How the hub signs in to a client's Business Central: as the accountant (delegated, OBO) or as itself (app-only). */
export type BcAuthMode = 'delegated' | 'app';
export const BC_AUTH_MODES: readonly BcAuthMode[] = ['delegated', 'app'];

/**
 * The user's raw Teams SSO token, kept out of logs and JSON: `String(a)` and `JSON.stringify(a)` say "[redacted]".
 * Only the token provider reads `.value` (for the on-behalf-of exchange).
 */
export class SsoAssertion {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  get value(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'SsoAssertion([redacted])';
  }
}

export interface BcAccess {
  /** The hub client whose setting (delegated or app) applies. */
  clientId?: string;
  /** Overrides the client's setting (Test Client URL before the client is saved). */
  mode?: BcAuthMode;
  /** The hub user on whose behalf delegated tokens are used (their msal cache partition). */
  userId?: string;
  /** Present when the user triggered the work: lets a delegated token be obtained on behalf of them. */
  assertion?: SsoAssertion;
}

export type ClientUrlParse = { ok: true; ref: BcEnvironmentRef; normalizedUrl: string } | { ok: false; message: string; kind: 'malformed' | 'host_not_allowed' };

export interface ClientUrlOptions {
  /** Hosts (host or host:port) allowed besides Business Central's own, e.g. the local sandbox or an on-premises server. */
  extraHosts?: readonly string[];
  /** Web client host of Business Central online (configurable for other clouds). */
  webHost?: string;
  /** API host of Business Central online. */
  apiHost?: string;
}

export const BC_WEB_HOST = 'businesscentral.dynamics.com';
export const BC_API_HOST = 'api.businesscentral.dynamics.com';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/;
/** Path segments after the tenant that are parts of the web client or API, never environment names. */
const NOT_ENVIRONMENT = /^(api|odatav4|ws|signin|signout|deeplink|default|webclient|tablet|phone|.*\.aspx)$/i;

export function isTenantId(s: string): boolean {
  return GUID.test(s) || DOMAIN.test(s);
}

/** Strips what often surrounds a pasted address: whitespace, <>, quotes, a trailing full stop or bracket. */
function unwrap(input: string): string {
  let t = input.trim();
  for (let i = 0; i < 3; i += 1) {
    const before = t;
    t = t.replace(/^[<"'“‘([]+/, '').replace(/[>"'”’)\].,;]+$/, '').trim();
    if (t === before) break;
  }
  return t;
}

const fail = (kind: 'malformed' | 'host_not_allowed', message: string): ClientUrlParse => ({ ok: false, kind, message });

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `options` may be the list of extra hosts (older callers) or the full options. Environment and tenant come
 * back in lower case so two pastes of the same environment compare equal; a missing environment means
 * `production` (what Business Central opens by default).
 */
export function parseClientUrl(input: string, options: readonly string[] | ClientUrlOptions = {}): ClientUrlParse {
  const o: ClientUrlOptions = Array.isArray(options) ? { extraHosts: options } : (options as ClientUrlOptions);
  const webHost = (o.webHost ?? BC_WEB_HOST).toLowerCase();
  const apiHost = (o.apiHost ?? BC_API_HOST).toLowerCase();
  const extraHosts = (o.extraHosts ?? []).map((h) => h.toLowerCase());
  const text = unwrap(input);
  if (!text) return fail('malformed', 'The Client URL is empty.');
  let url: URL;
  try {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/\//, '')}`;
    url = new URL(withScheme);
  } catch {
    return fail('malformed', 'This is not a web address. Paste the address of the client’s Business Central, e.g. https://businesscentral.dynamics.com/<tenant>/<environment>.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('malformed', 'Business Central addresses start with https://.');
  let host = url.host.toLowerCase().replace(/\.$/, '');
  if (host === `www.${webHost}`) host = webHost;
  const known = host === webHost || host === apiHost;
  if (!known && !extraHosts.includes(host)) {
    return fail('host_not_allowed', `${url.hostname} is not a Business Central address. Use https://${webHost}/<tenant>/<environment>.`);
  }
  if (url.username || url.password) return fail('malformed', 'The address must not contain a user name or password.');
  // Business Central online is https only; an http:// paste of its own host is upgraded, not refused.
  const protocol = known ? 'https:' : url.protocol;

  const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
  // API forms: /v2.0/{tenant}/{environment}/api/..., /v1.0/..., or /{tenant}/{environment}/ODataV4/... on the API host.
  const isApiPath = /^v[12]\.0$/i.test(segments[0] ?? '');
  const path = isApiPath ? segments.slice(1) : segments;
  const queryTenant = url.searchParams.get('tenant')?.trim() || undefined;
  let tenant = queryTenant;
  let environment: string | undefined;
  let rest: string[];
  if (path[0] && isTenantId(path[0])) {
    tenant = path[0];
    environment = path[1];
    rest = path.slice(2);
  } else {
    environment = path[0];
    rest = path.slice(1);
  }
  if (environment && NOT_ENVIRONMENT.test(environment)) {
    rest = [environment, ...rest];
    environment = undefined;
  }
  if (!tenant) {
    return fail('malformed', `The address does not name the client’s tenant. As an external accountant, use the full address: https://${webHost}/<tenant ID or domain>/<environment>.`);
  }
  if (!isTenantId(tenant)) return fail('malformed', `“${tenant}” is not a tenant ID or domain name.`);
  environment = (environment ?? 'production').toLowerCase();
  if (!ENVIRONMENT.test(environment)) return fail('malformed', `“${environment}” is not a valid environment name (letters, digits, - and _, at most 30).`);

  let company = url.searchParams.get('company')?.trim() || undefined;
  if (!company) {
    // ODataV4 URLs name the company in the path: ODataV4/Company('CRONUS UK Ltd.')/Customers
    const odata = rest.map((s) => /^Company\('(.+)'\)$/i.exec(s)).find(Boolean);
    if (odata?.[1]) company = odata[1].replace(/''/g, "'");
  }
  const origin = known ? `https://${webHost}` : `${protocol}//${host}`;
  const ref: BcEnvironmentRef = { tenant: tenant.toLowerCase(), environment, origin, ...(company ? { company } : {}) };
  return { ok: true, ref, normalizedUrl: `${origin}/${ref.tenant}/${environment}` };
}
