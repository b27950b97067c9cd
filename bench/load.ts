import { Pool } from 'undici';

export interface LoadResult { requests: number; rps: number; p50_ms: number; p99_ms: number; non2xx: number; bytes: number }

/**
 * Closed-loop load: `connections` clients each send the next request as soon as the previous answer has
 * been read in full. Built on undici (llhttp), because autocannon's JavaScript HTTP parser became the
 * bottleneck on compressed bodies here (≈750 req/s against a bare Node server that undici drives at ≈4,300).
 */
export async function runLoad(o: { url: string; headers: Record<string, string>; connections: number; durationMs: number }): Promise<LoadResult> {
  const url = new URL(o.url);
  const pool = new Pool(url.origin, { connections: o.connections, pipelining: 1 });
  const latencies: number[] = [];
  let non2xx = 0;
  let bytes = 0;
  const end = Date.now() + o.durationMs;
  const client = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      const res = await pool.request({ path: url.pathname + url.search, method: 'GET', headers: o.headers });
      for await (const chunk of res.body) bytes += (chunk as Buffer).length;
      latencies.push(performance.now() - started);
      if (res.statusCode < 200 || res.statusCode >= 300) non2xx += 1;
    }
  };
  await Promise.all(Array.from({ length: o.connections }, client));
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0) * 10) / 10;
  return { requests: latencies.length, rps: Math.round(latencies.length / (o.durationMs / 1000)), p50_ms: at(0.5), p99_ms: at(0.99), non2xx, bytes };
}
