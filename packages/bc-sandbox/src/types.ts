/** Public types of the sandbox: options, limits, faults, tenant specs (generated or explicit) and data. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** One API entity as served (JSON names exactly as Business Central v2.0). */
export type Row = Record<string, JsonValue>;

export interface SandboxLimits {
  maxConcurrentPerUser: number;
  maxQueuePerUser: number;
  windowRequests: number;
  windowMs: number;
  maxBatchOperations: number;
  maxPageSize: number;
}

/**
 * Business Central's per-user OData limits, held per user (token tid + oid/appid) across its environments. Business
 * Central documents 5 running and 95 queued; the sandbox is strict by default (no queue: the 6th request in flight
 * gets 429, as a strict server answers it), so a client that holds 5 works against both. `maxQueuePerUser: 95` gives
 * the documented queue.
 */
export const DEFAULT_LIMITS: SandboxLimits = {
  maxConcurrentPerUser: 5,
  maxQueuePerUser: 0,
  windowRequests: 6000,
  windowMs: 300_000,
  maxBatchOperations: 100,
  maxPageSize: 20_000,
};

export interface SandboxOptions {
  seed?: number;
  today?: string;
  tenants?: TenantSpec[];
  limits?: Partial<SandboxLimits>;
  verifyToken?: (token: string, tenantId: string) => boolean | Promise<boolean>;
}

export type Fault = {
  latencyMs?: number;
  status?: 401 | 403 | 404 | 429 | 500 | 503;
  times?: number;
  retryAfterSeconds?: number;
  /**
   * Answer 200 with a JSON body of `bytes` bytes (unset: endless), written as fast as the caller reads it: an
   * oversized answer from an allowed host. `declareLength` sends a matching Content-Length; otherwise chunked.
   * `chunkDelayMs` pauses after each 64 KB: an answer that trickles in and never ends.
   */
  hugeBody?: { bytes?: number; declareLength?: boolean; chunkDelayMs?: number };
};

export interface FaultControl {
  set(tenantId: string, environment: string, fault: Fault): void;
  clear(tenantId?: string, environment?: string): void;
}

/** 'space' serves "In Review"; 'x0020' serves "In_x0020_Review". Filters accept both. */
export type EnumEncoding = 'space' | 'x0020';

export interface TenantSpec {
  tenantId: string;
  clientName: string;
  /** e.g. 'contoso.co.uk'; informational. */
  domain?: string;
  enumEncoding?: EnumEncoding;
  environments: EnvironmentSpec[];
}

export interface EnvironmentSpec {
  name: string;
  type?: 'Production' | 'Sandbox';
  countryCode?: string;
  companies: CompanySpec[];
}

export type CompanySpec = GeneratedCompanySpec | ExplicitCompanySpec;

interface CompanySpecBase {
  /** Company GUID; default derived from tenant, environment and name. */
  id?: string;
  name: string;
  displayName?: string;
  /** Local currency (LCY). */
  currencyCode: string;
  countryCode?: string;
  /** Standard tax rate in percent; default 20 (GBP), 19 (EUR), 7.25 (USD). */
  taxRate?: number;
  /** VAT period; default 'quarter' (GBP/USD), 'month' (EUR). */
  taxPeriod?: 'month' | 'quarter';
  /**
   * Entity sets this company does not serve, answered 404 (BadRequest_NotFound) as Business Central answers an API page
   * that does not exist in its version, e.g. ['generalLedgerSetup'].
   */
  missingEntities?: string[];
  /** Entity sets the caller lacks permission to read, answered with Business Central's permission error. */
  deniedEntities?: string[];
}

export interface GeneratedCompanySpec extends CompanySpecBase {
  kind: 'generated';
  /** Mixed into the sandbox seed so each company differs. */
  seedOffset: number;
  customers?: number;
  vendors?: number;
  /** Approximate number of sales + purchase documents. */
  documents?: number;
  /** Foreign currencies some customers/vendors use; default two of GBP/EUR/USD other than LCY. */
  foreignCurrencies?: string[];
}

/** A date as ISO 'YYYY-MM-DD' or as days relative to the sandbox's today (0 today, -1 yesterday). */
export type DateInput = string | number;

export interface PartyFixture {
  number: string;
  name: string;
  /** Blank or omitted = local currency. */
  currencyCode?: string;
  city?: string;
  country?: string;
  email?: string;
  /** Default expense account number for purchases from this vendor (e.g. '6100'). */
  expenseAccount?: string;
}

export type DocumentStatus = 'Draft' | 'In Review' | 'Open' | 'Paid' | 'Canceled' | 'Corrective' | 'Sent' | 'Accepted' | 'Expired';

export interface DocumentFixture {
  number?: string;
  /** Customer or vendor number. */
  party: string;
  /** Document, invoice and posting date. */
  date: DateInput;
  dueDate?: DateInput;
  /** Amount excluding tax in the document currency. */
  amount: number;
  /** Percent; default the company's rate; 0 = no tax. */
  taxRate?: number;
  /** Default 'Open' (or 'Paid' when `paid` covers the total). */
  status?: DocumentStatus;
  /** Amount including tax already paid; a 'Paid' status with no `paid` means fully paid. */
  paid?: number;
  paidOn?: DateInput;
  /** Default: the party's currency. */
  currencyCode?: string;
  externalDocumentNumber?: string;
}

export interface ExplicitCompanySpec extends CompanySpecBase {
  kind: 'explicit';
  customers: PartyFixture[];
  vendors: PartyFixture[];
  salesInvoices?: DocumentFixture[];
  salesCreditMemos?: DocumentFixture[];
  purchaseInvoices?: DocumentFixture[];
  purchaseCreditMemos?: DocumentFixture[];
  salesOrders?: DocumentFixture[];
  salesQuotes?: DocumentFixture[];
  /** Opening balance of the main bank account, posted against equity; default 0. */
  openingCash?: number;
  /** Renamed chart accounts (number → name), e.g. `{ '1110': 'Main Bank' }`. */
  accountNames?: Record<string, string>;
}

export interface CompanyInfo {
  id: string;
  name: string;
  currencyCode: string;
}

export interface TenantInfo {
  tenantId: string;
  clientName: string;
  environments: { name: string; type: 'Production' | 'Sandbox'; companies: CompanyInfo[] }[];
}

/** Everything one company serves (rows exactly as the API returns them, before $select). */
export interface CompanyData {
  tenantId: string;
  environment: string;
  today: string;
  lcy: string;
  company: Row;
  companyInformation: Row;
  generalLedgerSetup: Row;
  customers: Row[];
  vendors: Row[];
  salesInvoices: Row[];
  salesInvoiceLines: Row[];
  salesCreditMemos: Row[];
  salesCreditMemoLines: Row[];
  purchaseInvoices: Row[];
  purchaseInvoiceLines: Row[];
  purchaseCreditMemos: Row[];
  purchaseCreditMemoLines: Row[];
  salesOrders: Row[];
  salesOrderLines: Row[];
  salesQuotes: Row[];
  salesQuoteLines: Row[];
  bankAccounts: Row[];
  accounts: Row[];
  generalLedgerEntries: Row[];
  currencies: Row[];
  currencyExchangeRates: Row[];
  taxGroups: Row[];
  taxAreas: Row[];
  /** Posted receivables/payables with their payments, for aged reports and assertions. */
  openItems: OpenItem[];
}

export interface OpenItem {
  side: 'receivable' | 'payable';
  partyNumber: string;
  documentNumber: string;
  postingDate: string;
  dueDate: string;
  currencyCode: string;
  /** Signed in LCY cents: invoices positive, credit memos negative. */
  amountLcyCents: number;
  payments: { date: string; lcyCents: number }[];
}
