/**
 * Security headers over HTTP: the tab (/) and /connect may be framed only by the Teams, Outlook and Microsoft 365
 * hosts, every answer (API JSON, errors, the bot endpoint, restify's own refusals, files) says nosniff and
 * no-referrer, HSTS only in production, and source maps only outside production.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { DIST_DIR, ensureTabBuilt } from '../../../tab/test/support/build-tab';
import { HttpError } from '../../src/http/errors';
import { API_CSP, TEAMS_FRAME_ANCESTORS } from '../../src/http/security-headers';
import { StaticFiles } from '../../src/http/static-files';
import { createLogger } from '../../src/observability/logger';
import { createServer } from '../../src/server';

jest.setTimeout(120_000);

const directive = (csp: string | null, name: string) => (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? null;

function expectEveryAnswerHeaders(h: Headers, hsts: boolean): void {
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('referrer-policy')).toBe('no-referrer');
  expect(h.get('strict-transport-security')).toBe(hsts ? 'max-age=31536000; includeSubDomains' : null);
}

function expectPagePolicy(h: Headers): void {
  const csp = h.get('content-security-policy');
  expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`);
  expect(directive(csp, 'script-src')).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+$/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*(?!\.)/);
  expect(directive(csp, 'object-src')).toBe("object-src 'none'");
}

const sourceMap = () => readdirSync(join(DIST_DIR, 'assets')).find((f) => f.endsWith('.js.map')) as string;

describe('security headers (development)', () => {
  let s: TestServer;
  let token: string;

  beforeAll(async () => {
    ensureTabBuilt();
    s = await startTestServer({ tabDir: DIST_DIR });
    token = await s.signIn('Alice Accountant');
  }, 120_000);
  afterAll(async () => { await s?.close(); });

  it('the tab and /connect: a page policy that only Teams, Outlook and Microsoft 365 may frame', async () => {
    for (const path of ['/', '/connect', '/?invitation=abc']) {
      const r = await fetch(`${s.url}${path}`);
      expect([path, r.status]).toEqual([path, 200]);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expectPagePolicy(r.headers);
      expectEveryAnswerHeaders(r.headers, false);
    }
  });

  it('API answers and errors: nosniff, no-referrer and a policy that renders and frames nothing', async () => {
    const answers = [
      await fetch(`${s.url}/api/v1/clients`, { headers: { authorization: `Bearer ${token}` } }), // 200 JSON
      await fetch(`${s.url}/api/v1/clients`), // 401
      await fetch(`${s.url}/api/v1/clients`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{' }), // 400
      await fetch(`${s.url}/api/v1/nothing-here`), // 404
      await fetch(`${s.url}/api/v1/clients`, { method: 'PATCH' }), // restify's own 405
      await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }), // the bot endpoint's 400
      await fetch(`${s.url}/healthz`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 404, 405, 400, 200]);
    for (const r of answers) {
      expectEveryAnswerHeaders(r.headers, false);
      expect(r.headers.get('content-security-policy')).toBe(API_CSP);
    }
  });

  it('source maps are served outside production', async () => {
    const r = await fetch(`${s.url}/assets/${sourceMap()}`);
    expect(r.status).toBe(200);
    expectEveryAnswerHeaders(r.headers, false);
  });
});

describe('security headers (production)', () => {
  const sink = new Writable({ write(_c, _e, cb) { cb(); } });
  const server = createServer({
    logger: createLogger('silent', sink), production: true, routes: [],
    authenticator: { principal: async () => { throw new HttpError(401, 'unauthorized', 'Sign in.'); } },
    resolveUser: async () => { throw new Error('never'); },
    staticFiles: new StaticFiles(DIST_DIR, { production: true, sourceMaps: false, authorityOrigin: 'https://login.microsoftonline.com' }),
  });
  let url = '';
  beforeAll(async () => {
    ensureTabBuilt();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise<void>((r) => server.close(() => r())); });

  it('HSTS on every answer; msal may reach the Entra authority; no source maps', async () => {
    const page = await fetch(`${url}/`);
    expectPagePolicy(page.headers);
    expectEveryAnswerHeaders(page.headers, true);
    expect(directive(page.headers.get('content-security-policy'), 'connect-src')).toBe("connect-src 'self' https://login.microsoftonline.com");
    expect(directive(page.headers.get('content-security-policy'), 'frame-src')).toBe("frame-src 'self' https://login.microsoftonline.com");
    const map = await fetch(`${url}/assets/${sourceMap()}`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('"sources"');
    expectEveryAnswerHeaders(map.headers, true);
    const js = await fetch(`${url}/assets/${sourceMap().replace(/\.map$/, '')}`);
    expect(js.status).toBe(200);
    expectEveryAnswerHeaders(js.headers, true);
    const api = await fetch(`${url}/api/v1/anything`);
    expect(api.status).toBe(404);
    expectEveryAnswerHeaders(api.headers, true);
  });
});
