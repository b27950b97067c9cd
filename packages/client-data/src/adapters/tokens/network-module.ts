import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * msal-node's HTTP seam over a fetch function: production passes the global fetch; tests pass one that trusts the
 * local Entra's self-signed certificate. Bodies are parsed as JSON like msal's own client; nothing is logged.
 */
export function fetchNetworkModule(fetchFn: typeof fetch = fetch, timeoutMs = 15_000): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> => {
    const res = await fetchFn(url, {
      method, headers: options?.headers ?? {}, ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      signal: AbortSignal.timeout(timeout ?? timeoutMs), redirect: 'error',
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => { headers[k] = v; });
    return { headers, status: res.status, body: (await res.json()) as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}
