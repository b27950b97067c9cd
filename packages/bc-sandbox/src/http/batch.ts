/** JSON $batch: {"requests":[{id,method,url,headers}]} → {"responses":[{id,status,headers,body}]}. */
import { type ApiResponse, type EnvContext, handleApi } from '../api/handler';
import { ODataError, badRequest } from '../odata/errors';

interface BatchRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: unknown;
}

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true';

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const hit = Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === name);
  return typeof hit?.[1] === 'string' ? hit[1] : undefined;
}

/** Inner URLs are relative to the api/v2.0 root ("companies(…)/salesInvoices?…"); absolute URLs are accepted too. */
function splitUrl(url: string): { path: string; params: URLSearchParams } {
  let rest = url;
  const at = rest.indexOf('/api/v2.0/');
  if (/^https?:\/\//i.test(rest) || at >= 0) {
    if (at < 0) throw badRequest(`The batch operation URL '${url}' is not under /api/v2.0/.`);
    rest = rest.slice(at + '/api/v2.0/'.length);
  }
  rest = rest.replace(/^\/+/, '');
  const q = rest.indexOf('?');
  return q < 0 ? { path: rest, params: new URLSearchParams() } : { path: rest.slice(0, q), params: new URLSearchParams(rest.slice(q + 1)) };
}

export function batchOperations(body: unknown, max: number): BatchRequest[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw badRequest('The batch request body must be a JSON object with a "requests" array.');
  if (requests.length > max) {
    throw badRequest(`The batch request contains ${requests.length} operations, which exceeds the maximum of ${max} operations per batch.`, 'BadRequest_BatchTooLarge');
  }
  return requests as BatchRequest[];
}

export function runBatch(ops: BatchRequest[], env: EnvContext, countOp: (label: string) => void): ApiResponse {
  const responses = ops.map((op, index) => {
    const id = typeof op.id === 'string' || typeof op.id === 'number' ? String(op.id) : String(index + 1);
    try {
      if (typeof op.url !== 'string') throw badRequest(`Batch operation '${id}' has no url.`);
      const { path, params } = splitUrl(op.url);
      countOp(path);
      const res = handleApi(env, { method: typeof op.method === 'string' ? op.method.toUpperCase() : 'GET', path, params, prefer: header(op.headers, 'prefer') });
      return { id, status: res.status, headers: { 'content-type': JSON_TYPE, ...res.headers }, body: res.body };
    } catch (err) {
      const e = err instanceof ODataError ? err : new ODataError(500, 'Internal_ServerError', String(err));
      return { id, status: e.status, headers: { 'content-type': JSON_TYPE, ...e.headers }, body: e.body() };
    }
  });
  return { status: 200, headers: {}, body: { responses } };
}
