import type { BcEnvironmentRef } from '../../domain/client-url';
import type { CompanyData } from '../../domain/documents';
import type { AccountingSource, RemoteCompany } from '../../ports/accounting-source';
import { SourceError } from '../../ports/accounting-source';
import type { TaxPeriod } from '../../domain/tax-calendar';
import { classifyStatus, type BcHttp } from './bc-http';
import { collection, companyEntity, uncheckedRow } from './entities';
import { toCompanyData, type EntityRows } from './mapping';
import { companyQueries } from './queries';
import { BatchScheduler, type BatchOp } from './scheduler';
import type { BcTokenProvider } from './token-provider';


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

  async readCompany(env: BcEnvironmentRef, company: RemoteCompany, opts: { today: string; taxPeriod: TaxPeriod | null }): Promise<CompanyData> {
    const root = this.apiRoot(env);
    const token = await this.o.tokens.token(env);
    const queries = companyQueries(opts.taxPeriod);
    const rows: EntityRows = {};
    let pending: BatchOp[] = queries.map((qy) => ({ id: qy.key, url: `companies(${company.bcCompanyId})/${qy.path}` }));
    const gateKey = this.gateKey(env);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= (this.o.maxPages ?? 1000)) throw new SourceError('bad_data', 'Business Central kept sending more pages; stopped.');
      // Every entity set (and later every next page) is queued at once; the scheduler packs them, with other
      // companies' operations of the same environment, into as few `$batch` requests as the free slots allow.
      const results = await Promise.all(pending.map(async (op) => ({ op, res: await this.scheduler.get(gateKey, root, token, op.url, op.id) })));
      const next: BatchOp[] = [];
      for (const { op, res } of results) {
        const optional = queries.find((qy) => qy.key === op.id)?.optional ?? false;
        if (res.status === 404 && optional) continue;
        if (res.status < 200 || res.status >= 300) throw classifyStatus(res.status, res.body as { error?: { message?: string } });
        const page = collection(uncheckedRow).safeParse(res.body);
        if (!page.success) throw new SourceError('bad_data', `Business Central returned unreadable ${op.id} data.`);
        (rows[op.id] ??= []).push(...page.data.value);
        const link = page.data['@odata.nextLink'];
        if (link) next.push({ id: op.id, url: this.checkNextLink(root, link) });
      }
      pending = next;
    }
    return toCompanyData(company, rows);
  }
}
