/**
 * Reports, Settings and the Clients window's sign-in choice, in real Chromium against the real server
 * (test-support/server.ts: embedded Business Central sandbox, fresh database, dev identity).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import * as yauzl from 'yauzl';
import { axeViolations } from './support/axe';
import { chromiumAvailable, launchChromium } from './support/browser';
import { ensureTabBuilt } from './support/build-tab';
import type { startTestServer, TestServer } from '../../test-support/server';

const REPO = resolve(__dirname, '..', '..');
const SERVER_MODULE = join(REPO, 'test-support', 'server.ts');
const USER = 'Demo Accountant';

const why = !chromiumAvailable() ? 'Debian chromium is not installed' : null;
const maybe = why && !process.env.CI ? describe.skip : describe;
if (why) process.stderr.write(`reports/settings browser tests skipped: ${why}\n`);

function zipEntries(file: string): Promise<string[]> {
  return new Promise((ok, fail) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return fail(err ?? new Error('no zip'));
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => ok(names));
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Client companies' });
const dataRows = (page: Page) => grid(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');

maybe('reports, settings and sign-in mode in Chromium', () => {
  jest.setTimeout(180_000);
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let contoso: { tenantId: string; url: string };
  const downloads = mkdtempSync(join(tmpdir(), 'hub-downloads-'));

  beforeAll(async () => {
    ensureTabBuilt();
    if (!existsSync(SERVER_MODULE)) throw new Error('test-support/server.ts is missing');
    const mod = (await import(SERVER_MODULE)) as { startTestServer: (o: Parameters<typeof startTestServer>[0]) => Promise<TestServer> };
    // The hub's administrator allowed the demo firm's app-only reading of the first client's tenant only.
    server = await mod.startTestServer({ env: ({ tenants, devTenant }) => ({ APP_ONLY_TENANTS: `${devTenant}:${tenants[0]?.tenantId}` }) });
    const token = await server.signIn(USER);
    // Two clients straight through the API (the Clients window has its own tests): at least two companies.
    const picked = server.sandbox.tenants.slice(0, 2);
    for (const t of picked) {
      const env = t.environments[0];
      if (!env) throw new Error('sandbox tenant without an environment');
      const r = await server.api(token, 'POST', '/api/v1/clients', { name: `${t.clientName} Books`, clientUrl: `${server.sandboxUrl}/${t.tenantId}/${env.name}` });
      if (r.status !== 201) throw new Error(`client not created: ${JSON.stringify(r.body)}`);
    }
    const first = picked[0];
    contoso = { tenantId: first?.tenantId ?? '', url: `${server.sandboxUrl}/${first?.tenantId}/${first?.environments[0]?.name}` };
    browser = await launchChromium();
    // A zone other than the server's UTC, so the suggested default is visibly the browser's.
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'America/Chicago', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and shows the companies', async () => {
    await page.goto(`${server.url}/?theme=light`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await dataRows(page).nth(1).waitFor({ timeout: 30_000 });
  });

  it('downloads a report from the row menu as the server names it, and it opens in exceljs', async () => {
    const row = dataRows(page).first();
    await row.getByRole('button', { name: /^More actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Reports…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Reports for/ });
    await dialog.getByRole('checkbox', { name: 'Balance sheet' }).waitFor();

    // Nothing chosen: says so.
    await dialog.getByRole('button', { name: 'Download' }).click();
    await dialog.getByText('Choose at least one report.').waitFor();

    // A range report shows From/To with the catalog's default; an inverted range is refused in the browser.
    await dialog.getByRole('checkbox', { name: 'Income statement' }).check();
    await dialog.getByText(/Leave empty for the default: year to date/).first().waitFor();
    await dialog.getByLabel('From').fill('2026-03-31');
    await dialog.getByLabel('To').fill('2026-01-01');
    await dialog.getByRole('button', { name: 'Download' }).click();
    await dialog.getByText('The start must not be after the end.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Income statement' }).uncheck();

    await dialog.getByRole('checkbox', { name: 'Balance sheet' }).check();
    const today = new Date().toISOString().slice(0, 10);
    await dialog.getByLabel('As of').fill(today);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByRole('button', { name: 'Download' }).click()]);
    // The browser fetched a signed link itself (no Blob made in the page, which Teams desktop may block).
    expect((download as Download).url().startsWith(`${server.url}/api/v1/reports/download?token=`)).toBe(true);
    const name = download.suggestedFilename();
    expect(name).toMatch(/\.xlsx$/);
    expect(name.toLowerCase()).toContain('balance');
    const file = join(downloads, name);
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    await dialog.getByText(/Download started/).waitFor();
    // The link worked once: opened again, it says so instead of serving the file.
    const again = await context.request.get(download.url());
    expect(again.status()).toBe(410);
    expect(await again.text()).toContain('This download link has already been used');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('explains a Business Central sign-in failure from the API error', async () => {
    server.sandbox.faults.set(contoso.tenantId, contoso.url.split('/').pop() ?? 'production', { status: 401, times: 1000 });
    try {
      await page.getByRole('searchbox', { name: 'Search clients and companies' }).fill(`${server.sandbox.tenants[0]?.clientName} Books`);
      await dataRows(page).first().getByRole('button', { name: /^More actions for/ }).click();
      await page.getByRole('menuitem', { name: 'Reports…' }).click();
      const dialog = page.getByRole('dialog', { name: /^Reports for/ });
      await dialog.getByRole('checkbox', { name: '13-week cash forecast' }).check();
      await dialog.getByRole('button', { name: 'Download' }).click();
      await dialog.getByText(/Sign-in needed/).waitFor({ timeout: 60_000 });
      await dialog.getByText(/Sign in again/).waitFor();
      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
      await dialog.waitFor({ state: 'hidden' });

      // The same failure on refresh: the row's status says to sign in again.
      await dataRows(page).first().getByRole('button', { name: /^More actions for/ }).click();
      await page.getByRole('menuitem', { name: 'Refresh' }).click();
      const status = grid(page).locator('[title*="Sign in again"]').first();
      await status.waitFor({ timeout: 60_000 });
    } finally {
      server.sandbox.faults.clear();
      await page.getByRole('searchbox', { name: 'Search clients and companies' }).fill('');
    }
  });

  it('downloads one zip for two selected companies', async () => {
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    const boxes = grid(page).getByRole('checkbox', { name: /^Select (?!all)/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Download reports' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reports for 2 companies' });
    await dialog.getByRole('checkbox', { name: 'Trial balance' }).check();
    await dialog.getByRole('checkbox', { name: 'Aged receivables' }).check();
    await dialog.getByLabel('Aging period').fill('2w');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(download.url()).toContain('/api/v1/reports/download?token=');
    const name = download.suggestedFilename();
    expect(name).toMatch(/\.zip$/);
    const file = join(downloads, name);
    await download.saveAs(file);
    const entries = (await zipEntries(file)).filter((n) => n.endsWith('.xlsx'));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('opens Reports from the Company Details drawer', async () => {
    await dataRows(page).first().getByRole('button', { name: /^More actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Company details' }).click();
    const drawer = page.getByRole('dialog').first();
    await drawer.getByRole('button', { name: 'Reports', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Reports for/ });
    await dialog.getByRole('checkbox', { name: 'Cash flow statement' }).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.waitForFunction(() => !document.getElementById('root')?.hasAttribute('aria-hidden'));
  });

  it('changes settings, suggesting the browser time zone, and finds them after a reload', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const zone = dialog.getByLabel('Time zone');
    await zone.waitFor();
    expect(await zone.inputValue()).toBe('America/Chicago');
    await dialog.getByText(/Suggested from this browser/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await zone.fill('Mars/Olympus');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Not a known time zone').waitFor();
    await zone.fill('Europe/Paris');
    await dialog.getByLabel('Morning summary at').fill('07:15');
    await dialog.getByRole('checkbox', { name: 'Friday' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Saturday' }).check();
    await dialog.getByRole('switch', { name: 'Taxes coming due' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Settings saved.').waitFor();

    if (!server.app.dev) throw new Error('dev identity off');
    const bot = await server.app.svc.botState.settings(await server.app.svc.users.ensure(server.app.dev.principalFor(USER)));
    expect(bot).toMatchObject({ summaryTime: '07:15', summaryDays: [1, 2, 3, 4, 6], timeZone: 'Europe/Paris', timeZoneChosen: true });
    expect(bot.alerts.taxDue).toBe(false);

    await page.reload();
    await dataRows(page).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const again = page.getByRole('dialog', { name: 'Settings' });
    await again.getByLabel('Time zone').waitFor();
    expect(await again.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    expect(await again.getByLabel('Morning summary at').inputValue()).toBe('07:15');
    expect(await again.getByRole('checkbox', { name: 'Friday' }).isChecked()).toBe(false);
    expect(await again.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(true);
    expect(await again.getByRole('switch', { name: 'Taxes coming due' }).isChecked()).toBe(false);
    expect(await again.getByRole('switch', { name: 'Morning summary' }).isChecked()).toBe(true);
    await again.getByRole('button', { name: 'Close', exact: true }).last().click();
    await again.waitFor({ state: 'hidden' });
  });

  it('round-trips how the hub signs in to Business Central, and sends it with Test Client URL', async () => {
    await page.getByRole('button', { name: 'Clients', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const clientName = `${server.sandbox.tenants[0]?.clientName} Books`;
    await dialog.getByRole('button', { name: `Edit ${clientName}` }).click();
    const group = dialog.getByRole('radiogroup', { name: 'Sign in to Business Central as' });
    expect(await group.getByRole('radio', { name: 'Me (invited external accountant)' }).isChecked()).toBe(true);
    await group.getByRole('radio', { name: /^The hub app/ }).check();
    await dialog.getByText(/Microsoft Entra Applications page of their Business Central/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/v1/client-url/test') && r.method() === 'POST'),
      dialog.getByRole('button', { name: 'Test Client URL' }).click(),
    ]);
    expect(JSON.parse(request.postData() ?? '{}')).toMatchObject({ bcAuthMode: 'app' });
    await dialog.getByTestId('url-test-result').waitFor({ timeout: 30_000 });

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText(`${clientName} was saved.`).waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: `Edit ${clientName}` }).click();
    expect(await dialog.getByRole('radio', { name: /^The hub app/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The second client's tenant was not allowed for this firm: the hub app cannot be chosen, and the form says why.
    const otherName = `${server.sandbox.tenants[1]?.clientName} Books`;
    await dialog.getByRole('button', { name: `Edit ${otherName}` }).click();
    const note = dialog.getByTestId('app-only-unavailable');
    await note.getByText(`tenant ${server.sandbox.tenants[1]?.tenantId} is not one of them`, { exact: false }).waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toMatch(/^The hub app is not available for this client\. The hub's app may read a client's Business Central only for tenants your firm's administrator has allowed/);
    expect(await dialog.getByRole('radio', { name: /^The hub app/ }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Me (invited external accountant)' }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const token = await server.signIn(USER);
    const clients = (await server.api(token, 'GET', '/api/v1/clients')).body.clients as Array<{ name: string; bcAuthMode: string }>;
    expect(clients.find((c) => c.name === clientName)?.bcAuthMode).toBe('app');
    expect(clients.find((c) => c.name !== clientName)?.bcAuthMode).toBe('delegated');
  });
});
