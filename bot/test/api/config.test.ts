import { loadConfig } from '../../src/config';

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
    for (const key of ['AAD_APP_CLIENT_ID', 'DATABASE_URL', 'PUBLIC_URL', 'DEV_IDENTITY', 'PORT', 'SECRET_DOWNLOAD_LINK_KEY']) expect(message).toContain(key);
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
});
