/** The tenants a sandbox serves, with lazily built, cached company data. */
import type { CompanyData, CompanySpec, EnumEncoding, EnvironmentSpec, Row, TenantInfo, TenantSpec } from './types';
import { type CompanyBook, buildCompany } from './data/build';
import { explicitModel } from './data/fixtures';
import { generatedModel } from './data/generate';
import { rowContext } from './data/row-context';
import { companyRow } from './data/rows-misc';
import { guidFrom } from './util/prng';

export interface CompanyEntry {
  id: string;
  name: string;
  displayName: string;
  spec: CompanySpec;
}

export interface EnvEntry {
  tenant: TenantSpec;
  env: EnvironmentSpec;
  encoding: EnumEncoding;
  companies: CompanyEntry[];
  companyRows: Row[];
}

export class Registry {
  readonly info: TenantInfo[];
  private readonly envs = new Map<string, EnvEntry>();
  private readonly books = new Map<string, CompanyBook>();

  constructor(private readonly tenants: TenantSpec[], private readonly seed: number, readonly today: string) {
    this.info = tenants.map((t) => ({
      tenantId: t.tenantId, clientName: t.clientName,
      environments: t.environments.map((env) => {
        const companies = env.companies.map((c) => ({
          id: (c.id ?? guidFrom(`${t.tenantId}|${env.name}|${c.name}`)).toLowerCase(), name: c.name, displayName: c.displayName ?? c.name, spec: c,
        }));
        const key = `${t.tenantId.toLowerCase()}|${env.name.toLowerCase()}`;
        if (this.envs.has(key)) throw new Error(`Duplicate environment '${env.name}' in tenant ${t.tenantId}`);
        const ctx = rowContext(key, c0Currency(env), today);
        this.envs.set(key, { tenant: t, env, encoding: t.enumEncoding ?? 'space', companies,
          companyRows: companies.map((c) => companyRow(ctx, c.id, c.name, c.displayName)) });
        return { name: env.name, type: env.type ?? 'Production', companies: companies.map((c) => ({ id: c.id, name: c.name, currencyCode: c.spec.currencyCode })) };
      }),
    }));
  }

  /** Tenant by id or domain, environment by name; both case-insensitive. */
  find(tenant: string, environment: string): EnvEntry | undefined {
    const t = this.tenants.find((x) => x.tenantId.toLowerCase() === tenant.toLowerCase() || x.domain?.toLowerCase() === tenant.toLowerCase());
    return t ? this.envs.get(`${t.tenantId.toLowerCase()}|${environment.toLowerCase()}`) : undefined;
  }

  tenant(tenant: string): TenantSpec | undefined {
    return this.tenants.find((x) => x.tenantId.toLowerCase() === tenant.toLowerCase() || x.domain?.toLowerCase() === tenant.toLowerCase());
  }

  book(entry: EnvEntry, companyId: string): CompanyBook {
    const company = entry.companies.find((c) => c.id === companyId.toLowerCase());
    if (!company) throw new Error(`Unknown company ${companyId} in ${entry.tenant.tenantId}/${entry.env.name}`);
    const key = `${entry.tenant.tenantId.toLowerCase()}|${entry.env.name.toLowerCase()}|${company.id}`;
    let book = this.books.get(key);
    if (!book) {
      const spec = company.spec;
      const model = spec.kind === 'explicit' ? explicitModel(spec, this.today) : generatedModel(spec, this.seed, key, this.today);
      book = buildCompany({ tenantId: entry.tenant.tenantId, environment: entry.env.name, id: company.id, name: company.name,
        displayName: company.displayName, encoding: entry.encoding, ...(spec.missingEntities ? { missingEntities: spec.missingEntities } : {}),
        ...(spec.deniedEntities ? { deniedEntities: spec.deniedEntities } : {}) }, model);
      this.books.set(key, book);
    }
    return book;
  }

  data(tenantId: string, environment: string, companyId: string): CompanyData {
    const entry = this.find(tenantId, environment);
    if (!entry) throw new Error(`Unknown tenant/environment ${tenantId}/${environment}`);
    return this.book(entry, companyId).data;
  }
}

function c0Currency(env: EnvironmentSpec): string {
  return env.companies[0]?.currencyCode ?? 'GBP';
}
