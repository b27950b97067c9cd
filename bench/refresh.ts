/**
 * Refresh benchmark: "Refresh all" of 200 companies over 40 Business Central environments (one client tenant each)
 * through the real connector (per-user limits, $batch scheduler, retries) and the real refresh service (PGlite store),
 * against the sandbox in a child process (its own CPU, its own event loop) with 50 ms injected latency and
 * Business Central's limits enforced per user across environments, strictly (the 6th request in flight gets 429).
 * The accountant is a different user in each client tenant (a guest per tenant), as in Business Central;
 * BENCH_ONE_IDENTITY=1 gives every tenant the same token instead (one user for all 40: 5 requests in flight in all).
 *
 *   tsx bench/refresh.ts            BENCH_ENVIRONMENTS=40 BENCH_COMPANIES=5 BENCH_DOCUMENTS=60 BENCH_LATENCY_MS=50 BENCH_RUNS=7 BENCH_WARMUPS=3
 *
 * After a warm-up, runs "Refresh all" BENCH_RUNS times and prints the medians (and ranges) of the wall time, the bound
 * the limits and latency allow, their ratio and HTTP requests per company; the last line is one JSON object.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { BcHttp, BusinessCentralSource, createClientDataService, createGuardedTransport, SandboxGuestTokenProvider, StaticTokenProvider } from '../packages/client-data/src/index';
import { migrate, openPglite, openPostgres } from '../packages/client-data/src/testing';
import { BC_DEFAULT_LIMITS } from '../packages/client-data/src/adapters/business-central/limits';

const ENVIRONMENTS = Number(process.env.BENCH_ENVIRONMENTS ?? 40);
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 5);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 60);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const WARMUPS = Math.max(1, Number(process.env.BENCH_WARMUPS ?? 3));
const ONE_IDENTITY = process.env.BENCH_ONE_IDENTITY === '1';
/** Users the limits are counted for: one per client tenant (each tenant one environment here), or one for all. */
const IDENTITIES = ONE_IDENTITY ? 1 : ENVIRONMENTS;

interface SandboxStats { requests: number; operations: number; serviceMs: number; maxConcurrentSeen: number; byIdentity: number; refused: number }
type ChildMessage = { url: string; tenants: string[] } | { stats: SandboxStats };

/** Child mode: the sandbox alone in this process. Answers 'stats' and 'reset' over IPC. */
async function sandboxChild(): Promise<void> {
  const { createSandbox, generatedTenants } = await import('../packages/bc-sandbox/src/index');
  const tenants = generatedTenants({ environments: ENVIRONMENTS, companiesPerEnvironment: COMPANIES, documentsPerCompany: DOCUMENTS });
  const sandbox = createSandbox({ tenants });
  for (const t of tenants) sandbox.faults.set(t.tenantId, '*', { latencyMs: LATENCY_MS });
  const url = await sandbox.listen(0);
  process.on('message', (m: string) => {
    if (m === 'reset') sandbox.stats.reset();
    if (m === 'stats') {
      const s = sandbox.stats;
      const operations = [...s.byPath.entries()].filter(([k]) => k !== '$batch').reduce((a, [, n]) => a + n, 0);
      process.send?.({ stats: { requests: s.requests, operations, serviceMs: s.serviceMs, maxConcurrentSeen: s.maxConcurrentSeen, byIdentity: s.byIdentity.size, refused: s.refusedConcurrent } });
    }
    if (m === 'exit') void sandbox.close().then(() => process.exit(0));
  });
  process.send?.({ url, tenants: tenants.map((t) => t.tenantId) });
}

function ask(child: ChildProcess, what: 'stats' | 'reset'): Promise<SandboxStats | undefined> {
  if (what === 'reset') {
    child.send('reset');
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const on = (m: ChildMessage) => {
      if ('stats' in m) {
        child.off('message', on);
        resolve(m.stats);
      }
    };
    child.on('message', on);
    child.send('stats');
  });
}

interface Run {
  wall: number; bound: number; ratio: number; perCompany: number; s: SandboxStats;
  opsPerEnv: number; meanService: number; rounds: number; perEnv: number; windowBound: number; serialBound: number;
}

/**
 * The bound of one run. Per environment the work is its company list (discovery) and its companies' reads: ops_e
 * operations, asked together (the list rides in the same $batch requests as the reads). A $batch carries one
 * environment's operations, at most 100; Business Central allows 5 requests at once per user across environments, so
 * a user with environments e needs at least ceil(Σ_e ceil(ops_e / 100) / 5) rounds, each costing at least latency +
 * service time of one request:
 *   T_user = ceil(Σ_e ceil(ops_e / 100) / 5) × (L + s̄)        (s̄ = mean sandbox service time per request)
 * Users are independent (separate limits), so the limits allow max over users of T_user.
 * The rate window (6,000 operations per 5 minutes per user) adds (ops_u − 6000) / 6000 × 300 s when ops_u > 6000.
 * The sandbox serves every environment on one thread and serves nothing before a request's latency has passed,
 * so L + Σ service time is a floor too:
 *   bound = max(max_env T_env, window bound, L + Σ service time)
 */
function boundOf(wall: number, s: SandboxStats, limits: typeof BC_DEFAULT_LIMITS, companies: number): Run {
  const opsPerEnv = s.operations / ENVIRONMENTS;
  const meanService = s.serviceMs / s.requests;
  const envsPerUser = ENVIRONMENTS / IDENTITIES;
  const rounds = Math.ceil((envsPerUser * Math.ceil(opsPerEnv / limits.maxBatchOperations)) / limits.maxConcurrent);
  const perEnv = rounds * (LATENCY_MS + meanService);
  const windowBound = Math.max(0, (opsPerEnv * envsPerUser - limits.windowRequests) / limits.windowRequests) * limits.windowMs;
  const serialBound = LATENCY_MS + s.serviceMs;
  const bound = Math.max(perEnv, windowBound, serialBound);
  return { wall, bound, ratio: wall / bound, perCompany: s.requests / companies, s, opsPerEnv, meanService, rounds, perEnv, windowBound, serialBound };
}

async function main(): Promise<void> {
  const child = fork(__filename, ['--sandbox'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ url: string; tenants: string[] }>((resolve, reject) => {
    child.once('message', (m: ChildMessage) => ('url' in m ? resolve(m) : reject(new Error('unexpected message'))));
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code})`)));
  });
  const sandboxHost = new URL(ready.url).host;
  // The hub's store: embedded PGlite (as `npm start`), or a PostgreSQL server (as in production) when
  // BENCH_DATABASE_URL is set; the schema is a fresh one so the bench never touches other data.
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const schema = `bench_refresh_${process.pid}`;
  if (serverUrl) {
    const admin = openPostgres({ connectionString: serverUrl, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.close();
  }
  const db = serverUrl ? openPostgres({ connectionString: serverUrl, options: `-c search_path=${schema}` }) : await openPglite({});
  await migrate(db);
  // The production transport: only Business Central hosts, plus the sandbox as a configured extra host.
  const http = new BcHttp({ timeoutMs: 30_000, limits: BC_DEFAULT_LIMITS, transport: createGuardedTransport({ allowedHosts: ['api.businesscentral.dynamics.com'], extraHosts: [sandboxHost] }) });
  const cloudWebOrigin = 'https://businesscentral.dynamics.com';
  const tokens = ONE_IDENTITY ? new StaticTokenProvider('bench-accountant-token') : new SandboxGuestTokenProvider('bench-accountant');
  const source = new BusinessCentralSource({ apiBaseUrl: 'https://api.businesscentral.dynamics.com', cloudWebOrigin, http, tokens });
  const svc = createClientDataService({
    db, source, extraHosts: [sandboxHost], refreshConcurrency: 500, links: { cloudWebOrigin, webBaseUrl: cloudWebOrigin },
    onRefreshError: (err) => { throw err; },
  });
  const userId = await svc.users.ensure({ tenantId: 'bench-firm', objectId: 'bench-accountant', name: 'Bench Accountant' });
  for (const [i, tenant] of ready.tenants.entries()) {
    const r = await svc.clients.create(userId, 'bench-firm', { name: `Client ${i + 1}`, clientUrl: `${ready.url}/${tenant}/production` });
    if (r.warning) throw new Error(r.warning);
  }

  const refreshAll = async () => {
    const started = performance.now();
    const job = await svc.refresh.start(userId);
    await svc.refresh.idle();
    const wall = performance.now() - started;
    const done = await svc.refresh.job(userId, job.id);
    if (done.failed > 0 || done.done !== ENVIRONMENTS * COMPANIES) throw new Error(`refresh incomplete: ${JSON.stringify(done)}`);
    return wall;
  };
  // Warm-up (untimed): the sandbox builds each generated company on first use; the JIT and the store warm up too. A
  // server refreshes all day, so the figures are those of a warm process (the first runs still compile code).
  for (let i = 0; i < WARMUPS; i += 1) await refreshAll();
  // Timed runs: this machine is shared, so one run says little; each run's ratio is against its own bound (the
  // sandbox's service time varies with the machine's load), and the medians are reported.
  const limits = BC_DEFAULT_LIMITS;
  const companies = ENVIRONMENTS * COMPANIES;
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    await ask(child, 'reset');
    const wall = await refreshAll();
    runs.push(boundOf(wall, (await ask(child, 'stats')) as SandboxStats, limits, companies));
  }
  child.send('exit');
  await db.close();
  if (serverUrl) {
    const admin = openPostgres({ connectionString: serverUrl, max: 1 });
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
  const mid = [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor(runs.length / 2)] as Run;
  const median = (pick: (r: Run) => number) => {
    const xs = runs.map(pick).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)] as number;
  };
  const range = (pick: (r: Run) => number, digits = 0) => `${Math.min(...runs.map(pick)).toFixed(digits)}–${Math.max(...runs.map(pick)).toFixed(digits)}`;
  const wall = median((r) => r.wall);
  const bound = median((r) => r.bound);
  const ratio = median((r) => r.ratio);
  const perCompany = median((r) => r.perCompany);
  const { s, opsPerEnv, meanService, rounds, perEnv, windowBound, serialBound } = mid;
  const envsPerUser = ENVIRONMENTS / IDENTITIES;

  const f = (n: number) => n.toFixed(1);
  process.stdout.write([
    `Refresh all: ${companies} companies over ${ENVIRONMENTS} environments, ${DOCUMENTS} documents each, ${LATENCY_MS} ms latency, limits ${limits.maxConcurrent} concurrent / ${limits.windowRequests} per ${limits.windowMs / 1000} s / ${limits.maxBatchOperations} per $batch (per user, ${IDENTITIES} users); ${RUNS} timed runs after ${WARMUPS} warm-up runs`,
    `  runs (wall/bound ms)      ${runs.map((r) => `${r.wall.toFixed(0)}/${r.bound.toFixed(0)}`).join('  ')}`,
    `  the median run:`,
    `  HTTP requests             ${s.requests} (${f(s.requests / companies)} per company; ${s.operations} operations, ${f(s.operations / companies)} per company)`,
    `  sandbox service time      ${f(s.serviceMs)} ms in total, ${f(meanService)} ms per request; most in flight per user ${s.maxConcurrentSeen} (${s.byIdentity} users, ${s.refused} refused with 429)`,
    `  bound from the limits     per user ceil(${envsPerUser} × ceil(${f(opsPerEnv)}/100)/5) = ${rounds} round(s) × (${LATENCY_MS} + ${f(meanService)}) ms = ${f(perEnv)} ms; rate window ${f(windowBound)} ms`,
    `  bound from the sandbox    one thread serves all environments: latency + Σ service time = ${LATENCY_MS} + ${f(s.serviceMs)} = ${f(serialBound)} ms`,
    `  medians:`,
    `  wall time                 ${f(wall)} ms (${range((r) => r.wall)})`,
    `  bound = max(...)          ${f(bound)} ms (${range((r) => r.bound)})`,
    `  ratio wall / bound        ${ratio.toFixed(2)} (${range((r) => r.ratio, 2)}; target ≤ 1.25); requests per company ${perCompany.toFixed(2)} (target ≤ 3)`,
  ].join('\n') + '\n');
  process.stdout.write(`${JSON.stringify({ bench: 'refresh', store: serverUrl ? 'postgres' : 'pglite', users: IDENTITIES, wall_ms: Math.round(wall), bound_ms: Math.round(bound), ratio: Number(ratio.toFixed(3)), requests_per_company: Number(perCompany.toFixed(3)), max_in_flight_per_user: s.maxConcurrentSeen, refused_429: s.refused })}\n`);
}

if (process.argv.includes('--sandbox')) {
  sandboxChild().catch((err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exit(1); });
} else {
  main().catch((err: unknown) => { process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`); process.exit(1); });
}
