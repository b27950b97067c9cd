import type { Principal } from '@hub/client-data';
import type { Activity } from 'botbuilder';

/** The tenant the Microsoft 365 Agents Playground puts its mock users in (its default config). */
export const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';

export interface DevPrincipals {
  principalFor(name: string): Principal;
}

/**
 * The Teams user behind an activity, as the same (tenant, object id) the tab signs in with. In the
 * local demo only (dev identity on), the Playground's mock users stand in for the demo accountant
 * whose clients are seeded. Null when the activity carries no Entra identity.
 */
export function principalOf(activity: Partial<Activity>, dev: DevPrincipals | null): Principal | null {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = activity.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : undefined);
  if (dev && tenantId === PLAYGROUND_TENANT) return dev.principalFor('Demo Accountant');
  const objectId = activity.from?.aadObjectId;
  if (!tenantId || !objectId) return null;
  return { tenantId, objectId, name: activity.from?.name ?? null };
}

/** Locale and IANA time zone the Teams client reports (clientInfo entity), when present. */
export function clientInfo(activity: Partial<Activity>): { locale?: string; timeZone?: string } {
  const info = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as { locale?: unknown; timezone?: unknown } | undefined;
  const locale = activity.locale ?? (typeof info?.locale === 'string' ? info.locale : undefined);
  return {
    ...(locale ? { locale } : {}),
    ...(typeof info?.timezone === 'string' ? { timeZone: info.timezone } : {}),
  };
}
