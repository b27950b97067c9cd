/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 2000, intervalMs = 20): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
