import type { CompanyDuplicate, SameCompanyMatch, SameCompanyWarning } from '@hub/contracts';

/**
 * Recognising one Business Central company reached through two clients. A company is (host, tenant, environment,
 * company id). The host, environment name (Business Central treats it case-insensitively) and company id (a GUID) are
 * compared without case. The tenant is harder: a Client URL may name it by GUID or by any of its domain names, and only
 * Microsoft Entra knows which domains belong to which GUID. So:
 * - the same tenant text (without case) is the same tenant: 'exact';
 * - two different GUIDs are two tenants: never the same company;
 * - a GUID and a domain name, or two domain names, cannot be told apart here: 'likely' the same company when host,
 *   environment and company id agree, because Business Central company ids are random GUIDs that only a copy of the
 *   environment shares, and copies stay in their tenant under another environment name.
 */
export interface CompanyLocation {
  bcOrigin: string;
  bcTenant: string;
  bcEnvironment: string;
  bcCompanyId: string;
}

/** A company row with what decides which of several rows of one company counts: the client added first. */
export interface RankedCompany extends CompanyLocation {
  companyId: string;
  clientId: string;
  /** ISO timestamp of when the client was added. */
  clientCreatedAt: string;
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const isGuid = (s: string) => GUID.test(s);
const norm = (s: string) => s.trim().toLowerCase().replace(/^\{(.*)\}$/, '$1').replace(/\/+$/, '');

/** Host, environment and company id: companies that differ here are never the same. */
const placeKey = (c: CompanyLocation) => `${norm(c.bcOrigin)}|${norm(c.bcEnvironment)}|${norm(c.bcCompanyId)}`;

/** Whether two companies are one Business Central company, and how sure the hub can be (see above); null when not. */
export function sameCompanyMatch(a: CompanyLocation, b: CompanyLocation): SameCompanyMatch | null {
  if (placeKey(a) !== placeKey(b)) return null;
  const ta = norm(a.bcTenant);
  const tb = norm(b.bcTenant);
  if (ta === tb) return 'exact';
  return isGuid(ta) && isGuid(tb) ? null : 'likely';
}

/** Whether two Client URLs name one environment (the tenant as above: the same text, or not two different GUIDs). */
export function sameEnvironment(a: Omit<CompanyLocation, 'bcCompanyId'>, b: Omit<CompanyLocation, 'bcCompanyId'>): boolean {
  return sameCompanyMatch({ ...a, bcCompanyId: '' }, { ...b, bcCompanyId: '' }) !== null;
}

/** Which row of a company counts: the client added first, then the smaller ids (stable across calls and instances). */
export function countedFirst(a: RankedCompany, b: RankedCompany): number {
  return a.clientCreatedAt.localeCompare(b.clientCreatedAt) || a.clientId.localeCompare(b.clientId) || a.companyId.localeCompare(b.companyId);
}

export interface SameCompanyGroup<T> {
  /** The row that counts (first by countedFirst). */
  counted: T;
  /** Every row of the company, the counted one first. */
  rows: T[];
  match: SameCompanyMatch;
}

/**
 * Groups rows showing the same company (only groups of two or more). Rows naming the tenant by domain join the one GUID
 * spelling of their place; when two different GUIDs share a place (an environment moved between tenants), domain rows
 * stay with their own domain, since the hub cannot tell which tenant they mean.
 */
export function groupSameCompanies<T extends RankedCompany>(rows: readonly T[]): SameCompanyGroup<T>[] {
  const places = new Map<string, T[]>();
  for (const r of rows) {
    const key = placeKey(r);
    const list = places.get(key);
    if (list) list.push(r);
    else places.set(key, [r]);
  }
  const groups: SameCompanyGroup<T>[] = [];
  for (const list of places.values()) {
    if (list.length < 2) continue;
    const byTenant = new Map<string, T[]>();
    for (const r of list) byTenant.set(norm(r.bcTenant), [...(byTenant.get(norm(r.bcTenant)) ?? []), r]);
    const guids = [...byTenant.keys()].filter(isGuid);
    const domains = [...byTenant.keys()].filter((t) => !isGuid(t));
    const sets: T[][] = [];
    if (guids.length <= 1) sets.push(list);
    else {
      for (const t of guids) sets.push(byTenant.get(t) as T[]);
      for (const t of domains) sets.push(byTenant.get(t) as T[]);
    }
    for (const set of sets) {
      if (set.length < 2) continue;
      const sorted = [...set].sort(countedFirst);
      const exact = new Set(sorted.map((r) => norm(r.bcTenant))).size === 1;
      groups.push({ counted: sorted[0] as T, rows: sorted, match: exact ? 'exact' : 'likely' });
    }
  }
  return groups;
}

/** Of `rows`, the ones that count: every row but the non-counted rows of a company shown more than once. */
export function onePerCompany<T extends RankedCompany>(rows: readonly T[]): T[] {
  const skipped = new Set(groupSameCompanies(rows).flatMap((g) => g.rows.slice(1).map((r) => r.companyId)));
  return rows.filter((r) => !skipped.has(r.companyId));
}

/** A client as the hub lists it, with where its Business Central is. */
export interface LocatedClient {
  id: string;
  createdAt: string;
  bcOrigin: string;
  bcTenant: string;
  bcEnvironment: string;
  companies: readonly { id: string; bcCompanyId: string }[];
}

/** Ids of the company rows that do not count (the same company counts under another client's row). */
export function notCountedCompanies(clients: readonly LocatedClient[]): Set<string> {
  const rows = clients.flatMap((c) => c.companies.map((co) => ({
    companyId: co.id, clientId: c.id, clientCreatedAt: c.createdAt, bcOrigin: c.bcOrigin, bcTenant: c.bcTenant, bcEnvironment: c.bcEnvironment, bcCompanyId: co.bcCompanyId,
  })));
  return new Set(groupSameCompanies(rows).flatMap((g) => g.rows.slice(1).map((r) => r.companyId)));
}

/** A company about to be added (or found by Test Client URL), and a row already on the dashboard. */
export interface CandidateCompany extends CompanyLocation { name: string; companyId?: string }
export interface ExistingCompany extends CompanyLocation { companyId: string; companyName: string; clientId: string; clientName: string }

export interface Duplicate {
  candidate: CandidateCompany;
  existing: ExistingCompany;
  match: SameCompanyMatch;
}

/** Every (candidate, existing row) pair that is one company; candidates in their order, then existing rows in theirs. */
export function findDuplicates(candidates: readonly CandidateCompany[], existing: readonly ExistingCompany[]): Duplicate[] {
  const out: Duplicate[] = [];
  for (const candidate of candidates) {
    for (const e of existing) {
      const match = sameCompanyMatch(candidate, e);
      if (match) out.push({ candidate, existing: e, match });
    }
  }
  return out;
}

const listed = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** The structured warning for duplicates found (null when none): each pair, and a sentence saying what it means. */
export function sameCompanyWarning(dups: readonly Duplicate[]): SameCompanyWarning | null {
  if (dups.length === 0) return null;
  const duplicates: CompanyDuplicate[] = dups.map((d) => ({
    bcCompanyId: d.candidate.bcCompanyId, companyName: d.candidate.name, ...(d.candidate.companyId ? { companyId: d.candidate.companyId } : {}),
    existing: { clientId: d.existing.clientId, clientName: d.existing.clientName, companyId: d.existing.companyId, companyName: d.existing.companyName },
    match: d.match,
  }));
  const byCompany = new Map<string, string[]>();
  for (const d of dups) byCompany.set(d.candidate.name, [...(byCompany.get(d.candidate.name) ?? []), `“${d.existing.clientName}”`]);
  const parts = [...byCompany].map(([name, clients]) => `${name} (under ${listed(clients)})`);
  const head = parts.length === 1 ? `${parts[0]} is already on your dashboard` : `${parts.length} companies are already on your dashboard: ${listed(parts)}`;
  const likely = dups.filter((d) => d.match === 'likely');
  const tenants = [...new Set(likely.flatMap((d) => [d.candidate.bcTenant, d.existing.bcTenant]))];
  const why = likely.length === 0
    ? 'the same Business Central tenant, environment and company'
    : `the same environment and company id; the Client URLs name the tenant differently (${listed(tenants)}), which the hub takes for one tenant`;
  return {
    code: 'same_company', duplicates,
    message: `${head}: ${why}. ${parts.length === 1 ? 'It is' : 'Each is'} counted once in totals, summaries and alerts. Keep both, or keep ${parts.length === 1 ? 'it' : 'each'} under one client.`,
  };
}
