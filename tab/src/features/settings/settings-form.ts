import { userSettingsUpdateSchema, type AlertKindName, type UserSettings, type UserSettingsUpdate } from '@hub/contracts';

export const WEEKDAYS: ReadonlyArray<readonly [number, string]> = [
  [1, 'Monday'], [2, 'Tuesday'], [3, 'Wednesday'], [4, 'Thursday'], [5, 'Friday'], [6, 'Saturday'], [7, 'Sunday'],
];

export interface SettingsFormValues {
  summaryTime: string;
  summaryDays: number[];
  timeZone: string;
  alerts: Record<AlertKindName, boolean>;
}
export type SettingsErrors = Partial<Record<'summaryTime' | 'summaryDays' | 'timeZone', string>>;

/** This browser's IANA zone (the suggestion while the user has not chosen one), UTC when unknown. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone this browser knows, for the picker's suggestions. */
export function timeZoneNames(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return list.includes('UTC') ? list : [...list, 'UTC'];
}

export function formFromSettings(s: UserSettings, suggestedZone: string): SettingsFormValues {
  return {
    summaryTime: s.summaryTime,
    summaryDays: [...s.summaryDays],
    timeZone: s.timeZoneChosen ? s.timeZone : suggestedZone,
    alerts: { ...s.alerts },
  };
}

/** The contracts' checks, with the first message per field; the server checks again. */
export function validateSettings(v: SettingsFormValues): { change: UserSettingsUpdate } | { errors: SettingsErrors } {
  const change: UserSettingsUpdate = { summaryTime: v.summaryTime.slice(0, 5), summaryDays: v.summaryDays, timeZone: v.timeZone.trim(), alerts: v.alerts };
  const r = userSettingsUpdateSchema.safeParse(change);
  if (r.success) return { change };
  const errors: SettingsErrors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0]) as keyof SettingsErrors;
    if (key === 'summaryTime' || key === 'summaryDays' || key === 'timeZone') errors[key] = errors[key] ?? (key === 'summaryTime' && !v.summaryTime ? 'Enter a time' : issue.message);
  }
  return { errors };
}
