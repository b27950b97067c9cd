import type { MissingEntity } from '@hub/contracts';
import type { BcEnvironmentRef } from '../../domain/client-url';
import type { CompanyData } from '../../domain/documents';
import type { AccountingSource, CompanyAccess, RemoteCompany } from '../../ports/accounting-source';
import { SourceError } from '../../ports/accounting-source';
import type { TaxPeriod } from '../../domain/tax-calendar';
import { describeProblem, entityProblem } from './bc-errors';
import { classifyStatus, type BcHttp } from './bc-http';
import { collection, companyEntity, uncheckedRow } from './entities';
import { toCompanyData, type EntityRows } from './mapping';
import { neededEntities } from './needs';
import { companyQueries, CURRENCY_FALLBACK, type EntityQuery } from './queries';
import { batchAnswers, BatchScheduler, type BatchOp, type BatchResult } from './scheduler';
import type { BcTokenProvider } from './token-provider';

type ErrorBody = { error?: { code?: string; message?: string } };

/** An entity the company does not give the hub, and why; undefined for any other failure. */
function unavailableReason(entity: string, res: BatchResult): { kind: 'missing' | 'denied'; reason: string } | undefined {
  const problem = entityProblem(res.status, res.body as ErrorBody | undefined);
  return problem ? { kind: problem.kind, reason: describeProblem(problem, entity, res.status) } : undefined;
}

export interface BusinessCentralSourceOptions {
  /** API host for Business Central online (configurable for sovereign clouds). */
  apiBaseUrl: string;
  /** Web client origin that means "Business Central online" in client URLs. */
  cloudWebOrigin: string;
  tokens: BcTokenProvider;
  http: BcHttp;
  /** Operations per `$batch`; default the HTTP client's limit (Business Central: 100). */
  maxBatchOperations?: number;
  /** Safety stop for runaway paging. */
  maxPages?: number;
}

/** Reads clients' companies through the Business Central API v2.0. */
export class BusinessCentralSource implements AccountingSource {
  /** Packs the GETs of all companies being read in one environment into shared `$batch` requests. */
  readonly scheduler: BatchScheduler;
  constructor(private readonly o: BusinessCentralSourceOptions) {
    this.scheduler = new BatchScheduler(o.http, o.maxBatchOperations ? { maxBatchOperations: o.maxBatchOperations } : {});
  }

  apiRoot(env: BcEnvironmentRef): string {
    const base = env.origin === this.o.cloudWebOrigin ? this.o.apiBaseUrl : env.origin;
    return `${base.replace(/\/$/, '')}/v2.0/${encodeURIComponent(env.tenant)}/${encodeURIComponent(env.environment)}/api/v2.0`;
  }

  private gateKey(env: BcEnvironmentRef): string {
    return `${env.origin}|${env.tenant}|${env.environment}`.toLowerCase();
  }

  /** Only follow nextLinks back to the same API root: a server must not steer the hub elsewhere. */
  private checkNextLink(root: string, link: string): string {
    const next = new URL(link);
    const expected = new URL(root);
    if (next.origin !== expected.origin || !next.pathname.startsWith(expected.pathname)) {
      throw new SourceError('bad_data', 'Business Central sent a paging link to another address; refused.');
    }
    return next.toString();
  }

  /**
   * The environment's companies. Asked through the batch scheduler like every read, so during "Refresh all" the
   * list rides in the same `$batch` requests as the companies' reads instead of taking a request slot of its own.
   */
  async listCompanies(env: BcEnvironmentRef): Promise<RemoteCompany[]> {
    const root = this.apiRoot(env);
    const token = await this.o.tokens.token(env);
    const gateKey = this.gateKey(env);
    const companies: RemoteCompany[] = [];
    let url: string | undefined = 'companies?$select=id,name,displayName';
    for (let page = 0; url && page < (this.o.maxPages ?? 1000); page += 1) {
      const res = await this.scheduler.get(gateKey, root, token, url, 'companies');
      if (res.status < 200 || res.status >= 300) throw classifyStatus(res.status, res.body as { error?: { message?: string } });
      const parsed = collection(companyEntity).safeParse(res.body);
      if (!parsed.success) throw new SourceError('bad_data', 'Business Central returned a company list the hub cannot read.');
      companies.push(...parsed.data.value.map((c) => ({ bcCompanyId: c.id, name: c.displayName || c.name, ...(c.displayName && c.displayName !== c.name ? { bcName: c.name } : {}) })));
      url = parsed.data['@odata.nextLink'] ? this.checkNextLink(root, parsed.data['@odata.nextLink']) : undefined;
    }
    return companies;
  }

  /**
   * Reads what the KPIs need. An entity this company does not give the hub (missing in its version, or not
   * permitted) leaves only what is made of it unavailable, with the reason; the local currency falls back to
   * companyInformation (documented) when generalLedgerSetup is missing. Any other failure fails the company, and so
   * does a company for which every entity answered "missing" (then it is the company that is gone).
   */
  async readCompany(env: BcEnvironmentRef, company: RemoteCompany, opts: { today: string; taxPeriod: TaxPeriod | null }): Promise<CompanyData> {
    const root = this.apiRoot(env);
    const token = await this.o.tokens.token(env);
    const queries = companyQueries(opts.taxPeriod);
    const byKey = new Map<string, EntityQuery>([...queries, CURRENCY_FALLBACK].map((qy) => [qy.key, qy]));
    const rows: EntityRows = {};
    const unavailable = new Map<string, string>();
    const opOf = (qy: EntityQuery): BatchOp => ({ id: qy.key, url: `companies(${company.bcCompanyId})/${qy.path}` });
    let pending: BatchOp[] = queries.map(opOf);
    const gateKey = this.gateKey(env);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= (this.o.maxPages ?? 1000)) throw new SourceError('bad_data', 'Business Central kept sending more pages; stopped.');
      // Every entity set (and later every next page) is queued at once; the scheduler packs them, with other
      // companies' operations of the same environment, into as few `$batch` requests as the free slots allow.
      const results = await Promise.all(pending.map(async (op) => ({ op, res: await this.scheduler.get(gateKey, root, token, op.url, op.id) })));
      const next: BatchOp[] = [];
      let missing = 0;
      for (const { op, res } of results) {
        if (res.status < 200 || res.status >= 300) {
          const qy = byKey.get(op.id);
          const why = qy && !rows[op.id] ? unavailableReason(qy.entity, res) : undefined;
          if (!why) throw classifyStatus(res.status, res.body as ErrorBody);
          if (why.kind === 'missing') missing += 1;
          unavailable.set(op.id, why.reason);
          if (op.id === 'glSetup') next.push(opOf(CURRENCY_FALLBACK));
          continue;
        }
        const page = collection(uncheckedRow).safeParse(res.body);
        if (!page.success) throw new SourceError('bad_data', `Business Central returned unreadable ${op.id} data.`);
        (rows[op.id] ??= []).push(...page.data.value);
        const link = page.data['@odata.nextLink'];
        if (link) next.push({ id: op.id, url: this.checkNextLink(root, link) });
      }
      if (round === 0 && missing === results.length) {
        throw new SourceError('not_found', `Business Central answered that none of this company's data exists (404): the company ${company.name} may have been deleted or renamed.`, 404);
      }
      pending = next;
    }
    return toCompanyData(company, rows, new Map([...unavailable].map(([key, reason]) => [key, { part: byKey.get(key)?.part ?? 'currency', reason }])));
  }

  /**
   * Which entities the hub needs each company does not give it (missing in this version, or not permitted): one
   * `$top=1` GET per entity and company, sent in as few `$batch` requests as the batch limit allows (one for up to
   * six companies). Test Client URL lists the answer so the client can fix permissions before the first refresh.
   */
  async checkAccess(env: BcEnvironmentRef, companies: readonly RemoteCompany[]): Promise<CompanyAccess[]> {
    const root = this.apiRoot(env);
    const token = await this.o.tokens.token(env);
    const needs = neededEntities();
    const ops = companies.flatMap((c, ci) => needs.map((n, ni) => ({ id: `${ci}-${ni}`, company: ci, need: n, url: `companies(${c.bcCompanyId})/${n.entity}?$top=1` })));
    const answers = new Map<string, BatchResult>();
    const max = Math.min(this.o.http.limits.maxBatchOperations, this.o.maxBatchOperations ?? Infinity);
    for (let i = 0; i < ops.length; i += max) {
      const chunk = ops.slice(i, i + max);
      const raw = await this.o.http.json(this.gateKey(env), `${root}/$batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'data-access-intent': 'ReadOnly' },
        body: JSON.stringify({ requests: chunk.map((o) => ({ id: o.id, method: 'GET', url: o.url, headers: { accept: 'application/json' } })) }),
      }, chunk.length);
      const parsed = batchAnswers.safeParse(raw);
      if (!parsed.success) throw new SourceError('bad_data', 'Business Central sent a $batch response the hub cannot read.');
      for (const r of parsed.data.responses) answers.set(r.id, { status: r.status, body: r.body });
    }
    return companies.map((c, ci) => ({
      bcCompanyId: c.bcCompanyId,
      missing: ops.filter((o) => o.company === ci).flatMap((o): MissingEntity[] => {
        const res = answers.get(o.id);
        if (!res) return [{ entity: o.need.entity, reason: 'Business Central sent no answer for it.', neededFor: o.need.neededFor }];
        if (res.status >= 200 && res.status < 300) return [];
        const reason = unavailableReason(o.need.entity, res)?.reason ?? classifyStatus(res.status, res.body as ErrorBody).message;
        return [{ entity: o.need.entity, reason, neededFor: o.need.neededFor }];
      }),
    }));
  }
}
