/**
 * Tab bench: initial JS of the built tab (raw and gzip) and the time from navigation to the grid showing
 * 1,000 rows in headless Chromium. Prints figures, not pass/fail; the last line is one JSON object.
 *
 * By default the API is the real server (`startTestServer()`: PGlite, the dev identity) with 1,000 companies seeded
 * for the user the tab signs in as (`seedDashboard`), so the figure includes the server's dashboard answer.
 * BENCH_TAB_URL measures a running hub instead (dev identity, 1,000 companies for "Demo Accountant");
 * BENCH_TAB_SYNTHETIC=1 answers a synthetic 1,000-row API inside the browser (the page, the grid and the JS are the real ones).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tab/test/support/browser';
import { DIST_DIR, ensureTabBuilt } from '../tab/test/support/build-tab';
import { syntheticRows } from '../tab/test/support/synthetic-dashboard';
import { startTestServer, type TestServer } from '../test-support/server';
import { seedDashboard } from './seed-dashboard';

const ROWS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const USER = 'Demo Accountant';

function initialJs(): { raw: number; gzip: number; files: string[] } {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = readFileSync(join(DIST_DIR, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

function serveDist(): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let file = join(DIST_DIR, path);
    if (path === '/' || !existsSync(file)) file = join(DIST_DIR, 'index.html');
    res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

async function mockApi(page: Page): Promise<void> {
  const body = JSON.stringify({ rows: syntheticRows(ROWS), generatedAt: new Date().toISOString() });
  await page.route('**/api/v1/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const json = (b: string) => route.fulfill({ status: 200, contentType: 'application/json', body: b });
    if (path.endsWith('/auth-config')) return json('{"mode":"dev","clientId":null,"authority":null,"apiScope":null}');
    if (path.endsWith('/me')) return json('{"tenantId":"t","objectId":"o","name":"Bench","devIdentity":true}');
    if (path.endsWith('/dashboard')) return json(body);
    if (path.endsWith('/views')) return json('{"views":[]}');
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"not in the bench"}}' });
  });
}

async function main(): Promise<void> {
  ensureTabBuilt();
  const js = initialJs();
  const synthetic = process.env.BENCH_TAB_SYNTHETIC === '1';
  let hub: TestServer | null = null;
  let real = process.env.BENCH_TAB_URL?.replace(/\/$/, '');
  if (!real && !synthetic) {
    hub = await startTestServer();
    if (!hub.app.dev) throw new Error('the test server has no dev identity');
    const seedStart = Date.now();
    await seedDashboard(hub.db, hub.app.dev.principalFor(USER), ROWS, new Date().toISOString().slice(0, 10));
    process.stdout.write(`seeded ${ROWS} companies for ${USER} in ${Date.now() - seedStart} ms\n`);
    real = hub.url;
  }
  const local = real ? null : await serveDist();
  const base = real ?? local?.url ?? '';
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      let session = { token: 'bench', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      if (real) {
        const res = await fetch(`${real}/api/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: USER }) });
        session = (await res.json()) as typeof session;
      }
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.addInitScript(`sessionStorage.setItem('hub.devSession', ${JSON.stringify(JSON.stringify({ ...session, name: USER }))})`);
      const page = await context.newPage();
      if (!real) await mockApi(page);
      const start = Date.now();
      await page.goto(`${base}/`);
      await page.waitForSelector(`[role=grid][aria-rowcount="${ROWS + 1}"] [role=row][aria-rowindex="2"]`, { timeout: 30_000 });
      const navToGrid = Number(await page.evaluate('performance.now()'));
      times.push(Math.min(navToGrid, Date.now() - start));
      await context.close();
    }
  } finally {
    await browser.close();
    local?.server.close();
    await hub?.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  process.stdout.write(`initial JS files: ${js.files.join(', ')}\n`);
  process.stdout.write(`initial JS: ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip (target <= 350 KB gzip)\n`);
  process.stdout.write(`navigation to ${ROWS}-row grid (${hub ? 'seeded test server' : real ? 'server ' + real : 'synthetic API'}): runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms (target <= 1500 ms)\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'tab', js_gzip_kb: Math.round(js.gzip / 102.4) / 10, js_raw_kb: Math.round(js.raw / 102.4) / 10, grid_ms: Math.round(median), api: hub ? 'seeded-server' : real ? 'server' : 'synthetic' })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
