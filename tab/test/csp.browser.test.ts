/**
 * The tab under its Content-Security-Policy in real Chromium: signing in, the dashboard with a client's rows, the
 * details pane, the Clients and Settings dialogs, the dark theme and the /connect wizard all work and the browser
 * reports no CSP violation; another site that frames the tab gets nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/browser';
import { DIST_DIR, ensureTabBuilt } from './support/build-tab';

const REPO = resolve(__dirname, '..', '..');
const CONTOSO = '7a3f2c1e-5b8d-4e6f-9a01-c0a1b2c3d4e5';

const why = !chromiumAvailable() ? 'Debian chromium is not installed' : null;
const maybe = why && !process.env.CI ? describe.skip : describe;
if (why) process.stderr.write(`CSP browser test skipped: ${why}\n`);

declare global {
  interface Window { __csp: string[] }
}

maybe('the tab under its Content-Security-Policy', () => {
  jest.setTimeout(180_000);
  let server: import('../../test-support/server').TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleCsp: string[] = [];

  beforeAll(async () => {
    ensureTabBuilt();
    const { startTestServer } = (await import(join(REPO, 'test-support', 'server.ts'))) as typeof import('../../test-support/server');
    server = await startTestServer({ tabDir: DIST_DIR });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    // Every violation the page sees, from the first script on (the event fires for blocked scripts, styles, frames...).
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    page = await context.newPage();
    page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) consoleCsp.push(m.text()); });
    page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const violations = async (p: Page = page) => [...(await p.evaluate(() => window.__csp)), ...consoleCsp];

  it('the app signs in, shows a client\'s rows, details and dialogs with no violation', async () => {
    const res = await page.goto(`${server.url}/?theme=light`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self' 'sha256-");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('frame-ancestors https://teams.microsoft.com');
    await page.getByLabel('Your name').fill('Alice Accountant');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Client dashboard' }).waitFor();
    // The early-requests inline script (allowed by its hash) ran: it started the first API reads.
    expect(await page.evaluate(() => Array.isArray((window as unknown as { __hubEarly?: unknown }).__hubEarly))).toBe(true);

    const token = await server.signIn('Alice Accountant');
    expect((await server.api(token, 'POST', '/api/v1/clients', { name: 'Contoso CSP', clientUrl: `${server.sandboxUrl}/${CONTOSO}/production` })).status).toBe(201);
    await server.api(token, 'POST', '/api/v1/refresh-jobs', {});
    await server.app.svc.refresh.idle();
    await page.reload();
    const grid = page.getByRole('grid', { name: 'Client companies' });
    await grid.getByText('Contoso CSP').first().waitFor({ timeout: 30_000 });
    await page.getByTitle(/^Open details of /).first().click();
    await page.getByRole('heading', { name: '13-week cash forecast' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clients', exact: true }).click();
    await page.getByRole('dialog').getByText('Contoso CSP').first().waitFor();
    await page.keyboard.press('Escape');

    // Fluent's styles applied (Griffel's CSS reached the page): the header button has a real border radius.
    const radius = await page.getByRole('button', { name: 'Settings', exact: true }).evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
    expect(radius).not.toBe('0px');

    await page.goto(`${server.url}/?theme=dark`);
    await page.getByRole('heading', { name: 'Client dashboard' }).waitFor();
    expect(await violations()).toEqual([]);
  });

  it('the /connect wizard works with no violation', async () => {
    const res = await page.goto(`${server.url}/connect`);
    expect(res?.headers()['content-security-policy']).toContain('frame-ancestors');
    await page.getByRole('heading', { name: 'Connect your Business Central to your accountant' }).waitFor();
    await page.getByLabel('Business Central URL').fill('https://example.com/not-bc');
    await page.getByLabel('Company name').fill('Contoso Ltd');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(/not a Business Central address/).waitFor();
    expect(await violations()).toEqual([]);
  });

  it('another site cannot frame the tab', async () => {
    let other: Server | undefined;
    try {
      other = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<!doctype html><iframe id="f" src="${server.url}/connect" width="600" height="400"></iframe>`);
      });
      await new Promise<void>((r) => other?.listen(0, '127.0.0.1', r));
      const evil = await context.newPage();
      const blocked = new Promise<string>((r) => evil.on('console', (m) => { if (/frame-ancestors/.test(m.text())) r(m.text()); }));
      // A different origin (another port) framing the tab: Chromium refuses to render it.
      await evil.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      expect(await blocked).toMatch(/frame-ancestors/);
      const frame = evil.frames().find((f) => f !== evil.mainFrame());
      const shown = await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      expect(shown).not.toContain('Connect your Business Central');
      await evil.close();
    } finally {
      await new Promise<void>((r) => (other ? other.close(() => r()) : r()));
    }
  });
});
