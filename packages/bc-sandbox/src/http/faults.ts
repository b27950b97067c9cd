/** Injected faults per tenant/environment ('*' = every environment of the tenant). */
import type { Fault, FaultControl } from '../types';
import { ODataError } from '../odata/errors';

interface Active {
  fault: Fault;
  remaining: number;
}

const CODES: Record<number, string> = {
  401: 'Authentication_InvalidCredentials', 403: 'Authorization_InsufficientPermissions', 404: 'BadRequest_NotFound',
  429: 'Application_TooManyRequests', 500: 'Internal_ServerError', 503: 'Internal_ServiceUnavailable',
};

export class FaultStore implements FaultControl {
  private readonly active = new Map<string, Active>();

  set(tenantId: string, environment: string, fault: Fault): void {
    this.active.set(`${tenantId.toLowerCase()}|${environment.toLowerCase()}`, { fault: { ...fault }, remaining: fault.times ?? Infinity });
  }

  clear(tenantId?: string, environment?: string): void {
    if (!tenantId) { this.active.clear(); return; }
    for (const key of [...this.active.keys()]) {
      const [t, e] = key.split('|');
      if (t === tenantId.toLowerCase() && (!environment || e === environment.toLowerCase())) this.active.delete(key);
    }
  }

  /** The fault that applies to this request: latency to add and, if due, the error to answer with. */
  take(tenantId: string, environment: string): { latencyMs: number; error?: ODataError; hugeBody?: NonNullable<Fault['hugeBody']> } {
    const t = tenantId.toLowerCase();
    const exactKey = `${t}|${environment.toLowerCase()}`;
    const key = this.active.has(exactKey) ? exactKey : `${t}|*`;
    const entry = this.active.get(key);
    if (!entry) return { latencyMs: 0 };
    const latencyMs = entry.fault.latencyMs ?? 0;
    const status = entry.fault.status;
    const hugeBody = entry.fault.hugeBody;
    if (hugeBody && status === undefined && entry.remaining > 0) {
      entry.remaining--;
      if (entry.remaining <= 0 && !entry.fault.latencyMs) this.active.delete(key);
      return { latencyMs, hugeBody };
    }
    if (status === undefined || entry.remaining <= 0) return { latencyMs };
    entry.remaining--;
    // An exhausted error-only fault disappears, so a tenant-wide fault underneath applies again.
    if (entry.remaining <= 0 && !entry.fault.latencyMs) this.active.delete(key);
    const headers: Record<string, string> = {};
    if ((status === 429 || status === 503) && entry.fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(entry.fault.retryAfterSeconds);
    const error = new ODataError(status, CODES[status] ?? 'Internal_ServerError', `Injected fault: HTTP ${status} for tenant '${tenantId}' environment '${environment}'.`, headers);
    return { latencyMs, error };
  }
}
