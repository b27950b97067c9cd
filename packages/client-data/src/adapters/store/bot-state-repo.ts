import type { Db } from './db';

/** Proactive card kinds a user can switch off; every kind is on until switched off. */
export const ALERT_KINDS = ['summary', 'overdueInvoices', 'overdueBills', 'taxDue', 'invitations'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A user's bot preferences. Times are wall-clock in `timeZone`; days are ISO weekdays (1 = Monday). */
export interface BotSettings {
  summaryTime: string;
  summaryDays: number[];
  /** The zone in effect: the user's choice, else the one Teams reported, else UTC. */
  timeZone: string;
  timeZoneChosen: boolean;
  alerts: Record<AlertKind, boolean>;
}

export interface BotSettingsChange {
  summaryTime?: string;
  summaryDays?: number[];
  timeZone?: string;
  alerts?: Partial<Record<AlertKind, boolean>>;
}

/** Where to send a proactive card: the Bot Framework conversation reference, stored as received. */
export interface StoredConversation {
  userId: string;
  reference: Record<string, unknown>;
  serviceUrl: string;
  conversationId: string;
  updatedAt: string;
  goneAt: string | null;
}

export const DEFAULT_BOT_SETTINGS: Omit<BotSettings, 'timeZone' | 'timeZoneChosen'> = {
  summaryTime: '08:00',
  summaryDays: [1, 2, 3, 4, 5],
  alerts: { summary: true, overdueInvoices: true, overdueBills: true, taxDue: true, invitations: true },
};

export interface SettingsRow {
  summary_time: string; summary_days: number[]; time_zone: string | null; detected_time_zone: string | null;
  alerts: Partial<Record<AlertKind, boolean>>;
}
interface ConversationRow {
  user_id: string; reference: Record<string, unknown>; service_url: string; conversation_id: string; updated_at: Date; gone_at: Date | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function toSettings(r: SettingsRow | undefined): BotSettings {
  const alerts = { ...DEFAULT_BOT_SETTINGS.alerts };
  for (const k of ALERT_KINDS) if (typeof r?.alerts[k] === 'boolean') alerts[k] = r.alerts[k] as boolean;
  return {
    summaryTime: r?.summary_time ?? DEFAULT_BOT_SETTINGS.summaryTime,
    summaryDays: r ? [...r.summary_days].map(Number).sort() : [...DEFAULT_BOT_SETTINGS.summaryDays],
    timeZone: r?.time_zone ?? r?.detected_time_zone ?? 'UTC',
    timeZoneChosen: Boolean(r?.time_zone),
    alerts,
  };
}

const toConversation = (r: ConversationRow): StoredConversation => ({
  userId: r.user_id, reference: r.reference, serviceUrl: r.service_url, conversationId: r.conversation_id,
  updatedAt: new Date(r.updated_at).toISOString(), goneAt: r.gone_at ? new Date(r.gone_at).toISOString() : null,
});

/** Whether Intl knows the IANA time zone name. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The bot's per-user state: the conversation to send proactive cards to, and preferences. */
export class BotStateRepo {
  constructor(private readonly db: Db) {}

  /** Upserts the user's conversation reference (every activity); a new activity means the user is back. */
  async saveConversation(userId: string, reference: Record<string, unknown>, serviceUrl: string, conversationId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO bot_conversations (user_id, reference, service_url, conversation_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET reference = EXCLUDED.reference, service_url = EXCLUDED.service_url,
         conversation_id = EXCLUDED.conversation_id, updated_at = now(), gone_at = NULL`,
      [userId, JSON.stringify(reference), serviceUrl, conversationId],
    );
  }

  async conversation(userId: string): Promise<StoredConversation | null> {
    const [r] = await this.db.query<ConversationRow>('SELECT * FROM bot_conversations WHERE user_id = $1', [userId]);
    return r ? toConversation(r) : null;
  }

  /** Every reachable conversation (proactive senders). */
  async conversations(): Promise<StoredConversation[]> {
    return (await this.db.query<ConversationRow>('SELECT * FROM bot_conversations WHERE gone_at IS NULL ORDER BY user_id')).map(toConversation);
  }

  /** Teams answered 403/404: the user removed the app. Kept, so a later install finds the settings. */
  async markGone(userId: string, at: Date = new Date()): Promise<void> {
    await this.db.query('UPDATE bot_conversations SET gone_at = $2 WHERE user_id = $1', [userId, at]);
  }

  async settings(userId: string): Promise<BotSettings> {
    const [r] = await this.db.query<SettingsRow>('SELECT summary_time, summary_days, time_zone, detected_time_zone, alerts FROM bot_settings WHERE user_id = $1', [userId]);
    return toSettings(r);
  }

  /** Applies a change and returns the settings now in effect. Throws RangeError on a bad value. */
  async updateSettings(userId: string, change: BotSettingsChange): Promise<BotSettings> {
    if (change.summaryTime !== undefined && !TIME.test(change.summaryTime)) throw new RangeError('summaryTime must be HH:MM');
    if (change.summaryDays !== undefined && (change.summaryDays.length === 0 || change.summaryDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))) {
      throw new RangeError('summaryDays must be ISO weekdays 1..7');
    }
    if (change.timeZone !== undefined && !isTimeZone(change.timeZone)) throw new RangeError('timeZone is not a known time zone');
    const alerts = Object.fromEntries(Object.entries(change.alerts ?? {}).filter(([k, v]) => (ALERT_KINDS as readonly string[]).includes(k) && typeof v === 'boolean'));
    const days = change.summaryDays ? [...new Set(change.summaryDays)].sort() : null;
    const [r] = await this.db.query<SettingsRow>(
      `INSERT INTO bot_settings (user_id, summary_time, summary_days, time_zone, alerts)
       VALUES ($1, COALESCE($2, '08:00'), COALESCE($3::smallint[], '{1,2,3,4,5}'), $4, $5::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET summary_time = COALESCE($2, bot_settings.summary_time),
         summary_days = COALESCE($3::smallint[], bot_settings.summary_days), time_zone = COALESCE($4, bot_settings.time_zone),
         alerts = bot_settings.alerts || $5::jsonb, updated_at = now()
       RETURNING summary_time, summary_days, time_zone, detected_time_zone, alerts`,
      [userId, change.summaryTime ?? null, days, change.timeZone ?? null, JSON.stringify(alerts)],
    );
    return toSettings(r);
  }

  /** Records the time zone Teams reports for the user's client (used until the user picks one). */
  async noteTimeZone(userId: string, timeZone: string): Promise<void> {
    if (!isTimeZone(timeZone)) return;
    await this.db.query(
      `INSERT INTO bot_settings (user_id, detected_time_zone) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET detected_time_zone = EXCLUDED.detected_time_zone
       WHERE bot_settings.detected_time_zone IS DISTINCT FROM EXCLUDED.detected_time_zone`,
      [userId, timeZone],
    );
  }
}
