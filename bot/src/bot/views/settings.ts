import type { AlertKind, BotSettings } from '@hub/client-data';
import { renderSettingsCard } from '../cards/cards';
import type { CardJson } from '../cards/render';
import { SETTINGS_VERB } from './common';

const ALERT_LABELS: Record<AlertKind, string> = {
  summary: 'Morning summary',
  overdueInvoices: 'Invoices becoming overdue',
  overdueBills: 'Bills becoming overdue',
  taxDue: 'Taxes coming due',
  invitations: 'Invitations accepted',
};
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function describeDays(days: readonly number[]): string {
  const key = [...days].sort().join(',');
  if (key === '1,2,3,4,5') return 'Weekdays (Mon–Fri)';
  if (key === '1,2,3,4,5,6,7') return 'Every day';
  if (key === '6,7') return 'Weekends';
  return [...days].sort().map((d) => DAY_NAMES[d - 1]).join(', ');
}

/** The user's bot settings, with a button per alert kind to switch it. */
export function settingsCard(s: BotSettings, changed?: string): CardJson {
  return renderSettingsCard({
    title: 'Your Accountant Hub settings',
    ...(changed ? { changed } : {}),
    facts: [
      { title: 'Morning summary', value: s.alerts.summary ? `${s.summaryTime}, ${describeDays(s.summaryDays)}` : 'Off' },
      { title: 'Time zone', value: `${s.timeZone}${s.timeZoneChosen ? '' : s.timeZone === 'UTC' ? ' (default)' : ' (from Teams)'}` },
    ],
    alerts: (Object.keys(ALERT_LABELS) as AlertKind[]).map((k) => ({
      label: ALERT_LABELS[k], state: s.alerts[k] ? 'On' : 'Off', color: s.alerts[k] ? 'Good' : 'Attention',
      toggle: s.alerts[k] ? 'Turn off' : 'Turn on', verb: SETTINGS_VERB, data: { change: { alerts: { [k]: !s.alerts[k] } } },
    })),
    examples: ['send my summary at 7:30', 'send my summary every day', 'turn off tax alerts', 'set my time zone to Europe/London'],
  });
}

/** "Morning summary now at 07:30." — what a change did, in words. */
export function describeChange(before: BotSettings, after: BotSettings): string {
  const out: string[] = [];
  if (before.summaryTime !== after.summaryTime) out.push(`summary time now ${after.summaryTime}`);
  if (before.summaryDays.join() !== after.summaryDays.join()) out.push(`summary days now ${describeDays(after.summaryDays)}`);
  if (before.timeZone !== after.timeZone || before.timeZoneChosen !== after.timeZoneChosen) out.push(`time zone now ${after.timeZone}`);
  for (const k of Object.keys(ALERT_LABELS) as AlertKind[]) {
    if (before.alerts[k] !== after.alerts[k]) out.push(`${ALERT_LABELS[k].toLowerCase()} ${after.alerts[k] ? 'on' : 'off'}`);
  }
  if (out.length === 0) return 'Nothing changed: that is already how it is set.';
  const text = out.join('; ');
  return `Done: ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
