import { loadConfig } from '../../src/config';
import { productionEnv } from '../../../test-support/production-env';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return (err as Error).message.split('\n').slice(1).map((l) => l.trim());
  }
};

describe('configuration', () => {
  it('starts the local demo with defaults', () => {
    expect(loadConfig({ DEV_IDENTITY: 'true' })).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', DEV_IDENTITY: true });
  });

  it('refuses the dev identity on a public interface', () => {
    expect(() => loadConfig({ DEV_IDENTITY: 'true', HOST: '0.0.0.0' })).toThrow(/DEV_IDENTITY: only allowed when HOST is a loopback address/);
  });

  it('names every missing production setting at once, never a value', () => {
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', DEV_IDENTITY: 'true', SECRET_BOT_PASSWORD: 'hunter2-secret', PORT: 'eighty' });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const key of ['AAD_APP_CLIENT_ID', 'DATABASE_URL', 'PUBLIC_URL', 'DEV_IDENTITY', 'PORT', 'SECRET_DOWNLOAD_LINK_KEY', 'AAD_ALLOWED_TENANTS', 'BOT_ID']) expect(message).toContain(key);
    expect(message).not.toContain('hunter2');
  });

  it('signs download links with a random key per start unless one is configured; a short one is refused', () => {
    const a = loadConfig({ DEV_IDENTITY: 'true' }).SECRET_DOWNLOAD_LINK_KEY;
    const b = loadConfig({ DEV_IDENTITY: 'true' }).SECRET_DOWNLOAD_LINK_KEY;
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(a).not.toBe(b);
    expect(loadConfig({ DEV_IDENTITY: 'true', SECRET_DOWNLOAD_LINK_KEY: 'k'.repeat(32) }).SECRET_DOWNLOAD_LINK_KEY).toBe('k'.repeat(32));
    expect(() => loadConfig({ DEV_IDENTITY: 'true', SECRET_DOWNLOAD_LINK_KEY: 'too-short' })).toThrow(/SECRET_DOWNLOAD_LINK_KEY/);
  });

  it('runs the bot without credentials only for the demo identity on loopback (the Agents Playground)', () => {
    expect(problems({ DEV_IDENTITY: 'true', HOST: '127.0.0.1' })).toEqual([]);
    expect(problems({ AAD_APP_CLIENT_ID: 'app', HOST: '127.0.0.1' })).toEqual(['BOT_ID: required unless DEV_IDENTITY=true on a loopback HOST (the Agents Playground)']);
    expect(problems({ DEV_IDENTITY: 'true', HOST: '0.0.0.0' })).toEqual(expect.arrayContaining([expect.stringMatching(/^BOT_ID: required unless/)]));
  });

  it('applies botbuilder\'s rules per bot type', () => {
    expect(problems(productionEnv())).toEqual([]);
    expect(problems(productionEnv({ BOT_TYPE: 'UserAssignedMSI', SECRET_BOT_PASSWORD: '' }))).toEqual([]);
    expect(problems(productionEnv({ BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: '' }))).toEqual([
      'BOT_TENANT_ID: required with BOT_TYPE=UserAssignedMSI', 'SECRET_BOT_PASSWORD: must be empty with BOT_TYPE=UserAssignedMSI (the managed identity has no password)',
    ]);
    expect(problems(productionEnv({ SECRET_BOT_PASSWORD: '', BOT_TENANT_ID: '' }))).toEqual(['BOT_TENANT_ID: required with BOT_TYPE=SingleTenant', 'SECRET_BOT_PASSWORD: required with BOT_TYPE=SingleTenant']);
    expect(problems(productionEnv({ BOT_TYPE: 'MultiTenant', BOT_TENANT_ID: '', SECRET_BOT_PASSWORD: '' }))).toEqual(['SECRET_BOT_PASSWORD: required with BOT_TYPE=MultiTenant']);
  });

  it('makes "any tenant may sign in" an explicit * in production', () => {
    expect(problems(productionEnv({ AAD_ALLOWED_TENANTS: '' }))).toEqual(['AAD_ALLOWED_TENANTS: required in production: tenant ids, or * for any tenant']);
    expect(loadConfig(productionEnv({ AAD_ALLOWED_TENANTS: '*' })).AAD_ALLOWED_TENANTS).toEqual([]);
    expect(loadConfig(productionEnv({ AAD_ALLOWED_TENANTS: 'A-Tenant, b-tenant' })).AAD_ALLOWED_TENANTS).toEqual(['a-tenant', 'b-tenant']);
    expect(problems(productionEnv({ AAD_ALLOWED_TENANTS: '*,a-tenant' }))).toEqual(['AAD_ALLOWED_TENANTS: `*` (any tenant) cannot be combined with tenant ids']);
  });

  it('reads TRUST_PROXY as a number of trusted proxies and APP_ONLY_TENANTS as firm:client pairs', () => {
    expect([undefined, 'false', '0', 'true', '1', '2'].map((v) => loadConfig({ DEV_IDENTITY: 'true', ...(v === undefined ? {} : { TRUST_PROXY: v }) }).TRUST_PROXY)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(problems({ DEV_IDENTITY: 'true', TRUST_PROXY: 'yes' })).toEqual(['TRUST_PROXY: true, false or a number of proxies (0-5)']);
    expect(loadConfig({ DEV_IDENTITY: 'true', APP_ONLY_TENANTS: 'firm-a:client-1, firm-a:client-2' }).APP_ONLY_TENANTS).toEqual(['firm-a:client-1', 'firm-a:client-2']);
    expect(problems({ DEV_IDENTITY: 'true', APP_ONLY_TENANTS: 'client-1' })).toEqual(['APP_ONLY_TENANTS.0: each entry is firmTenant:clientTenant']);
  });

  it('detects an abandoned refresh job within a minute by default, and refuses a threshold of fewer than three heartbeats', () => {
    const c = loadConfig({ DEV_IDENTITY: 'true' });
    expect(c.REFRESH_ABANDONED_AFTER_MS).toBeLessThan(60_000);
    expect(c.REFRESH_ABANDONED_AFTER_MS).toBeGreaterThanOrEqual(3 * c.REFRESH_HEARTBEAT_MS);
    expect(() => loadConfig({ DEV_IDENTITY: 'true', REFRESH_HEARTBEAT_MS: '10000', REFRESH_ABANDONED_AFTER_MS: '20000' }))
      .toThrow(/REFRESH_ABANDONED_AFTER_MS: must be at least three times REFRESH_HEARTBEAT_MS/);
  });
});
