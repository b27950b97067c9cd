import { randomUUID } from 'node:crypto';

export interface Who {
  tenantId: string;
  aadObjectId: string;
  name: string;
  conversationId: string;
}

/** A Teams activity as the Bot Connector posts it to /api/messages (personal chat). */
export function activity(who: Who, serviceUrl: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(), channelId: 'msteams', serviceUrl, timestamp: new Date().toISOString(), locale: 'en-GB',
    from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:bot-id', name: 'Accountant Hub' },
    conversation: { id: who.conversationId, conversationType: 'personal', tenantId: who.tenantId },
    channelData: { tenant: { id: who.tenantId } },
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
    ...extra,
  };
}

export const message = (who: Who, serviceUrl: string, text: string) => activity(who, serviceUrl, { type: 'message', text });

export const execute = (who: Who, serviceUrl: string, verb: string, data: unknown) =>
  activity(who, serviceUrl, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });

export async function post(baseUrl: string, body: unknown, authorization?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
