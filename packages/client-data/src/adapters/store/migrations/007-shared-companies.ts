import type { Migration } from './migration';

export const migration: Migration = {
  id: 7,
  name: 'shared companies: the client\'s sharing choice, names not found, the inviter told of the answer',
  sql: `
    -- The companies a client chose to share, as it typed them (an invitation's "Companies to share"); null = every
    -- company of the environment. Discovery adds only companies matching one of these names.
    ALTER TABLE clients ADD COLUMN shared_companies text[];
    -- Names an accepted invitation listed that matched no Business Central company.
    ALTER TABLE invitations ADD COLUMN companies_not_found text[] NOT NULL DEFAULT '{}';
    -- The email telling the inviter about the answer: when it went, or why it could not (the answer stands either way).
    ALTER TABLE invitations ADD COLUMN inviter_notified_at timestamptz, ADD COLUMN inviter_notice_error text;
  `,
};
