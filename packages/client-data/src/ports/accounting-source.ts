import type { TaxPeriod } from '../domain/tax-calendar';
import type { BcEnvironmentRef } from '../domain/client-url';
import type { CompanyData } from '../domain/documents';
import type { MissingEntity, RefreshErrorKind } from '@hub/contracts';

export interface RemoteCompany {
  bcCompanyId: string;
  /** The display name (what people see in Business Central), else the company's name. */
  name: string;
  /** The company's own name, when its display name differs (a client may name either when sharing). */
  bcName?: string;
}

/** What one company does not give the hub of what it reads (empty: everything is readable). */
export interface CompanyAccess {
  bcCompanyId: string;
  missing: MissingEntity[];
}

/** What the hub reads from a client's accounting system (Business Central); adapters implement it. */
export interface AccountingSource {
  listCompanies(env: BcEnvironmentRef): Promise<RemoteCompany[]>;
  /** Everything the KPIs need of one company; `taxPeriod` bounds the documents read for the tax estimate. */
  readCompany(env: BcEnvironmentRef, company: RemoteCompany, opts: { today: string; taxPeriod: TaxPeriod | null }): Promise<CompanyData>;
  /** Checks that every entity the hub reads is readable in each company (Test Client URL). */
  checkAccess(env: BcEnvironmentRef, companies: readonly RemoteCompany[]): Promise<CompanyAccess[]>;
}

/** A failure reading a client's data, classified so the dashboard can say what happened. */
export class SourceError extends Error {
  constructor(
    readonly kind: RefreshErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
