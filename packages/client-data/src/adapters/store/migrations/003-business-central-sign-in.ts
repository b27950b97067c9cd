import type { Migration } from './migration';

export const migration: Migration = {
  id: 3,
  name: 'Business Central sign-in: auth mode per client, encrypted token caches',
  sql: `
    -- How the hub signs in to the client's Business Central: as the accountant ('delegated', on-behalf-of)
    -- or as the hub's app registered in the client's "Microsoft Entra Applications" page ('app').
    ALTER TABLE clients ADD COLUMN bc_auth_mode text NOT NULL DEFAULT 'delegated' CHECK (bc_auth_mode IN ('delegated', 'app'));
    -- msal-node token caches, one row per partition (user + client tenant, or app + client tenant),
    -- AES-256-GCM encrypted with a key from SECRET_TOKEN_CACHE_KEY; never readable without it.
    CREATE TABLE bc_token_caches (
      partition_key text PRIMARY KEY,
      ciphertext text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
