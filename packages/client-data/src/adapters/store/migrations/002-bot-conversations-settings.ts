import type { Migration } from './migration';

export const migration: Migration = {
  id: 2,
  name: 'bot conversation references and settings',
  sql: `
    -- One personal conversation per user: where proactive cards go. Refreshed on every activity
    -- because Teams may move a conversation to another service URL.
    CREATE TABLE bot_conversations (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      reference jsonb NOT NULL,
      service_url text NOT NULL,
      conversation_id text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Set when Teams says the user removed the app (403/404); cleared by the next activity.
      gone_at timestamptz
    );
    CREATE TABLE bot_settings (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      summary_time text NOT NULL DEFAULT '08:00' CHECK (summary_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      -- ISO weekdays, 1 = Monday .. 7 = Sunday.
      summary_days smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
      -- Chosen by the user; when null the zone Teams reports (detected_time_zone) applies.
      time_zone text,
      detected_time_zone text,
      -- Alert kinds switched on or off; a kind not listed is on.
      alerts jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
