/** Runs the sandbox standalone: tsx packages/bc-sandbox/src/cli.ts --port 4010 [--host 127.0.0.1] [--seed 42] [--today YYYY-MM-DD] */
import { createSandbox } from './sandbox';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sandbox = createSandbox({ seed: arg('seed') ? Number(arg('seed')) : undefined, today: arg('today') });
  const url = await sandbox.listen(Number(arg('port') ?? 4010), arg('host') ?? '127.0.0.1');
  process.stdout.write(`Business Central sandbox listening on ${url}\n`);
  for (const t of sandbox.tenants) {
    for (const e of t.environments) {
      process.stdout.write(`  ${t.clientName}: ${url}/v2.0/${t.tenantId}/${e.name}/api/v2.0/companies  (${e.companies.map((c) => c.name).join(', ')})\n`);
    }
  }
  const stop = () => { void sandbox.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
