/**
 * Which of a client's Business Central companies the hub may show. A client can name the companies it shares (an
 * invitation's "Companies to share"); the hub then adds only those, however the names were typed.
 */

/** A company as Business Central lists it: the name the hub shows and, when its display name differs, its own name. */
export interface ListedCompany {
  bcCompanyId: string;
  name: string;
  bcName?: string | undefined;
}

/** The client's choice: names as the client typed them; null = every company of the environment. */
export type SharedCompanyNames = readonly string[] | null;

/** Case and whitespace do not matter: " contoso  LTD" is "Contoso Ltd". */
export function companyNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

export interface SharedMatch<T> {
  /** The companies to keep, in Business Central's order. */
  companies: T[];
  /** Shared names that match no listed company (each once, as first typed). */
  notFound: string[];
}

/**
 * Keeps the companies whose name (or own name behind a display name) is one of `shared`, plus those already on the hub
 * (`knownIds`), so a company the client shared stays when it is renamed in Business Central.
 */
export function matchSharedCompanies<T extends ListedCompany>(listed: readonly T[], shared: SharedCompanyNames, knownIds: Iterable<string> = []): SharedMatch<T> {
  if (shared === null) return { companies: [...listed], notFound: [] };
  const known = new Set(knownIds);
  const keysOf = (c: ListedCompany) => [c.name, ...(c.bcName ? [c.bcName] : [])].map(companyNameKey);
  const listedKeys = new Set(listed.flatMap(keysOf));
  const wanted = new Set(shared.map(companyNameKey));
  const notFound = new Map<string, string>();
  for (const name of shared) {
    const key = companyNameKey(name);
    if (key && !listedKeys.has(key) && !notFound.has(key)) notFound.set(key, name.trim());
  }
  return { companies: listed.filter((c) => known.has(c.bcCompanyId) || keysOf(c).some((k) => wanted.has(k))), notFound: [...notFound.values()] };
}

/** What discovery needs to know of a client: what it shares, what the hub has, what the accountant removed. */
export interface DiscoveringClient {
  sharedCompanies?: SharedCompanyNames | undefined;
  companies: readonly { bcCompanyId: string }[];
  /** Companies the accountant removed from this client (kept under another): never added back. */
  removedCompanies?: readonly { bcCompanyId: string }[] | undefined;
}

/** Discovery's filter: the listed companies this client shares (every one when it named none), less those removed from it. */
export function sharedCompaniesOf<T extends ListedCompany>(client: DiscoveringClient, listed: readonly T[]): T[] {
  return withoutRemoved(client, matchSharedCompanies(listed, client.sharedCompanies ?? null, client.companies.map((c) => c.bcCompanyId)).companies);
}

/** Leaves out the companies the accountant removed from the client. */
export function withoutRemoved<T extends { bcCompanyId: string }>(client: Pick<DiscoveringClient, 'removedCompanies'>, companies: readonly T[]): T[] {
  const removed = new Set((client.removedCompanies ?? []).map((c) => c.bcCompanyId.toLowerCase()));
  return companies.filter((c) => !removed.has(c.bcCompanyId.toLowerCase()));
}
