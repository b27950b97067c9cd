import { getGlobalDispatcher, type Dispatcher } from 'undici';

/** One request to Business Central: the connector only ever sends small JSON GETs and `$batch` POSTs. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Longest wait for the answer's headers, and then between chunks of its body. */
  timeoutMs: number;
}

/** The answer, body read in full. Redirects are never followed: a 3xx comes back as it is. */
export interface HttpAnswer {
  status: number;
  header(name: string): string | undefined;
  body: string;
}

/** The connector's HTTP seam: production passes the guarded transport (only Business Central hosts). */
export type HttpTransport = (url: string, req: HttpRequest) => Promise<HttpAnswer>;

/**
 * A transport on an undici dispatcher's `request()`: no WHATWG Request/Response/stream objects per call, which
 * made `fetch` cost about a millisecond of CPU per request, the largest share of a refresh's CPU. The timeout is
 * undici's own (headers, then body inactivity), not an AbortController and a timer per request: a refresh sends
 * hundreds at once, and their set-up holds back the first one going out.
 */
export function undiciTransport(dispatcher: Dispatcher = getGlobalDispatcher()): HttpTransport {
  return async (url, req) => {
    const u = new URL(url);
    const res = await dispatcher.request({
      origin: u.origin, path: `${u.pathname}${u.search}`, method: req.method, headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}), headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs,
    });
    const body = await res.body.text();
    return {
      status: res.statusCode,
      header: (name) => {
        const v = res.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      },
      body,
    };
  };
}

/** A transport over a fetch function (tests that answer with hand-made Responses). */
export function fetchTransport(fetchFn: typeof fetch): HttpTransport {
  return async (url, req) => {
    const res = await fetchFn(url, {
      method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}), redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    return { status: res.status, header: (name) => res.headers.get(name) ?? undefined, body: await res.text() };
  };
}
