import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's violations on the page, one line each (rule: first few targets). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Loaded through DevTools, like a script typed in its console: the tab's Content-Security-Policy rightly refuses an
  // inline <script> (page.addScriptTag) that is not its own.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Runtime.evaluate', { expression: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  await cdp.detach();
  // Fluent's focus manager (tabster) adds aria-hidden focus sentinels that hand focus on at once; they are left out.
  const result = (await page.evaluate('axe.run({ include: [document], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] })')) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
