/**
 * Invitations in real Chromium against the real server (sandbox, fresh database, dev identity, mail to a local SMTP
 * server): the client's wizard at /connect, the emailed link, sign-in, the acceptance page, the client on the dashboard.
 */
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { chromiumAvailable, launchChromium } from './support/browser';
import { DIST_DIR, ensureTabBuilt } from './support/build-tab';
import type { LocalSmtp } from '../../test-support/smtp';
import type { TestServer } from '../../test-support/server';

const REPO = resolve(__dirname, '..', '..');
const why = chromiumAvailable() ? null : 'Debian chromium is not installed';
const maybe = why && !process.env.CI ? describe.skip : describe;
if (why) process.stderr.write(`invitation browser tests skipped: ${why}\n`);

maybe('invitations in Chromium', () => {
  jest.setTimeout(180_000);
  let server: TestServer;
  let smtp: LocalSmtp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureTabBuilt();
    const { startLocalSmtp } = (await import(join(REPO, 'test-support', 'smtp.ts'))) as typeof import('../../test-support/smtp');
    const { startTestServer } = (await import(join(REPO, 'test-support', 'server.ts'))) as typeof import('../../test-support/server');
    smtp = await startLocalSmtp();
    server = await startTestServer({ env: smtp.env, tabDir: DIST_DIR });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
    page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  let link = '';

  it('walks the client’s wizard: a wrong address is explained, a good one sends the invitation', async () => {
    await page.goto(`${server.url}/connect`);
    await page.getByRole('heading', { name: 'Connect your Business Central to your accountant' }).waitFor();
    await page.getByLabel('Company name').fill('Contoso Ltd');
    await page.getByLabel('Business Central URL').fill('https://example.com/not-bc');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(/not a Business Central address/).waitFor();

    const contoso = server.sandbox.tenants.find((t) => t.clientName === 'Contoso Ltd')?.tenantId;
    await page.getByLabel('Business Central URL').fill(`${server.sandboxUrl}/${contoso}/production`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('wizard-url-check').getByText(/environment production/).waitFor();

    await page.getByLabel("Your accountant's work email").fill('alice.accountant@demo.local');
    await page.getByLabel('Your name').fill('Chris Admin');
    await page.getByLabel('Your email').fill('chris@contoso.example');
    await page.getByLabel('Companies to share').fill('contoso  ltd\nFabrikam Ltd');
    await page.getByLabel('Message').fill('Welcome aboard!');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByTestId('wizard-done').getByText(/We emailed your accountant \(al…@demo\.local\)/).waitFor({ timeout: 30_000 });

    const mail = await smtp.waitFor((m) => m.to.includes('alice.accountant@demo.local'));
    link = mail.links.find((l) => l.includes('?invitation=')) ?? '';
    expect(link.startsWith(`${server.url}/?invitation=`)).toBe(true);
  });

  it('follows the link, signs in, sees who invites, accepts only the shared company, and finds it on the dashboard', async () => {
    await page.goto(link);
    // The token leaves the address bar at once (kept for this tab only, through the sign-in).
    await page.waitForFunction(() => !window.location.search.includes('invitation='));
    await page.getByLabel('Your name').fill('Alice Accountant');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Contoso Ltd invites you' }).waitFor({ timeout: 30_000 });
    await page.getByText('Chris Admin', { exact: true }).waitFor();
    await page.getByLabel('Message').getByText('Welcome aboard!').waitFor();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Contoso Ltd is on your dashboard' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('url-test-result').getByText('1 company found').waitFor();
    // The name Business Central does not have is named, in an accessible list; the inviter was emailed.
    const notFound = page.getByRole('list', { name: 'Company names not found in Business Central' });
    expect(await notFound.getByRole('listitem').allTextContents()).toEqual(['Fabrikam Ltd']);
    await page.getByText('We emailed Chris Admin (Contoso Ltd) your answer.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await smtp.waitFor((m) => m.to.includes('chris@contoso.example') && /accepted your invitation/.test(m.subject));
    await page.getByRole('button', { name: 'Go to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Client dashboard' }).waitFor();
    const grid = page.getByRole('grid', { name: 'Client companies' });
    await grid.getByText('Contoso Ltd').first().waitFor({ timeout: 30_000 });
    expect(await grid.getByText('Contoso Retail Ltd').count()).toBe(0);
  });

  it('a second visit of the same link says it was already used', async () => {
    await page.goto(link);
    await page.getByRole('heading', { name: 'This invitation was already used' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Go to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Client dashboard' }).waitFor();
  });

  it('the accountant invites a client from the Invitations window and sees it pending', async () => {
    await page.getByRole('button', { name: 'Invitations' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel("Client's email").fill('finance@fabrikam.example');
    await dialog.getByLabel('Company name').fill('Fabrikam GmbH');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Invitation sent to finance@fabrikam.example.').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Withdraw the invitation to finance@fabrikam.example' }).waitFor();
    const mail = await smtp.waitFor((m) => m.to.includes('finance@fabrikam.example'));
    expect(mail.links.some((l) => l.startsWith(`${server.url}/connect?invitation=`))).toBe(true);
  });
});
