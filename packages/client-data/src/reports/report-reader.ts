import type { BcEnvironmentRef } from '../domain/client-url';

/** One company whose reports are read. */
export interface ReportCompany {
  env: BcEnvironmentRef;
  bcCompanyId: string;
  name: string;
}

export type RawRow = Record<string, unknown>;

/** Reads Business Central's report entities page by page (the port; the connector side implements it). */
export interface ReportReader {
  /** The company's local currency (General Ledger Setup), the currency of every G/L and aged amount. */
  localCurrency(company: ReportCompany): Promise<string>;
  /** Pages of one entity set in server order, following `@odata.nextLink`; query values are not URL-encoded yet. */
  pages(company: ReportCompany, entitySet: string, query: Record<string, string>): AsyncIterable<RawRow[]>;
}
