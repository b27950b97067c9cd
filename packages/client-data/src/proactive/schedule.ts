/**
 * When a user's morning summary is due: pure functions over IANA time zones, using only Intl (the
 * ICU data built into Node carries the full tz database, so no date library is needed).
 */

export interface SummarySchedule {
  /** Wall-clock "HH:MM" in `timeZone`. */
  summaryTime: string;
  /** ISO weekdays (1 = Monday .. 7 = Sunday). */
  summaryDays: readonly number[];
  timeZone: string;
}

/** One occurrence of the summary: the user's local date it belongs to and the instant it is due. */
export interface SummaryOccurrence {
  localDate: string;
  at: Date;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in a zone. */
export function localParts(at: Date, timeZone: string): { date: string; time: string; isoWeekday: number; wallMs: number } {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const wallMs = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const isoWeekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, time: `${p.hour}:${p.minute}`, isoWeekday, wallMs };
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return localParts(new Date(whole), timeZone).wallMs - whole;
}

/** The local date `days` after `date` (YYYY-MM-DD, calendar arithmetic). */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysUntil(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The instant a wall-clock time on a local date happens in a zone. On a DST change day: a time that
 * happens twice (clocks go back) is its first occurrence; a time that does not exist (clocks go
 * forward, e.g. 02:30) is moved forward by the gap (03:30), so every local day has exactly one instant.
 */
export function zonedInstant(localDate: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number);
  const wall = Date.parse(`${localDate}T00:00:00Z`) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  const exact = candidates.find((t) => localParts(new Date(t), timeZone).wallMs === wall);
  // No exact match: the time falls in a spring-forward gap; read it with the offset before the change.
  return new Date(exact ?? wall - before);
}

/** The summary occurrence on a local date, or null when the user does not want one that weekday. */
export function occurrenceOn(localDate: string, s: SummarySchedule): SummaryOccurrence | null {
  const weekday = ((new Date(`${localDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  if (!s.summaryDays.includes(weekday)) return null;
  return { localDate, at: zonedInstant(localDate, s.summaryTime, s.timeZone) };
}

/**
 * The summary to send now, if any: the latest occurrence at or before `now` that is at most `graceMs`
 * old (a server that was down at 08:00 still sends at 08:10; one down all morning does not send a
 * stale "good morning" at 15:00). Enqueued under a key per local date, so it fires once per day.
 */
export function dueSummary(s: SummarySchedule, now: Date, graceMs: number): SummaryOccurrence | null {
  const today = localParts(now, s.timeZone).date;
  for (const date of [today, addLocalDays(today, -1)]) {
    const o = occurrenceOn(date, s);
    if (o && o.at.getTime() <= now.getTime() && now.getTime() - o.at.getTime() <= graceMs) return o;
  }
  return null;
}

/** The next summary strictly after `now` (for settings and admin views); null when no weekday is chosen. */
export function nextSummary(s: SummarySchedule, now: Date): SummaryOccurrence | null {
  const today = localParts(now, s.timeZone).date;
  for (let i = -1; i <= 8; i++) {
    const o = occurrenceOn(addLocalDays(today, i), s);
    if (o && o.at.getTime() > now.getTime()) return o;
  }
  return null;
}

/** The outbox key of a user's summary for a local date. */
export const summaryKey = (userId: string, localDate: string) => `summary:${userId}:${localDate}`;
