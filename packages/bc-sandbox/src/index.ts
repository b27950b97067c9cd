/** @hub/bc-sandbox: a local Business Central API v2.0 server with demo tenants and fault injection. */
export { createSandbox, type Sandbox } from './sandbox';
export { demoTenants, generatedTenants, DEMO_TENANT_IDS } from './data/tenants';
export { DEFAULT_LIMITS } from './types';
export type {
  SandboxOptions, SandboxLimits, FaultControl, Fault, TenantSpec, EnvironmentSpec, CompanySpec, GeneratedCompanySpec,
  ExplicitCompanySpec, PartyFixture, DocumentFixture, DocumentStatus, DateInput, EnumEncoding, TenantInfo, CompanyInfo,
  CompanyData, OpenItem, Row, JsonValue,
} from './types';
export type { Stats as SandboxStats } from './http/server';
