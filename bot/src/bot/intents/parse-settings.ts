import type { AlertKind, BotSettingsChange } from '@hub/client-data';
import { simplify } from '../text/normalize';

const DAY_NAMES: Record<string, number> = {
  mon: 1, monday: 1, mondays: 1, tue: 2, tues: 2, tuesday: 2, tuesdays: 2, wed: 3, weds: 3, wednesday: 3, wednesdays: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, thursdays: 4, fri: 5, friday: 5, fridays: 5, sat: 6, saturday: 6, saturdays: 6,
  sun: 7, sunday: 7, sundays: 7,
};

const ALERT_WORDS: [RegExp, AlertKind[]][] = [
  [/\b(tax|taxes|vat|sales tax)\b/, ['taxDue']],
  [/\b(bills?|payables?|purchases?|purchase invoices?|supplier|vendor)\b/, ['overdueBills']],
  [/\b(overdue invoices?|invoices?|receivables?|sales|customer)\b/, ['overdueInvoices']],
  [/\b(invitations?|invites?)\b/, ['invitations']],
  [/\b(summary|summaries|digest|morning)\b/, ['summary']],
];
const ALL_ALERTS: AlertKind[] = ['overdueInvoices', 'overdueBills', 'taxDue', 'invitations'];

/** "7:30", "7.30", "7pm", "19:00", "at 7", "0730" → "07:30"; null when there is no time. */
export function parseTime(text: string): string | null {
  const t = text.toLowerCase();
  const m = /\b(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\W|$)/.exec(t.replace(/\bat\s+(\d{2})(\d{2})\b/, 'at $1:$2'));
  if (!m) return null;
  const hasClock = m[2] !== undefined || m[3] !== undefined || /\bat\s+\d/.test(t) || /\bo'?clock\b/.test(t);
  if (!hasClock) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const ampm = m[3]?.replace(/\./g, '');
  if (ampm && (h < 1 || h > 12)) return null;
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** "weekdays", "every day", "weekends", "mon, wed and fri", "monday to thursday" → ISO weekdays. */
export function parseDays(text: string): number[] | null {
  const t = simplify(text);
  if (/\b(weekdays|working days|work days|business days|mon fri|monday to friday|monday friday)\b/.test(t)) return [1, 2, 3, 4, 5];
  if (/\b(every day|everyday|daily|each day|all week|7 days|seven days)\b/.test(t)) return [1, 2, 3, 4, 5, 6, 7];
  if (/\b(weekends?)\b/.test(t)) return [6, 7];
  const words = t.split(' ');
  const days: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const d = DAY_NAMES[words[i] as string];
    if (d === undefined) continue;
    const to = DAY_NAMES[words[i + 2] as string];
    if ((words[i + 1] === 'to' || words[i + 1] === 'through' || words[i + 1] === 'till' || words[i + 1] === 'until') && to !== undefined) {
      for (let k = d; k !== to; k = (k % 7) + 1) days.push(k);
      days.push(to);
      i += 2;
    } else {
      days.push(d);
    }
  }
  return days.length > 0 ? [...new Set(days)].sort() : null;
}

/** An IANA zone named in the text ("Europe/Berlin", "UTC"), checked with Intl; null otherwise. */
export function parseTimeZone(text: string): string | null {
  const m = /\b([A-Za-z]+\/[A-Za-z_-]+(?:\/[A-Za-z_-]+)?|UTC|GMT)\b/.exec(text);
  if (!m) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: m[1] }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function parseAlerts(t: string): Partial<Record<AlertKind, boolean>> | null {
  const off = /\b(turn|switch|set)\b.*\boff\b|\b(disable|stop|mute|pause|silence|no more|dont send|don t send|do not send|unsubscribe)\b|\boff\b/.test(t);
  const on = /\b(turn|switch|set)\b.*\bon\b|\b(enable|start|unmute|resume|subscribe|send me)\b|\bon\s*$/.test(t);
  if (off === on) return null;
  const kinds = ALERT_WORDS.filter(([re]) => re.test(t)).flatMap(([, k]) => k);
  const chosen = kinds.length > 0 ? [...new Set(kinds)] : /\b(alerts?|notifications?|everything|all)\b/.test(t) ? ALL_ALERTS : [];
  if (chosen.length === 0) return null;
  return Object.fromEntries(chosen.map((k) => [k, on])) as Partial<Record<AlertKind, boolean>>;
}

/**
 * Reads a settings change from a chat message; null when the message is not about settings.
 * An empty change means "show my settings".
 */
export function parseSettings(text: string): BotSettingsChange | null {
  const t = simplify(text.replace(/[’']/g, ' '));
  const mentionsSettings = /\b(settings?|preferences?|prefs|options|config|configure)\b/.test(t);
  const mentionsSummary = /\b(summary|summaries|digest|report)\b/.test(t);
  const mentionsAlerts = /\b(alerts?|notifications?|notify|reminders?)\b/.test(t);
  const change: BotSettingsChange = {};

  const zone = /\b(time ?zone|tz)\b/.test(t) || /\b[A-Za-z]+\/[A-Za-z_]+\b/.test(text) ? parseTimeZone(text) : null;
  if (zone) change.timeZone = zone;
  if (mentionsSummary || mentionsSettings) {
    const time = parseTime(text);
    if (time) change.summaryTime = time;
    const days = /\b(on|every|each|only|send|set|change|move|deliver|want)\b/.test(t) ? parseDays(text) : null;
    if (days) change.summaryDays = days;
  }
  if (mentionsAlerts || mentionsSummary || /\b(turn|switch|disable|enable|mute|unmute)\b/.test(t)) {
    const alerts = parseAlerts(t);
    if (alerts && !(change.summaryTime && alerts.summary === true && Object.keys(alerts).length === 1)) change.alerts = alerts;
  }
  if (Object.keys(change).length > 0) return change;
  return mentionsSettings || (mentionsAlerts && /\b(my|show|what|which)\b/.test(t)) ? {} : null;
}
