import { SourceError } from '../../ports/accounting-source';
import type { RawRow, ReportCompany, ReportReader } from '../../reports/report-reader';
import type { BcHttp } from './bc-http';
import type { BusinessCentralSource } from './connector';
import { anyRow, collection, companyInformationEntity, glSetupEntity } from './entities';
import type { BcTokenProvider } from './token-provider';


export interface BcReportReaderOptions {
  /** The connector, for its API root (same hosts, same sovereign-cloud mapping). */
  source: Pick<BusinessCentralSource, 'apiRoot'>;
  /** The connector's HTTP client: the same per-environment concurrency gates, retries and Retry-After handling. */
  http: BcHttp;
  tokens: BcTokenProvider;
  /** Rows per page asked of Business Central (`Prefer: odata.maxpagesize`); it may send fewer. */
  pageSize?: number;
  /** Safety stop for runaway paging. */
  maxPages?: number;
}

/**
 * Reads Business Central's report entities (trialBalances, balanceSheets, agedAccountsReceivables, ...) one page at a
 * time, following `@odata.nextLink` only back to the same API root. Numbers in formatted text (trial balance) are
 * asked for in en-US so they parse the same for every client's language.
 */
export class BcReportReader implements ReportReader {
  constructor(private readonly o: BcReportReaderOptions) {}

  /** Same key as the connector's, so report reads share the environment's concurrency limit with refreshes. */
  private gateKey(c: ReportCompany): string {
    return `${c.env.origin}|${c.env.tenant}|${c.env.environment}`.toLowerCase();
  }

  private async headers(c: ReportCompany): Promise<Record<string, string>> {
    const token = await this.o.tokens.token(c.env);
    return {
      authorization: `Bearer ${token}`, accept: 'application/json', 'accept-language': 'en-US', 'data-access-intent': 'ReadOnly',
      prefer: `odata.maxpagesize=${this.o.pageSize ?? 5000}`,
    };
  }

  private companyUrl(c: ReportCompany, path: string): string {
    return `${this.o.source.apiRoot(c.env)}/companies(${encodeURIComponent(c.bcCompanyId)})/${path}`;
  }

  /** General Ledger Setup's LCY code; Company Information's currency code (documented fallback) when that entity is unavailable. */
  async localCurrency(c: ReportCompany): Promise<string> {
    const get = async (path: string) => this.o.http.json(this.gateKey(c), this.companyUrl(c, path), { method: 'GET', headers: await this.headers(c) });
    let code: string | undefined;
    try {
      const parsed = collection(glSetupEntity).safeParse(await get('generalLedgerSetup?$select=localCurrencyCode'));
      code = parsed.success ? parsed.data.value[0]?.localCurrencyCode?.trim().toUpperCase() : undefined;
    } catch (err) {
      if (!(err instanceof SourceError && err.kind === 'unavailable')) throw err;
      const parsed = collection(companyInformationEntity).safeParse(await get('companyInformation?$select=currencyCode'));
      code = parsed.success ? parsed.data.value[0]?.currencyCode?.trim().toUpperCase() : undefined;
    }
    if (!code) throw new SourceError('bad_data', 'This company has no local currency set in General Ledger Setup.');
    return code;
  }

  async *pages(c: ReportCompany, entitySet: string, query: Record<string, string>): AsyncGenerator<RawRow[]> {
    const root = this.o.source.apiRoot(c.env);
    const qs = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    let url: string | undefined = this.companyUrl(c, `${entitySet}${qs ? `?${qs}` : ''}`);
    for (let page = 0; url; page += 1) {
      if (page >= (this.o.maxPages ?? 10_000)) throw new SourceError('bad_data', 'Business Central kept sending more pages; stopped.');
      // Asked per page: a long read may outlive a token, and the provider caches.
      const raw = await this.o.http.json(this.gateKey(c), url, { method: 'GET', headers: await this.headers(c) });
      const parsed = collection(anyRow).safeParse(raw);
      if (!parsed.success) throw new SourceError('bad_data', `Business Central returned unreadable ${entitySet} data.`);
      const link = parsed.data['@odata.nextLink'];
      url = link ? sameRoot(root, link) : undefined;
      yield parsed.data.value;
    }
  }
}

function sameRoot(root: string, link: string): string {
  let next: URL;
  try {
    next = new URL(link, root);
  } catch {
    throw new SourceError('bad_data', 'Business Central sent a paging link the hub cannot read.');
  }
  const expected = new URL(root);
  if (next.origin !== expected.origin || !next.pathname.startsWith(expected.pathname)) {
    throw new SourceError('bad_data', 'Business Central sent a paging link to another address; refused.');
  }
  return next.toString();
}
