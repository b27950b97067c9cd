import type { z } from 'zod';
import {
  apiRoutes,
  appOnlyCheckSchema,
  authConfigSchema,
  clientListSchema,
  clientSavedSchema,
  clientUrlTestSchema,
  companyDetailsSchema,
  dashboardRowSchema,
  dashboardSchema,
  devSignInResponseSchema,
  meSchema,
  refreshJobSchema,
  removedCompaniesSchema,
  reportLinkSchema,
  reportListSchema,
  reportRoutes,
  savedViewListSchema,
  settingsRoutes,
  userSettingsSchema,
  savedViewSchema,
  type AppOnlyCheck,
  type AuthConfig,
  type Client,
  type ClientInput,
  type ClientSaved,
  type ClientUrlTest,
  type CompanyDetails,
  type Dashboard,
  type DashboardRow,
  type Me,
  type BcAuthModeValue,
  type RefreshJob,
  type RemovedCompanies,
  type ReportLink,
  type ReportLinkRequest,
  type ReportList,
  type SavedView,
  type UserSettings,
  type UserSettingsUpdate,
} from '@hub/contracts';
import { ApiRequestError, errorFromBody } from './api-error';
import { peekEarly, takeEarly, type EarlyAnswer } from './early-requests';

export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type SavedViewInput = Pick<SavedView, 'name' | 'definition'>;

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send<T>(
  method: Method,
  path: string,
  schema: z.ZodType<T> | null,
  body: unknown,
  token: string | null,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response | EarlyAnswer;
  try {
    const early = method === 'GET' && !signal ? takeEarly(path, token) : null;
    res = await (early ?? fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal }));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', 'The hub server cannot be reached. Check your connection and try again.');
  }
  const json = res instanceof Response ? await readJson(res) : res.json;
  if (!res.ok) throw errorFromBody(res.status, json);
  if (schema === null) return undefined as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, 'bad_response', `The server sent an answer the tab does not understand (${path}).`);
  }
  return parsed.data;
}

/**
 * A successful early answer (see early-requests.ts) that has already arrived, checked against its schema, with
 * `take()` to use it up; null when it has not arrived or is not a success (then the app asks as usual and handles
 * any problem the usual way). Lets the first render show what the server has already answered.
 */
export function arrivedEarly<T>(path: string, token: string | null, schema: z.ZodType<T>): { value: T; take: () => void } | null {
  const answer = peekEarly(path, token);
  if (!answer?.ok) return null;
  const parsed = schema.safeParse(answer.json);
  return parsed.success ? { value: parsed.data, take: () => void takeEarly(path, token) } : null;
}

/** Calls that need no token: they come before sign-in. */
export const publicApi = {
  authConfig: (): Promise<AuthConfig> => send('GET', apiRoutes.authConfig, authConfigSchema, undefined, null),
  devSignIn: (name: string) => send('POST', apiRoutes.devSignIn, devSignInResponseSchema, { name }, null),
};

/** The typed tab API: every answer is checked against the contracts' zod schemas. */
export class ApiClient {
  /**
   * Reads started ahead (see prefetchDashboard), each taken once by the first call that asks for it; `ready` once it
   * has arrived, so the page's first render can show it (readyDashboard, readyViews) instead of a spinner.
   */
  private readonly ahead = new Map<string, { promise: Promise<unknown>; ready?: { value: unknown } }>();

  constructor(private readonly token: TokenSource) {}

  /**
   * Starts the dashboard's first reads now, beside /me at sign-in, instead of after the page has rendered (which made
   * auth-config, /me and /dashboard one long chain); the first dashboard() and views() without a signal take them.
   * With the token already known (the demo sign-in), answers that index.html asked for and that have arrived are
   * taken at once.
   */
  prefetchDashboard(knownToken?: string): void {
    this.readAhead(apiRoutes.dashboard, dashboardSchema, knownToken);
    this.readAhead(apiRoutes.views, savedViewListSchema, knownToken);
  }

  private readAhead<T>(path: string, schema: z.ZodType<T>, knownToken: string | undefined): void {
    const arrived = knownToken === undefined ? null : arrivedEarly(path, knownToken, schema);
    if (arrived) {
      arrived.take();
      this.ahead.set(path, { promise: Promise.resolve(arrived.value), ready: { value: arrived.value } });
      return;
    }
    const entry: { promise: Promise<T>; ready?: { value: unknown } } = { promise: this.call('GET', path, schema) };
    entry.promise.then(
      (value) => (entry.ready = { value }),
      () => undefined, // a read nobody takes must not report an unhandled rejection
    );
    this.ahead.set(path, entry);
  }

  private take<T>(path: string): Promise<T> | null {
    const entry = this.ahead.get(path);
    if (!entry) return null;
    this.ahead.delete(path);
    return entry.promise as Promise<T>;
  }

  private takeReady<T>(path: string): T | undefined {
    const entry = this.ahead.get(path);
    if (!entry?.ready) return undefined;
    this.ahead.delete(path);
    return entry.ready.value as T;
  }

  /** The dashboard read ahead, if it has arrived (taken: it is not read again by dashboard()). */
  readyDashboard(): Dashboard | undefined {
    return this.takeReady<Dashboard>(apiRoutes.dashboard);
  }

  /** The saved views read ahead, if they have arrived (taken: they are not read again by views()). */
  readyViews(): SavedView[] | undefined {
    return this.takeReady<{ views: SavedView[] }>(apiRoutes.views)?.views;
  }

  private async call<T>(method: Method, path: string, schema: z.ZodType<T> | null, body?: unknown, signal?: AbortSignal): Promise<T> {
    try {
      return await send(method, path, schema, body, await this.token(), signal);
    } catch (err) {
      // A token can expire between two calls: get a fresh one once and try again.
      if (err instanceof ApiRequestError && err.status === 401) {
        return send(method, path, schema, body, await this.token({ forceRefresh: true }), signal);
      }
      throw err;
    }
  }

  me(): Promise<Me> {
    return this.call('GET', apiRoutes.me, meSchema);
  }
  dashboard(signal?: AbortSignal): Promise<Dashboard> {
    return (!signal && this.take<Dashboard>(apiRoutes.dashboard)) || this.call('GET', apiRoutes.dashboard, dashboardSchema, undefined, signal);
  }
  company(id: string, signal?: AbortSignal): Promise<CompanyDetails> {
    return this.call('GET', apiRoutes.company(id), companyDetailsSchema, undefined, signal);
  }
  refreshCompany(id: string): Promise<DashboardRow> {
    return this.call('POST', apiRoutes.refreshCompany(id), dashboardRowSchema, {});
  }
  startRefreshJob(companyIds?: string[]): Promise<RefreshJob> {
    return this.call('POST', apiRoutes.refreshJobs, refreshJobSchema, companyIds ? { companyIds } : {});
  }
  refreshJob(id: string): Promise<RefreshJob> {
    return this.call('GET', apiRoutes.refreshJob(id), refreshJobSchema);
  }
  async clients(): Promise<Client[]> {
    return (await this.call('GET', apiRoutes.clients, clientListSchema)).clients;
  }
  createClient(input: ClientInput): Promise<ClientSaved> {
    return this.call('POST', apiRoutes.clients, clientSavedSchema, input);
  }
  updateClient(id: string, input: ClientInput): Promise<ClientSaved> {
    return this.call('PUT', apiRoutes.client(id), clientSavedSchema, input);
  }
  /** Keep one of a company shown under two clients: removes these rows from their clients (Refresh all leaves them out). */
  removeCompanies(companyIds: string[]): Promise<RemovedCompanies> {
    return this.call('POST', apiRoutes.removeCompanies, removedCompaniesSchema, { companyIds });
  }
  /** Shows a removed company under its client again. */
  restoreCompany(clientId: string, bcCompanyId: string): Promise<ClientSaved> {
    return this.call('POST', apiRoutes.restoreCompany(clientId), clientSavedSchema, { bcCompanyId });
  }
  deleteClient(id: string): Promise<void> {
    return this.call('DELETE', apiRoutes.client(id), null);
  }
  /** `clientId`: the client being edited (its own companies are not reported as already on the dashboard). */
  testClientUrl(url: string, bcAuthMode?: BcAuthModeValue, clientId?: string): Promise<ClientUrlTest> {
    return this.call('POST', apiRoutes.testClientUrl, clientUrlTestSchema, { url, ...(bcAuthMode ? { bcAuthMode } : {}), ...(clientId ? { clientId } : {}) });
  }
  /** Whether the hub's app may read this Client URL's tenant for the signed-in firm, and if not why. */
  appOnlyCheck(url: string): Promise<AppOnlyCheck> {
    return this.call('POST', apiRoutes.appOnlyCheck, appOnlyCheckSchema, { url });
  }
  reports(): Promise<ReportList> {
    return this.call('GET', reportRoutes.list, reportListSchema);
  }
  settings(): Promise<UserSettings> {
    return this.call('GET', settingsRoutes.settings, userSettingsSchema);
  }
  updateSettings(change: UserSettingsUpdate): Promise<UserSettings> {
    return this.call('PUT', settingsRoutes.settings, userSettingsSchema, change);
  }

  /** A signed, one-minute link to a workbook (one company, one report) or a zip; opened without the token. */
  reportLink(request: ReportLinkRequest, signal?: AbortSignal): Promise<ReportLink> {
    return this.call('POST', reportRoutes.links, reportLinkSchema, request, signal);
  }
  async views(): Promise<SavedView[]> {
    return (await (this.take<{ views: SavedView[] }>(apiRoutes.views) ?? this.call('GET', apiRoutes.views, savedViewListSchema))).views;
  }
  createView(input: SavedViewInput): Promise<SavedView> {
    return this.call('POST', apiRoutes.views, savedViewSchema, input);
  }
  updateView(id: string, input: SavedViewInput): Promise<SavedView> {
    return this.call('PUT', apiRoutes.view(id), savedViewSchema, input);
  }
  deleteView(id: string): Promise<void> {
    return this.call('DELETE', apiRoutes.view(id), null);
  }
}
