import { getGlobalDispatcher, type Dispatcher } from 'undici';

/** One request to Business Central: the connector only ever sends small JSON GETs and `$batch` POSTs. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Longest wait for the answer's headers, and then between chunks of its body. */
  timeoutMs: number;
  /** Most bytes of body read; past it the body is dropped and the request fails (counted as it streams in). */
  maxBytes?: number;
  /** Longest the whole answer may take, from sending the request to the body's last byte. */
  deadlineMs?: number;
}

/** The answer's body passed `maxBytes`: reading stopped there and the connection was dropped. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
  /** `declaredBytes`: the Content-Length that announced it (refused before reading), else undefined. */
  constructor(readonly maxBytes: number, readonly declaredBytes?: number) {
    super(`The answer is larger than ${maxBytes} bytes${declaredBytes !== undefined ? ` (Content-Length ${declaredBytes})` : ''}.`);
  }
}

/** The answer was still arriving after `deadlineMs`: reading stopped and the connection was dropped. */
export class AnswerTooSlowError extends Error {
  override readonly name = 'AnswerTooSlowError';
  constructor(readonly deadlineMs: number) {
    super(`The answer took longer than ${deadlineMs} ms.`);
  }
}

/**
 * Reads a body chunk by chunk, counting bytes and time: a body over `maxBytes` (whatever its Content-Length said, or
 * without one) or still arriving past `deadlineMs` is dropped at once, so memory holds at most about `maxBytes` of
 * it. The deadline is checked as chunks arrive (no timer per request): a body that stops arriving altogether is ended
 * by the transport's inactivity timeout instead.
 */
async function readCapped(body: AsyncIterable<Uint8Array>, drop: () => void, req: HttpRequest, started: number): Promise<string> {
  const maxBytes = req.maxBytes ?? Infinity;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      drop();
      throw new AnswerTooLargeError(maxBytes);
    }
    if (req.deadlineMs !== undefined && Date.now() - started > req.deadlineMs) {
      drop();
      throw new AnswerTooSlowError(req.deadlineMs);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Refuses before reading a body whose declared length is already over the cap. */
function checkDeclaredLength(length: string | null | undefined, req: HttpRequest, drop: () => void): void {
  if (req.maxBytes !== undefined && length && Number(length) > req.maxBytes) {
    drop();
    throw new AnswerTooLargeError(req.maxBytes, Number(length));
  }
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
    const started = Date.now();
    const res = await dispatcher.request({
      origin: u.origin, path: `${u.pathname}${u.search}`, method: req.method, headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}), headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs,
    });
    // undici reports a body destroyed before its end as an 'error' event (RequestAbortedError): expected here, so heard.
    const drop = () => { res.body.on('error', () => undefined); res.body.destroy(); };
    const length = res.headers['content-length'];
    checkDeclaredLength(Array.isArray(length) ? length[0] : length, req, drop);
    const body = await readCapped(res.body, drop, req, started);
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
    const started = Date.now();
    const res = await fetchFn(url, {
      method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}), redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const drop = () => void res.body?.cancel().catch(() => undefined);
    checkDeclaredLength(res.headers.get('content-length'), req, drop);
    // Node's web streams are async iterable (the DOM typings the tab's check uses do not say so).
    const body = res.body ? await readCapped(res.body as unknown as AsyncIterable<Uint8Array>, drop, req, started) : '';
    return { status: res.status, header: (name) => res.headers.get(name) ?? undefined, body };
  };
}
