import { clientInputSchema, type AppOnlyCheck, type ClientInput, type ClientUrlTest, type RemovedCompanies, type SameCompanyWarning } from '@hub/contracts';
import { parseClientUrl, type BcAccess, type SsoAssertion } from '../domain/client-url';
import type { ClientAuthModes } from '../adapters/tokens/auth-modes';
import type { AppOnlyGate } from '../adapters/tokens/app-only-gate';
import { appOnlyRefusal } from '../domain/app-only';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { ClientRecord, ClientsRepo } from '../adapters/store/clients-repo';
import { matchSharedCompanies, withoutRemoved } from '../domain/shared-companies';
import { findDuplicates, sameCompanyWarning, sameEnvironment, type CompanyLocation } from '../domain/company-identity';
import { SourceError, type AccountingSource, type RemoteCompany } from '../ports/accounting-source';
import { envRef } from './links';

export interface ClientsServiceDeps {
  repo: ClientsRepo;
  source: AccountingSource;
  /** Hosts besides Business Central online that client URLs may name (sandbox, on-premises). */
  extraHosts: readonly string[];
  /** Each client's Business Central sign-in setting (delegated by default). */
  authModes?: ClientAuthModes;
  /** Which client tenants each firm may read with the hub's app. */
  appOnly: AppOnlyGate;
}

/** Companies whose access Test Client URL checks (each costs about 15 operations; six fit one `$batch`). */
const ACCESS_CHECK_COMPANIES = 30;

/** Who asks for the companies to be listed: their user id and, signed in through Entra, their SSO token. */
type Asker = { userId: string; assertion?: SsoAssertion };

export interface SaveResult {
  client: ClientRecord;
  /** Saved, but its companies could not be listed yet (they appear after a successful refresh). */
  warning?: string;
  /**
   * For a client that shares only some companies, once Business Central listed them: the shared names that match no
   * company, and every company's name there (to say what the names could have been).
   */
  sharing?: { notFound: string[]; listed: string[] };
  /** Some of its companies are already on the dashboard under another client (counted once until one is removed). */
  warnings?: SameCompanyWarning[];
}

/** Creating a client: who asks, and (from an invitation) the companies the client chose to share. */
export interface CreateOptions {
  assertion?: SsoAssertion;
  sharedCompanies?: readonly string[] | null;
}

const appOnlyForbidden = (tenant: string) =>
  new ForbiddenError('app_only_not_allowed', 'The hub\'s app may not read this client.', [{ path: 'bcAuthMode', message: appOnlyRefusal(tenant) }]);

/** List, add, edit and remove clients; Test Client URL; whether the hub's app may read a client. */
export class ClientsService {
  constructor(private readonly d: ClientsServiceDeps) {}

  /** Whether the firm may read `rawUrl`'s tenant with the hub's app, and if not why (the Clients form says so). */
  appOnlyCheck(firmTenantId: string, rawUrl: string): AppOnlyCheck {
    const url = parseClientUrl(rawUrl, this.d.extraHosts);
    if (!url.ok) return { allowed: false, tenant: null, message: url.message };
    const allowed = this.d.appOnly.allowsFirm(firmTenantId, url.ref.tenant);
    return { allowed, tenant: url.ref.tenant, message: allowed ? 'Your firm\'s administrator allowed the hub\'s app for this tenant.' : appOnlyRefusal(url.ref.tenant) };
  }

  list(userId: string): Promise<ClientRecord[]> {
    return this.d.repo.list(userId);
  }

  async get(userId: string, id: string): Promise<ClientRecord> {
    const c = await this.d.repo.get(userId, id);
    if (!c) throw new NotFoundError('Client');
    return c;
  }

  private parse(input: ClientInput) {
    const parsed = clientInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError('The client is not valid.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const url = parseClientUrl(parsed.data.clientUrl, this.d.extraHosts);
    if (!url.ok) throw new ValidationError('The Client URL is not valid.', [{ path: 'clientUrl', message: url.message }]);
    return { data: { ...parsed.data, clientUrl: url.normalizedUrl }, ref: url.ref };
  }

  /** Discovers the client's companies (only those it shares); failure is reported, never loses the saved client. */
  private async syncCompanies(client: ClientRecord, asker: Asker): Promise<Omit<SaveResult, 'client'>> {
    try {
      const listed = await this.d.source.listCompanies({ ...envRef(client), access: { clientId: client.id, ...asker } });
      const shared = client.sharedCompanies ?? null;
      const matched = matchSharedCompanies(listed, shared, client.companies.map((c) => c.bcCompanyId));
      const { notFound } = matched;
      const companies = withoutRemoved(client, matched.companies);
      await this.d.repo.syncCompanies(client.id, companies);
      const sharing = shared ? { sharing: { notFound, listed: listed.map((c) => c.name) } } : {};
      if (listed.length === 0) return { warning: 'Business Central reports no companies in this environment.', ...sharing };
      if (companies.length === 0) return { warning: `None of the companies the client shares (${shared?.join(', ')}) is in this Business Central environment.`, ...sharing };
      return sharing;
    } catch (err) {
      if (err instanceof SourceError) return { warning: `Saved, but the companies could not be listed yet: ${err.message}` };
      throw err;
    }
  }

  async create(userId: string, firmTenantId: string, input: ClientInput, opts: CreateOptions = {}): Promise<SaveResult> {
    const { data, ref } = this.parse(input);
    if (data.bcAuthMode === 'app' && !this.d.appOnly.allowsFirm(firmTenantId, ref.tenant)) throw appOnlyForbidden(ref.tenant);
    const shared = opts.sharedCompanies?.length ? opts.sharedCompanies : null;
    const id = await this.d.repo.create(userId, firmTenantId, data, ref, shared);
    if (data.bcAuthMode && data.bcAuthMode !== 'delegated') await this.d.authModes?.set(id, data.bcAuthMode);
    const synced = await this.syncCompanies(await this.get(userId, id), { userId, ...(opts.assertion ? { assertion: opts.assertion } : {}) });
    const client = await this.get(userId, id);
    return { client, ...synced, ...(await this.clientWarnings(userId, client)) };
  }

  /**
   * Companies among `companies` (in the environment `at`) that the user's other clients already hold, as the structured
   * warning; none: {}. `exceptClientId`: the client being saved or edited.
   */
  private async warnings(
    userId: string, at: Omit<CompanyLocation, 'bcCompanyId'>, companies: readonly { bcCompanyId: string; name: string; id?: string }[], exceptClientId?: string,
  ): Promise<{ warnings?: SameCompanyWarning[] }> {
    if (companies.length === 0) return {};
    const others = (await this.d.repo.list(userId)).filter((c) => c.id !== exceptClientId);
    const existing = others.flatMap((c) => c.companies.map((co) => ({
      bcOrigin: c.bcOrigin, bcTenant: c.bcTenant, bcEnvironment: c.bcEnvironment, bcCompanyId: co.bcCompanyId,
      companyId: co.id, companyName: co.name, clientId: c.id, clientName: c.name,
    })));
    const candidates = companies.map((co) => ({ ...at, bcCompanyId: co.bcCompanyId, name: co.name, ...(co.id ? { companyId: co.id } : {}) }));
    const warning = sameCompanyWarning(findDuplicates(candidates, existing));
    return warning ? { warnings: [warning] } : {};
  }

  private clientWarnings(userId: string, client: ClientRecord) {
    return this.warnings(userId, client, client.companies, client.id);
  }

  async update(userId: string, id: string, input: ClientInput, asker: { assertion?: SsoAssertion } = {}): Promise<SaveResult> {
    const before = await this.get(userId, id);
    const { data, ref } = this.parse(input);
    // Checked on every save that leaves the client on app-only (a moved URL, or a grant since withdrawn), by its firm.
    const mode = data.bcAuthMode ?? before.bcAuthMode;
    if (mode === 'app' && !(await this.d.appOnly.allows({ ...ref, access: { clientId: id } }))) throw appOnlyForbidden(ref.tenant);
    // Company ids belong to an environment: moved to another one, what was removed from the client no longer applies.
    const movedEnvironment = !sameEnvironment(before, { bcOrigin: ref.origin, bcTenant: ref.tenant, bcEnvironment: ref.environment });
    if (!(await this.d.repo.update(userId, id, data, ref, movedEnvironment))) throw new NotFoundError('Client');
    const modeChanged = data.bcAuthMode !== undefined && data.bcAuthMode !== before.bcAuthMode;
    if (data.bcAuthMode && modeChanged) await this.d.authModes?.set(id, data.bcAuthMode);
    const moved = before.clientUrl !== data.clientUrl || before.companies.length === 0 || modeChanged;
    const warning = moved ? (await this.syncCompanies(await this.get(userId, id), { userId, ...asker })).warning : undefined;
    const client = await this.get(userId, id);
    // Warned again only when the companies were listed anew (a new address): an edited name or note does not nag.
    return { client, ...(warning ? { warning } : {}), ...(moved ? await this.clientWarnings(userId, client) : {}) };
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.d.repo.remove(userId, id))) throw new NotFoundError('Client');
  }

  /** Keep one: removes companies from their clients (all the user's, else nothing and NotFoundError); discovery leaves them out. */
  async removeCompanies(userId: string, companyIds: readonly string[]): Promise<RemovedCompanies> {
    const removed = await this.d.repo.removeCompanies(userId, companyIds);
    if (!removed) throw new NotFoundError('Company');
    return { removed };
  }

  /** Shows a removed company under its client again; warns when another client shows it too. */
  async restoreCompany(userId: string, clientId: string, bcCompanyId: string): Promise<SaveResult> {
    await this.get(userId, clientId);
    if (!(await this.d.repo.restoreCompany(userId, clientId, bcCompanyId))) throw new NotFoundError('Removed company');
    const client = await this.get(userId, clientId);
    const restored = client.companies.filter((c) => c.bcCompanyId === bcCompanyId);
    return { client, ...(await this.warnings(userId, client, restored, client.id)) };
  }

  /**
   * Parses the URL, reaches the environment and lists its companies; says plainly what is wrong. `access` says who
   * asks (user, SSO assertion for on-behalf-of) and which sign-in to try (delegated or app).
   */
  async testUrl(rawUrl: string, access?: BcAccess, opts: { exceptClientId?: string } = {}): Promise<ClientUrlTest> {
    const url = parseClientUrl(rawUrl, this.d.extraHosts);
    if (!url.ok) {
      return { ok: false, companies: [], problem: { kind: url.kind, message: url.message } };
    }
    const base = { normalizedUrl: url.normalizedUrl, tenant: url.ref.tenant, environment: url.ref.environment };
    // Trying the hub's app is reading with it: only for a granted tenant (never reaching Business Central otherwise).
    if (access?.mode === 'app' && !(await this.d.appOnly.allows({ ...url.ref, access }))) {
      return { ok: false, ...base, companies: [], problem: { kind: 'no_access', message: appOnlyRefusal(url.ref.tenant) } };
    }
    try {
      const env = { ...url.ref, ...(access ? { access } : {}) };
      const listed = await this.d.source.listCompanies(env);
      const checked = await this.checkAccess(env, listed);
      const companies = listed.map((c) => {
        const missing = checked?.get(c.bcCompanyId);
        return { bcCompanyId: c.bcCompanyId, name: c.name, ...(missing ? { missing } : {}) };
      });
      // Said before saving: which of these the asker's dashboard already shows under another client.
      const at = { bcOrigin: url.ref.origin, bcTenant: url.ref.tenant, bcEnvironment: url.ref.environment };
      const warned = access?.userId ? await this.warnings(access.userId, at, companies, opts.exceptClientId ?? access.clientId) : {};
      return { ok: true, ...base, companies, ...warned };
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      const kind = err.kind === 'auth' || err.kind === 'unavailable' ? 'no_access' : err.kind === 'not_found' ? 'not_found' : err.kind === 'throttled' ? 'throttled'
        : err.kind === 'network' ? 'unreachable' : 'upstream';
      const message = kind === 'not_found'
        ? `Business Central has no environment “${url.ref.environment}” for tenant ${url.ref.tenant} (or the tenant is unknown). Check the environment name in the address. ${err.message}`
        : kind === 'no_access'
          ? `${err.message} Make sure the client invited you as an External Accountant (or registered the hub in “Microsoft Entra Applications” for app sign-in).`
          : kind === 'throttled' ? `${err.message} Business Central limits each user to 6,000 requests per 5 minutes.` : err.message;
      return { ok: false, ...base, companies: [], problem: { kind, message } };
    }
  }

  /**
   * What each company (the first ACCESS_CHECK_COMPANIES) does not give the hub; undefined when the check itself
   * failed (throttled, unreachable): the companies were found, which is what the test answers first.
   */
  private async checkAccess(env: Parameters<AccountingSource['checkAccess']>[0], companies: readonly RemoteCompany[]) {
    try {
      const access = await this.d.source.checkAccess(env, companies.slice(0, ACCESS_CHECK_COMPANIES));
      return new Map(access.map((a) => [a.bcCompanyId, a.missing]));
    } catch (err) {
      if (err instanceof SourceError) return undefined;
      throw err;
    }
  }
}
