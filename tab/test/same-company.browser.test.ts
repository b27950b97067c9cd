/**
 * One Business Central company reached through two clients, in real Chromium against the real server (sandbox, fresh
 * database, dev identity): the Clients window warns on Test Client URL and on save, offers to keep one, and the
 * dashboard marks and counts the company once; the row menu keeps one; the Clients window shows a removed one again.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { chromiumAvailable, launchChromium } from './support/browser';
import { DIST_DIR, ensureTabBuilt } from './support/build-tab';
import type { TestServer } from '../../test-support/server';
import type { LocalSmtp } from '../../test-support/smtp';

const REPO = resolve(__dirname, '..', '..');
const SHOTS = join(REPO, 'artifacts', 'screenshots');
const CONTOSO = '7a3f2c1e-5b8d-4e6f-9a01-c0a1b2c3d4e5';
const why = chromiumAvailable() ? null : 'Debian chromium is not installed';
const maybe = why && !process.env.CI ? describe.skip : describe;
if (why) process.stderr.write(`same-company browser tests skipped: ${why}\n`);

maybe('the same company on two clients, in Chromium', () => {
  jest.setTimeout(180_000);
  let server: TestServer;
  let smtp: LocalSmtp;
  let browser: Browser;
  let page: Page;
  const grid = () => page.getByRole('grid', { name: 'Client companies' });
  const dataRows = () => grid().locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
  const count = () => page.getByRole('toolbar', { name: 'Dashboard view' }).getByRole('status');
  const dialog = () => page.getByRole('dialog');
  /** Waits for `read()` to give `expected` (the page settles after a dialog closes and the dashboard reloads). */
  async function settles<T>(read: () => Promise<T>, expected: T): Promise<void> {
    let last: T | undefined;
    for (let i = 0; i < 100; i += 1) {
      last = await read();
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
      await page.waitForTimeout(100);
    }
    expect(last).toEqual(expected);
  }

  beforeAll(async () => {
    ensureTabBuilt();
    const { startTestServer } = (await import(join(REPO, 'test-support', 'server.ts'))) as typeof import('../../test-support/server');
    const { startLocalSmtp } = (await import(join(REPO, 'test-support', 'smtp.ts'))) as typeof import('../../test-support/smtp');
    smtp = await startLocalSmtp();
    server = await startTestServer({ env: smtp.env, tabDir: DIST_DIR });
    // The accountant already has Contoso (by its tenant GUID), refreshed.
    const token = await server.signIn('Demo Accountant');
    expect((await server.api(token, 'POST', '/api/v1/clients', { name: 'Contoso Ltd', clientUrl: `${server.sandboxUrl}/${CONTOSO}/production` })).status).toBe(201);
    await server.api(token, 'POST', '/api/v1/refresh-jobs', {});
    await server.app.svc.refresh.idle();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' })).newPage();
    page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`));
    await page.goto(`${server.url}/?theme=light`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await dataRows().first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function newClient(name: string, url: string): Promise<void> {
    await page.getByRole('button', { name: 'Clients', exact: true }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    await dialog().getByLabel('Client name').fill(name);
    await dialog().getByLabel('Client URL').fill(url);
  }

  it('Test Client URL and Add client warn, and Cancel leaves nothing added', async () => {
    await newClient('Contoso by domain', `${server.sandboxUrl}/contoso.co.uk/production`);
    await dialog().getByRole('button', { name: 'Test Client URL' }).click();
    const notice = dialog().getByTestId('same-company-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/Already on your dashboard2 companies are already on your dashboard: Contoso Ltd \(under “Contoso Ltd”\) and Contoso Retail Ltd \(under “Contoso Ltd”\).*name the tenant differently \(contoso\.co\.uk and 7a3f/);
    expect(await axeViolations(page)).toEqual([]);

    await dialog().getByRole('button', { name: 'Add client' }).click();
    const choice = dialog().getByTestId('keep-one-choice');
    await choice.waitFor({ timeout: 30_000 });
    await choice.getByText('“Contoso by domain” was saved: choose what to keep').waitFor();
    await choice.getByText(/2 companies are already on your dashboard: Contoso Ltd \(under “Contoso Ltd”\)/).waitFor();
    expect(await choice.getByRole('radio', { name: /^Keep both/ }).isChecked()).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'same-company-choice.png') });
    expect(await axeViolations(page)).toEqual([]);
    await choice.getByRole('radio', { name: /^Cancel: do not add “Contoso by domain”/ }).check();
    await choice.getByRole('button', { name: 'Apply' }).click();
    await dialog().getByText('“Contoso by domain” was not added.').waitFor();
    expect(await dialog().getByRole('table', { name: 'Clients' }).getByRole('row').allTextContents()).not.toContainEqual(expect.stringContaining('Contoso by domain'));
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await settles(() => count().textContent(), '2 companies');
  });

  it('Keep both: the dashboard shows both rows, marked, and counts each company once', async () => {
    await newClient('Contoso again', `${server.sandboxUrl}/${CONTOSO.toUpperCase()}/PRODUCTION`);
    await dialog().getByRole('button', { name: 'Add client' }).click();
    const choice = dialog().getByTestId('keep-one-choice');
    await choice.waitFor({ timeout: 30_000 });
    await choice.getByRole('button', { name: 'Apply' }).click();
    await dialog().getByText('“Contoso again” was saved. 2 companies are shown under both clients and counted once.').waitFor();
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await settles(() => dataRows().count(), 4);
    await settles(() => page.getByTestId('same-company-mark').count(), 4);
    expect(await count().textContent()).toBe('2 companies · 2 also shown under another client, counted once');
    await page.getByTestId('same-company-mark').first().hover();
    await page.screenshot({ path: join(SHOTS, 'same-company-dashboard.png') });
    const marks = await page.getByTestId('same-company-mark').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(marks).toContain('Also under Contoso again: the same Business Central company, counted once (this row).');
    expect(marks).toContain('Also under Contoso Ltd: the same Business Central company, counted once (the row under Contoso Ltd).');
  });

  it('the row menu keeps one after confirmation; the Clients window shows it again on request', async () => {
    const row = dataRows().filter({ hasText: 'Contoso again' }).filter({ hasText: 'Contoso Retail Ltd' });
    await row.getByRole('button', { name: 'More actions for Contoso Retail Ltd' }).click();
    await page.getByRole('menuitem', { name: 'Keep only under this client…' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Keep Contoso Retail Ltd only under “Contoso again”?').waitFor();
    // Cancel changes nothing.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await settles(() => dataRows().count(), 4);
    await row.getByRole('button', { name: 'More actions for Contoso Retail Ltd' }).click();
    await page.getByRole('menuitem', { name: 'Keep only under this client…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove from Contoso Ltd' }).click();
    await page.getByText('Contoso Retail Ltd is shown under “Contoso again” only.').first().waitFor();
    await settles(() => dataRows().count(), 3);
    await settles(() => page.getByTestId('same-company-mark').count(), 2);
    expect(await count().textContent()).toBe('2 companies · 1 also shown under another client, counted once');

    await page.getByRole('button', { name: 'Clients', exact: true }).click();
    await dialog().getByRole('button', { name: 'Edit Contoso Ltd' }).click();
    const removed = dialog().getByRole('region', { name: 'Companies removed from this client' });
    await removed.getByText('Contoso Retail Ltd').waitFor();
    await removed.getByRole('button', { name: 'Show Contoso Retail Ltd under this client again' }).click();
    await removed.getByText('Contoso Retail Ltd is shown under this client again; its figures come with the next refresh.').waitFor();
    expect(await removed.getByTestId('same-company-notice').textContent()).toContain('Contoso Retail Ltd (under “Contoso again”)');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await settles(() => page.getByTestId('same-company-mark').count(), 4);
    expect(await count().textContent()).toBe('2 companies · 2 also shown under another client, counted once');
  });

  it('the acceptance page of an invitation for a company already there warns and keeps one', async () => {
    const sent = await server.api(null, 'POST', '/api/v1/public/invitations', {
      companyName: 'Contoso Group', clientUrl: `${server.sandboxUrl}/contoso.co.uk/production`, inviterName: 'Chris Admin',
      accountantEmail: 'demo.accountant@demo.local', companies: ['Contoso Ltd'],
    });
    expect(sent.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes('demo.accountant@demo.local'));
    await page.goto(mail.links.find((l) => l.includes('?invitation=')) ?? '');
    await page.getByRole('heading', { name: 'Contoso Group invites you' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Contoso Group is on your dashboard' }).waitFor({ timeout: 30_000 });
    const choice = page.getByTestId('keep-one-choice');
    await choice.getByText(/Contoso Ltd \(under “Contoso again” and “Contoso Ltd”\) is already on your dashboard/).waitFor();
    // Accepted already: keep both or keep one, no cancelling.
    expect(await choice.getByRole('radio').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await choice.getByRole('radio', { name: 'Keep it only under “Contoso again” and “Contoso Ltd”: remove it from “Contoso Group”' }).check();
    await choice.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Contoso Ltd stays under “Contoso again” and “Contoso Ltd” only; removed from “Contoso Group”.').waitFor();
    await page.getByRole('button', { name: 'Go to the dashboard' }).click();
    await settles(() => dataRows().count(), 4);
    expect(await dataRows().filter({ hasText: 'Contoso Group' }).count()).toBe(0);
  });
});
