/**
 * A local Microsoft Entra ID stand-in for tests: OpenID metadata, JWKS and the v2.0 token endpoint over HTTPS
 * (a self-signed certificate made with openssl at start; msal-node only accepts https authorities), issuing RS256
 * tokens with expiry for the grants the hub uses:
 *   - `urn:ietf:params:oauth:grant-type:jwt-bearer` (on-behalf-of: a user's SSO token → a Business Central token
 *     in the client's tenant, with an id token, client_info and a refresh token),
 *   - `client_credentials` (app-only, Business Central "Microsoft Entra Applications"),
 *   - `refresh_token` (silent renewal; rotated on use; revocable).
 * Paths: /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/oauth2/v2.0/token, /{tenant}/discovery/v2.0/keys.
 * Responses follow Entra where msal-node depends on them: a `{resource}/.default` request reports the permissions granted
 * and the `.default` itself as its scope (msal caches the token under these scopes and looks it up by the requested one),
 * expires_in counts the whole seconds left until exp (3599 for a one-hour token), and every token carries a unique `uti`.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BC_RESOURCE = 'https://api.businesscentral.dynamics.com';

export interface LocalEntraOptions {
  /** Registered confidential clients: id → secret. */
  clients: Record<string, string>;
  /** Access and id token lifetime in seconds (default 3600). */
  tokenLifetimeSec?: number;
}

export interface GrantCounts { obo: number; client_credentials: number; refresh_token: number; failed: number; metadata: number }

type Claims = Record<string, unknown>;

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

/**
 * The scope Entra reports for a delegated request: for `{resource}/.default`, the permissions granted on the resource
 * and the `.default` that was asked for (e.g. `…/Financials.ReadWrite.All …/.default`).
 */
const grantedScope = (scope: string) => scope.split(' ').filter((s) => /^https?:\/\//.test(s))
  .flatMap((s) => (s.endsWith('/.default') ? [s.replace(/\.default$/, 'Financials.ReadWrite.All'), s] : [s])).join(' ');

/** Entra's unique token identifier claim: no two issued tokens are the same string, even within one second. */
const uti = () => b64url(randomBytes(16));

export class LocalEntra {
  readonly cert: string;
  private readonly key: string;
  private readonly signing: { privateKey: KeyObject; publicKey: KeyObject; kid: string };
  private server: Server | undefined;
  url = '';
  host = '';
  readonly counts: GrantCounts = { obo: 0, client_credentials: 0, refresh_token: 0, failed: 0, metadata: 0 };
  /** Refresh token → what it renews. */
  private readonly refreshTokens = new Map<string, { clientId: string; tenant: string; user: Claims; scope: string }>();
  tokenLifetimeSec: number;

  constructor(private readonly o: LocalEntraOptions) {
    this.tokenLifetimeSec = o.tokenLifetimeSec ?? 3600;
    const dir = mkdtempSync(join(tmpdir(), 'local-entra-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
      this.cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      this.key = readFileSync(join(dir, 'key.pem'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.signing = { privateKey, publicKey, kid: randomUUID() };
  }

  async start(): Promise<string> {
    const server = createServer({ cert: this.cert, key: this.key }, (req, res) => {
      void this.handle(req.method ?? 'GET', req.url ?? '/', req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'server_error', error_description: String(err) }));
        },
      );
    });
    this.server = server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    this.host = `127.0.0.1:${port}`;
    this.url = `https://${this.host}`;
    return this.url;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    });
  }

  authority(tenant: string): string {
    return `${this.url}/${tenant}`;
  }

  openIdConfiguration(tenant: string): Record<string, unknown> {
    const base = `${this.url}/${tenant}`;
    return {
      issuer: `${base}/v2.0`, token_endpoint: `${base}/oauth2/v2.0/token`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`, jwks_uri: `${base}/discovery/v2.0/keys`, response_types_supported: ['code', 'id_token', 'token'],
      subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['client_secret_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'], tenant_region_scope: null, cloud_instance_name: 'local', msgraph_host: 'graph.local',
    };
  }

  /** msal-node settings that keep it on this server: no instance discovery, no metadata fetched from the internet. */
  msalAuthorityOptions(tenant: string): { knownAuthorities: string[]; authorityMetadata: string; cloudDiscoveryMetadata: string } {
    return {
      knownAuthorities: [this.host],
      authorityMetadata: JSON.stringify(this.openIdConfiguration(tenant)),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${this.url}/${tenant}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1',
        metadata: [{ preferred_network: this.host, preferred_cache: this.host, aliases: [this.host] }],
      }),
    };
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [{ ...this.signing.publicKey.export({ format: 'jwk' }), kid: this.signing.kid, use: 'sig', alg: 'RS256' }] };
  }

  sign(claims: Claims): string {
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.signing.kid }));
    const payload = b64url(JSON.stringify(claims));
    const sig = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.signing.privateKey);
    return `${header}.${payload}.${b64url(sig)}`;
  }

  /** Verifies a token this server issued: signature, expiry, and optionally audience and tenant. Returns its claims or null. */
  verify(token: string, expect: { audience?: string; tenant?: string } = {}): Claims | null {
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) return null;
    const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(this.signing.publicKey, Buffer.from(s, 'base64url'));
    if (!ok) return null;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Claims;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
    if (expect.audience && claims.aud !== expect.audience) return null;
    if (expect.tenant && String(claims.tid).toLowerCase() !== expect.tenant.toLowerCase()) return null;
    return claims;
  }

  /** A Teams SSO token for a user of `tenant` (the accountant's home tenant), audience = the hub's client id. */
  userSsoToken(user: { tenant: string; oid: string; name?: string; upn?: string }, audience: string, lifetimeSec = 3600): string {
    const now = Math.floor(Date.now() / 1000);
    return this.sign({
      aud: audience, iss: `${this.url}/${user.tenant}/v2.0`, iat: now, nbf: now, exp: now + lifetimeSec, tid: user.tenant, oid: user.oid, sub: `sub-${user.oid}`,
      name: user.name ?? 'Test User', preferred_username: user.upn ?? `${user.oid}@example.com`, scp: 'access_as_user', ver: '2.0', azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    });
  }

  /** Invalidates every refresh token (consent withdrawn, password reset): silent renewal must fail afterwards. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /**
   * One issuance: iat and exp in whole seconds, and expires_in as Entra counts it, the whole seconds left until exp. (The
   * full lifetime after an exp truncated to the second would overstate it by up to a second on msal's clock, which
   * rounds: msal would go on serving a token its resource already refuses.)
   */
  private issuance(): { iat: number; exp: number; expiresIn: number } {
    const nowMs = Date.now();
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.tokenLifetimeSec;
    return { iat, exp, expiresIn: Math.floor((exp * 1000 - nowMs) / 1000) };
  }

  private accessToken(tenant: string, clientId: string, subject: Claims, scope: string, at: { iat: number; exp: number }): string {
    const resource = scope.split(' ').find((s) => /^https?:\/\//.test(s))?.replace(/\/(\.default|[^/]+)$/, '') ?? BC_RESOURCE;
    return this.sign({
      aud: resource, iss: `${this.url}/${tenant}/v2.0`, iat: at.iat, nbf: at.iat, exp: at.exp, tid: tenant, azp: clientId, appid: clientId, ver: '2.0', uti: uti(), ...subject,
    });
  }

  private userTokens(clientId: string, tenant: string, user: Claims, scope: string): Record<string, unknown> {
    const at = this.issuance();
    const refresh = `rt-${randomUUID()}`;
    this.refreshTokens.set(refresh, { clientId, tenant, user, scope });
    const idToken = this.sign({
      aud: clientId, iss: `${this.url}/${tenant}/v2.0`, iat: at.iat, nbf: at.iat, exp: at.exp, tid: tenant, oid: user.oid, sub: `sub-${String(user.oid)}`,
      name: user.name, preferred_username: user.preferred_username, ver: '2.0', uti: uti(),
    });
    return {
      token_type: 'Bearer', scope: grantedScope(scope), expires_in: at.expiresIn, ext_expires_in: at.expiresIn,
      access_token: this.accessToken(tenant, clientId, { oid: user.oid, sub: `sub-${String(user.oid)}`, name: user.name, scp: 'Financials.ReadWrite.All' }, scope, at),
      refresh_token: refresh, id_token: idToken, client_info: b64url(JSON.stringify({ uid: user.oid, utid: tenant })),
    };
  }

  private async handle(method: string, rawUrl: string, req: AsyncIterable<unknown>): Promise<{ status: number; body: unknown }> {
    const url = new URL(rawUrl, 'https://local');
    const parts = url.pathname.split('/').filter(Boolean);
    const tenant = parts[0] ?? '';
    const rest = parts.slice(1).join('/');
    if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') {
      this.counts.metadata += 1;
      return { status: 200, body: this.openIdConfiguration(tenant) };
    }
    if (method === 'GET' && rest === 'discovery/v2.0/keys') return { status: 200, body: this.jwks() };
    if (method !== 'POST' || rest !== 'oauth2/v2.0/token') return { status: 404, body: { error: 'not_found' } };

    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const clientId = form.get('client_id') ?? '';
    const fail = (error: string, description: string, status = 400) => {
      this.counts.failed += 1;
      return { status, body: { error, error_description: description, error_codes: [status === 401 ? 7000215 : 50000], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() } };
    };
    if (!clientId || this.o.clients[clientId] === undefined || this.o.clients[clientId] !== form.get('client_secret')) {
      return fail('invalid_client', 'AADSTS7000215: Invalid client secret provided.', 401);
    }
    const scope = form.get('scope') ?? '';
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') {
      this.counts.client_credentials += 1;
      const sp = `sp-${createHash('sha256').update(`${tenant}|${clientId}`).digest('hex').slice(0, 12)}`;
      const at = this.issuance();
      return {
        status: 200,
        body: { token_type: 'Bearer', expires_in: at.expiresIn, ext_expires_in: at.expiresIn, access_token: this.accessToken(tenant, clientId, { oid: sp, sub: sp, roles: ['API.ReadWrite.All'], idtyp: 'app' }, scope, at) },
      };
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (form.get('requested_token_use') !== 'on_behalf_of') return fail('invalid_request', 'AADSTS50000: requested_token_use must be on_behalf_of.');
      const assertion = this.verify(form.get('assertion') ?? '', { audience: clientId });
      if (!assertion) return fail('invalid_grant', 'AADSTS50013: Assertion failed signature validation or is expired.');
      this.counts.obo += 1;
      const user = { oid: assertion.oid, name: assertion.name, preferred_username: assertion.preferred_username, home_tid: assertion.tid };
      return { status: 200, body: this.userTokens(clientId, tenant, user, scope) };
    }
    if (grant === 'refresh_token') {
      const rt = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!rt || rt.clientId !== clientId || rt.tenant.toLowerCase() !== tenant.toLowerCase()) {
        return fail('invalid_grant', 'AADSTS700082: The refresh token has expired or was revoked. The user must sign in again.');
      }
      this.refreshTokens.delete(form.get('refresh_token') ?? '');
      this.counts.refresh_token += 1;
      return { status: 200, body: this.userTokens(clientId, tenant, rt.user, scope || rt.scope) };
    }
    return fail('unsupported_grant_type', `AADSTS70003: grant_type ${String(grant)} is not supported.`);
  }
}
