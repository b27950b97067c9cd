import { ConfidentialClientApplication, InteractionRequiredAuthError, LogLevel, ServerError, type INetworkModule } from '@azure/msal-node';
import { appOnlyRefusal } from '../../domain/app-only';
import type { BcAuthMode, BcEnvironmentRef } from '../../domain/client-url';
import { SourceError } from '../../ports/accounting-source';
import type { BcTokenProvider } from '../business-central/token-provider';
import type { TokenCacheStore } from './token-cache-store';

export interface MsalTokenProviderOptions {
  /** The hub's Entra app (the one Teams SSO tokens are issued to) and its secret. */
  clientId: string;
  clientSecret: string;
  /** Entra authority host: https://login.microsoftonline.com, a sovereign cloud's, or the local test Entra. */
  authorityHost: string;
  /** Business Central's API resource; tokens are asked for `{apiResource}/.default`. */
  apiResource: string;
  store: TokenCacheStore;
  /** A client's sign-in setting (clients.bc_auth_mode); default delegated. */
  authModeOf?: (clientId: string) => Promise<BcAuthMode>;
  /** Whether this request's firm was granted app-only reading of the environment's tenant (AppOnlyGate.allows). */
  appOnlyAllowed: (env: BcEnvironmentRef) => Promise<boolean>;
  /** Extra msal authority settings per tenant, e.g. knownAuthorities + metadata so msal never calls the internet. */
  authorityOptions?: (tenant: string) => { knownAuthorities?: string[]; authorityMetadata?: string; cloudDiscoveryMetadata?: string };
  networkClient?: INetworkModule;
  /** Tokens expiring within this many seconds are renewed (msal's default 300). */
  tokenRenewalOffsetSeconds?: number;
  /** msal applications kept in memory (one per cache partition). */
  maxApplications?: number;
}

const SIGN_IN_AGAIN = 'Sign in again: the hub has no valid sign-in of yours for this client’s Business Central (open the dashboard and refresh it yourself once, so the hub can sign in on your behalf).';

/**
 * Business Central tokens from Microsoft Entra ID with msal-node, in the client's tenant (authority = the client's
 * tenant: the accountant is a guest there):
 *  - delegated (default): on-behalf-of the accountant's Teams SSO token when a user triggers the work; otherwise
 *    (background refresh) silently from the user's cached tokens (refresh token). Nothing cached → kind 'auth',
 *    "sign in again";
 *  - app: client credentials, for clients who registered the hub in Business Central's "Microsoft Entra Applications",
 *    and only for a tenant granted to the firm behind the request (appOnlyAllowed), never on a stored setting alone.
 * Caches are partitioned per user and tenant (or app and tenant), persisted encrypted (TokenCacheStore), and never logged.
 */
export class MsalTokenProvider implements BcTokenProvider {
  private readonly apps = new Map<string, ConfidentialClientApplication>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly scope: string;

  constructor(private readonly o: MsalTokenProviderOptions) {
    this.scope = `${o.apiResource.replace(/\/$/, '')}/.default`;
  }

  async token(env: BcEnvironmentRef): Promise<string> {
    const clientId = env.access?.clientId;
    const mode = env.access?.mode ?? (clientId && this.o.authModeOf ? await this.o.authModeOf(clientId) : 'delegated');
    if (mode === 'app') {
      // A stored setting is not proof: the grant is checked before every app-only token.
      if (!(await this.o.appOnlyAllowed(env))) throw new SourceError('auth', appOnlyRefusal(env.tenant));
      return this.appToken(env.tenant);
    }
    const userId = env.access?.userId;
    if (!userId) throw new SourceError('auth', SIGN_IN_AGAIN);
    return this.userToken(env.tenant, userId, env.access?.assertion?.value);
  }

  /** Forgets a user's cached sign-in for a tenant (e.g. the client was removed). */
  async forget(userId: string, tenant: string): Promise<void> {
    const partition = this.partition('user', userId, tenant);
    this.apps.delete(partition);
    await this.o.store.remove(partition);
  }

  private partition(kind: 'user' | 'app', who: string, tenant: string): string {
    return `${kind}|${who}|${tenant.toLowerCase()}`;
  }

  private app(partition: string, tenant: string): ConfidentialClientApplication {
    let app = this.apps.get(partition);
    if (app) {
      this.apps.delete(partition);
      this.apps.set(partition, app);
      return app;
    }
    app = new ConfidentialClientApplication({
      auth: {
        clientId: this.o.clientId, clientSecret: this.o.clientSecret,
        authority: `${this.o.authorityHost.replace(/\/$/, '')}/${encodeURIComponent(tenant)}`,
        ...(this.o.authorityOptions?.(tenant) ?? {}),
      },
      cache: { cachePlugin: this.o.store.plugin(partition) },
      system: {
        ...(this.o.networkClient ? { networkClient: this.o.networkClient } : {}),
        ...(this.o.tokenRenewalOffsetSeconds !== undefined ? { tokenRenewalOffsetSeconds: this.o.tokenRenewalOffsetSeconds } : {}),
        // Tokens and personal data never reach a log.
        loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
      },
    });
    this.apps.set(partition, app);
    const max = this.o.maxApplications ?? 1000;
    while (this.apps.size > max) this.apps.delete(this.apps.keys().next().value as string);
    return app;
  }

  /** One token operation at a time per partition, so concurrent refreshes do not overwrite each other's cache. */
  private serial<T>(partition: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(partition) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.locks.set(partition, tail);
    void tail.then(() => { if (this.locks.get(partition) === tail) this.locks.delete(partition); });
    return next;
  }

  private appToken(tenant: string): Promise<string> {
    const partition = this.partition('app', this.o.clientId, tenant);
    return this.serial(partition, async () => {
      try {
        const r = await this.app(partition, tenant).acquireTokenByClientCredential({ scopes: [this.scope] });
        if (!r?.accessToken) throw new SourceError('auth', 'Microsoft Entra ID returned no token for the hub app.');
        return r.accessToken;
      } catch (err) {
        throw this.classify(err, 'app');
      }
    });
  }

  private userToken(tenant: string, userId: string, assertion: string | undefined): Promise<string> {
    const partition = this.partition('user', userId, tenant);
    return this.serial(partition, async () => {
      const app = this.app(partition, tenant);
      try {
        if (assertion) {
          const r = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [this.scope] });
          if (r?.accessToken) return r.accessToken;
        }
        const accounts = await app.getTokenCache().getAllAccounts();
        const account = accounts.find((a) => a.tenantId.toLowerCase() === tenant.toLowerCase()) ?? accounts[0];
        if (!account) throw new SourceError('auth', SIGN_IN_AGAIN);
        const r = await app.acquireTokenSilent({ account, scopes: [this.scope] });
        if (!r?.accessToken) throw new SourceError('auth', SIGN_IN_AGAIN);
        return r.accessToken;
      } catch (err) {
        throw this.classify(err, 'delegated');
      }
    });
  }

  private classify(err: unknown, mode: BcAuthMode): SourceError {
    if (err instanceof SourceError) return err;
    const code = String((err as { errorCode?: unknown }).errorCode ?? '');
    const text = `${code} ${String((err as { errorMessage?: unknown }).errorMessage ?? '')}`;
    if (err instanceof InteractionRequiredAuthError || code === 'invalid_grant' || code === 'interaction_required' || code === 'no_tokens_found' || code === 'consent_required') {
      return new SourceError('auth', mode === 'app'
        ? 'The client’s tenant refused the hub app: check that it is registered and enabled in Business Central’s “Microsoft Entra Applications” page.'
        : SIGN_IN_AGAIN);
    }
    if (code === 'invalid_client' || /AADSTS7000215|AADSTS700016/.test(text)) {
      return new SourceError(/AADSTS700016/.test(text) ? 'auth' : 'config', /AADSTS700016/.test(text)
        ? 'The client’s tenant does not know the hub app yet: an administrator there must consent to it.'
        : 'Microsoft Entra ID refused the hub’s own credentials (client id or secret): check the server configuration.');
    }
    if (err instanceof ServerError) return new SourceError('auth', `Microsoft Entra ID refused the sign-in (${code || 'error'}).`);
    return new SourceError('network', 'Microsoft Entra ID could not be reached to sign in to Business Central.');
  }
}
