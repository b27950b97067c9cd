/** Exponential backoff with full jitter: 0..base·2^attempt, capped (retries of many callers spread out). */
export function backoffMs(attempt: number, baseMs = 250, capMs = 8000, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
