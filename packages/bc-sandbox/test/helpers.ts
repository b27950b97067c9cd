/** Shared test helpers: a started sandbox and a small fetch wrapper. */
import { createSandbox, type Sandbox, type SandboxOptions } from '../src/index';

export const TODAY = '2025-06-15';

export interface Started {
  sandbox: Sandbox;
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function start(opts: SandboxOptions = {}): Promise<Started> {
  const sandbox = createSandbox({ today: TODAY, ...opts });
  const url = await sandbox.listen(0);
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(path.startsWith('http') ? path : `${url}${path}`, {
      method,
      headers: { authorization: 'Bearer test-token', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* html */ }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return { sandbox, url, get: (p, h) => call('GET', p, undefined, h), post: (p, b, h) => call('POST', p, b, h) };
}

/** api/v2.0 root of the first environment of the first tenant, and its first company id. */
export function firstCompany(s: Sandbox): { api: string; companyId: string; tenantId: string; environment: string } {
  const t = s.tenants[0]!;
  const e = t.environments[0]!;
  return { api: `/v2.0/${t.tenantId}/${e.name}/api/v2.0`, companyId: e.companies[0]!.id, tenantId: t.tenantId, environment: e.name };
}
