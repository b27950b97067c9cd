/**
 * App-only reading of a client's Business Central (the hub's own app, client credentials) sees whatever the client's
 * administrator granted that app, for every firm using the hub. So a firm may use it only for a client tenant the
 * hub's administrator has paired with that firm (APP_ONLY_TENANTS `firmTenant:clientTenant`), after the client agreed
 * to it. Everything else is read as the signed-in accountant (delegated), with their own Business Central permissions.
 */
export class AppOnlyGrants {
  private readonly byFirm = new Map<string, Set<string>>();

  /** `pairs`: `firmTenant:clientTenant` entries; tenants are compared case-insensitively, as Business Central URLs name them. */
  constructor(pairs: readonly string[]) {
    for (const pair of pairs) {
      const [firm, client] = pair.split(':').map((s) => s.trim().toLowerCase());
      if (!firm || !client) continue;
      const set = this.byFirm.get(firm) ?? new Set<string>();
      set.add(client);
      this.byFirm.set(firm, set);
    }
  }

  allows(firmTenant: string, clientTenant: string): boolean {
    return this.byFirm.get(firmTenant.toLowerCase())?.has(clientTenant.toLowerCase()) ?? false;
  }
}

/** Why the hub's app may not read this tenant, and what the accountant can do instead. */
export function appOnlyRefusal(clientTenant: string): string {
  return `The hub's app may read a client's Business Central only for tenants your firm's administrator has allowed for your firm, ` +
    `and tenant ${clientTenant} is not one of them. Sign in as yourself (the client invites you as an external accountant), ` +
    `or ask the administrator to allow this tenant once the client has agreed.`;
}
