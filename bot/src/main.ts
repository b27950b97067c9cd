import { createSandbox } from '@hub/bc-sandbox';
import { SandboxGuestTokenProvider } from '@hub/client-data';
import { createApp } from './app';
import { loadConfig } from './config';
import { seedDemo } from './demo/seed-demo';
import { createLogger } from './observability/logger';

/** Composition root: configuration, the embedded demo sandbox when asked, the app, signals. */
async function main(): Promise<void> {
  const demoDefaults = process.env.NODE_ENV === 'production' ? {} : { DEV_IDENTITY: 'true', EMBEDDED_SANDBOX: 'true' };
  const config = loadConfig({ ...demoDefaults, ...process.env });
  const logger = createLogger(config.LOG_LEVEL);

  let sandbox: ReturnType<typeof createSandbox> | null = null;
  if (config.EMBEDDED_SANDBOX) {
    sandbox = createSandbox();
    const url = await sandbox.listen(config.SANDBOX_PORT, '127.0.0.1');
    config.BC_EXTRA_ALLOWED_HOSTS = [...config.BC_EXTRA_ALLOWED_HOSTS, new URL(url).host];
    logger.info({ url }, 'local Business Central sandbox started');
  }
  // Each demo client tenant sees the accountant as its own user, as Business Central does (its limits are per user).
  const app = await createApp({ config, logger, ...(sandbox ? { tokens: new SandboxGuestTokenProvider() } : {}) });
  const url = await app.listen();

  if (sandbox && app.dev) {
    const principal = app.dev.principalFor('Demo Accountant');
    await seedDemo({ svc: app.svc, principal, sandboxUrl: sandbox.url, tenants: sandbox.tenants, log: logger });
  }
  logger.info({ url }, 'Accountant Hub is running');
  process.stdout.write(`\n  Accountant Hub: open ${url}\n\n`);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
