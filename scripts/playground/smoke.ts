/**
 * Headless check of the Playground (start it first with scripts/playground/start.sh): the page
 * installs the bot (welcome card), a typed "summary" gets the summary card back, and a card's
 * Action.Execute button replaces the card. Exits non-zero on failure; prints one JSON line.
 */
import { chromium } from 'playwright-core';

const URL = process.env.PLAYGROUND_URL ?? 'http://localhost:56150';

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const result: Record<string, unknown> = { check: 'playground' };
  try {
    const page = await browser.newPage();
    await page.goto(URL);
    await page.getByText('Welcome to Accountant Hub', { exact: false }).first().waitFor({ timeout: 30_000 });
    result.welcome = true;
    const box = page.locator('[contenteditable="true"]').first();
    await box.click();
    await box.type('summary');
    await page.keyboard.press('Enter');
    await page.getByText('Summary of your clients', { exact: false }).first().waitFor({ timeout: 30_000 });
    result.summaryCard = true;
    await box.click();
    await box.type('settings');
    await page.keyboard.press('Enter');
    await page.getByText('Your Accountant Hub settings', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Turn off' }).first().click();
    await page.getByText('Done: Morning summary off', { exact: false }).first().waitFor({ timeout: 30_000 });
    result.executeUpdatedCard = true;
    await page.getByRole('button', { name: 'Turn on' }).first().click();
    await page.getByText('Done: Morning summary on', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: process.env.SCREENSHOT ?? '/tmp/playground.png', fullPage: true });
    result.ok = true;
  } catch (err) {
    result.ok = false;
    result.error = err instanceof Error ? err.message.split('\n')[0] : String(err);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}

void main();
