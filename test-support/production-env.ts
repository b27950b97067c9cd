/**
 * A complete production configuration for tests (every key production requires, no demo identity), pointing at
 * nothing real: tests inject their own database and override the Bot Framework endpoints. `extra` replaces or
 * (with '') empties keys.
 */
export const PRODUCTION_BOT_ID = '5b0c3e1a-7d2f-4c6b-9a8e-1f2d3c4b5a69';
export const PRODUCTION_BOT_TENANT = 'a1b2c3d4-0000-4000-8000-0000000000b0';

export function productionEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info',
    DATABASE_URL: 'postgres://hub@127.0.0.1:1/not-used-tests-inject-a-database', PUBLIC_URL: 'https://hub.example.com',
    AAD_APP_CLIENT_ID: '6a1e8c2f-0000-4000-8000-00000000c1d0', SECRET_AAD_APP_CLIENT_SECRET: 'test-only-aad-secret',
    SECRET_TOKEN_CACHE_KEY: 'test-only-token-cache-key-0123456789abcdef', SECRET_DOWNLOAD_LINK_KEY: 'test-only-download-link-key-0123456789abcdef',
    AAD_ALLOWED_TENANTS: '*',
    BOT_ID: PRODUCTION_BOT_ID, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: PRODUCTION_BOT_TENANT, SECRET_BOT_PASSWORD: 'test-only-bot-password',
    SCHEDULER_ENABLED: 'false',
    ...extra,
  };
}
