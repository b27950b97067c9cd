/** Sandbox control endpoints (/_sandbox/...) and the environments list (/environments/v1.2?tenant=). */
import type { Fault } from '../types';
import type { Registry } from '../registry';
import { badRequest, notFound } from '../odata/errors';
import type { FaultStore } from './faults';

const STATUSES = new Set([401, 403, 404, 429, 500, 503]);

export function parseFault(body: unknown): { tenantId: string; environment: string; fault: Fault } {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.tenantId !== 'string' || !b.tenantId) throw badRequest('"tenantId" is required.');
  const environment = typeof b.environment === 'string' && b.environment ? b.environment : '*';
  const fault: Fault = {};
  const num = (name: string): number | undefined => {
    const v = b[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badRequest(`"${name}" must be a non-negative number.`);
    return v;
  };
  const status = num('status');
  if (status !== undefined && !STATUSES.has(status)) throw badRequest(`"status" must be one of ${[...STATUSES].join(', ')}.`);
  if (status !== undefined) fault.status = status as Fault['status'];
  const latencyMs = num('latencyMs');
  if (latencyMs !== undefined) fault.latencyMs = latencyMs;
  const times = num('times');
  if (times !== undefined) fault.times = times;
  const retryAfterSeconds = num('retryAfterSeconds');
  if (retryAfterSeconds !== undefined) fault.retryAfterSeconds = retryAfterSeconds;
  const huge = b.hugeBody;
  if (huge !== undefined) {
    if (!huge || typeof huge !== 'object') throw badRequest('"hugeBody" must be an object: { "bytes"?: number, "declareLength"?: boolean }.');
    const h = huge as Record<string, unknown>;
    if (h.bytes !== undefined && (typeof h.bytes !== 'number' || !Number.isFinite(h.bytes) || h.bytes < 0)) throw badRequest('"hugeBody.bytes" must be a non-negative number.');
    if (h.chunkDelayMs !== undefined && (typeof h.chunkDelayMs !== 'number' || !Number.isFinite(h.chunkDelayMs) || h.chunkDelayMs < 0)) throw badRequest('"hugeBody.chunkDelayMs" must be a non-negative number.');
    fault.hugeBody = {
      ...(typeof h.bytes === 'number' ? { bytes: h.bytes } : {}), declareLength: h.declareLength === true,
      ...(typeof h.chunkDelayMs === 'number' ? { chunkDelayMs: h.chunkDelayMs } : {}),
    };
  }
  return { tenantId: b.tenantId, environment, fault };
}

export function handleAdmin(method: string, path: string, params: URLSearchParams, body: unknown, registry: Registry, faults: FaultStore): { status: number; body?: unknown } {
  if (path === '/_sandbox/tenants' && method === 'GET') return { status: 200, body: registry.info };
  if (path === '/_sandbox/faults' && method === 'POST') {
    const { tenantId, environment, fault } = parseFault(body);
    faults.set(tenantId, environment, fault);
    return { status: 204 };
  }
  if (path === '/_sandbox/faults' && method === 'DELETE') {
    const b = (body ?? {}) as Record<string, unknown>;
    const tenantId = params.get('tenantId') ?? (typeof b.tenantId === 'string' ? b.tenantId : undefined);
    const environment = params.get('environment') ?? (typeof b.environment === 'string' ? b.environment : undefined);
    faults.clear(tenantId ?? undefined, environment ?? undefined);
    return { status: 204 };
  }
  throw notFound(`No sandbox resource '${method} ${path}'.`);
}

export function environmentsList(registry: Registry, origin: string, params: URLSearchParams): unknown {
  const tenantParam = params.get('tenant');
  if (!tenantParam) throw badRequest('The sandbox cannot read the tenant from the token; pass ?tenant=<tenantId>.');
  const tenant = registry.tenant(tenantParam);
  if (!tenant) throw notFound(`Tenant '${tenantParam}' is not known.`, 'NoEnvironment');
  return {
    value: tenant.environments.map((e) => ({
      aadTenantId: tenant.tenantId, applicationFamily: 'BusinessCentral', type: e.type ?? 'Production', name: e.name,
      countryCode: e.countryCode ?? 'GB', webServiceUrl: `${origin}/v2.0/${tenant.tenantId}/${e.name}`,
      webClientLoginUrl: `${origin}/${tenant.tenantId}/${e.name}/`, ringName: e.type === 'Sandbox' ? 'PREVIEW' : 'PROD',
    })),
  };
}
