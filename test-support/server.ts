import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createSandbox, type Sandbox, type SandboxOptions } from '@hub/bc-sandbox';
import { SandboxGuestTokenProvider } from '@hub/client-data';
import { createApp, type App } from '../bot/src/app';
import { DEV_TENANT } from '../bot/src/auth/dev-identity';
import { loadConfig, type Config } from '../bot/src/config';
import { createLogger } from '../bot/src/observability/logger';
import { openTestDb, type TestDb } from './db';

export interface TestServer {
  url: string;
  /** Base of the Business Central sandbox (client URLs are `${sandboxUrl}/<tenant>/<environment>`). */
  sandboxUrl: string;
  app: App;
  sandbox: Sandbox;
  db: TestDb;
  config: Config;
  /** Everything the server logged, one JSON line per entry (to check that no secret is written). */
  logs: string[];
  /** A bearer token for a named local user. */
  signIn(name?: string): Promise<string>;
  /** fetch against the server with a user's token and JSON body. */
  api(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** The real server on a random port, with the Business Central sandbox, a fresh database and the dev identity. */
export async function startTestServer(o: {
  /** Extra settings; a function gets the sandbox's tenants and the demo firm's tenant (e.g. for APP_ONLY_TENANTS). */
  env?: Record<string, string> | ((s: { tenants: Sandbox['tenants']; devTenant: string }) => Record<string, string>);
  sandbox?: SandboxOptions; tabDir?: string | null;
} = {}): Promise<TestServer> {
  const sandbox = createSandbox(o.sandbox);
  const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
  const db = await openTestDb();
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DEV_IDENTITY: 'true', LOG_LEVEL: 'info', REFRESH_CONCURRENCY: '8',
    BC_EXTRA_ALLOWED_HOSTS: new URL(sandboxUrl).host, ...(typeof o.env === 'function' ? o.env({ tenants: sandbox.tenants, devTenant: DEV_TENANT }) : o.env),
  });
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
  const app = await createApp({ config, logger: createLogger(config.LOG_LEVEL, sink), db, tokens: new SandboxGuestTokenProvider('test-accountant'), tabDir: o.tabDir === undefined ? join(__dirname, '..', 'tab', 'dist') : o.tabDir });
  const url = await app.listen();
  const api: TestServer['api'] = async (token, method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    url, sandboxUrl, app, sandbox, db, config, logs, api,
    signIn: async (name = 'Alice Accountant') => (await api(null, 'POST', '/api/v1/dev/sign-in', { name })).body.token,
    close: async () => {
      await app.close();
      await sandbox.close();
      await db.dispose().catch(() => undefined);
    },
  };
}
