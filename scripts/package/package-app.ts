/**
 * Builds the Teams app package offline: manifest/build/appPackage.<env>.zip holding manifest.json (every
 * `${{VAR}}` filled from env/.env.<env>), color.png and outline.png; validated against the manifest's JSON
 * schema bundled in @microsoft/app-manifest (no network).
 *   npx tsx scripts/package/package-app.ts [--env local|dev|NAME]
 * Exit code 1 names every missing variable or schema error at once.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { ZipFile } from 'yazl';
import { EnvVars, fillPlaceholders, jsonStringEscape, loadEnvironment } from './env-files';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const MANIFEST_DIR = join(REPO_ROOT, 'manifest');
/** Fixed timestamp for every zip entry, so the same inputs give the same bytes. */
const ZIP_MTIME = new Date(2020, 0, 1, 0, 0, 0);

type ValidatableManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

export class PackageError extends Error {
  constructor(message: string, readonly problems: string[]) {
    super(`${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

/** Fills the manifest template; throws naming every variable without a value. */
export function renderManifest(template: string, vars: EnvVars, envLabel: string): Record<string, unknown> {
  const { text, missing } = fillPlaceholders(template, vars, jsonStringEscape);
  if (missing.length > 0) {
    throw new PackageError(
      `manifest/manifest.json: ${missing.length} variable(s) have no value in env/.env.${envLabel} (or the environment); ` +
        `run \`teamsapp provision --env ${envLabel}\` or set them`,
      missing,
    );
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** Schema errors of a manifest (empty = valid), using the schema bundled for its `$schema` URL. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  if (typeof manifest.$schema !== 'string') return ['/$schema is missing'];
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as ValidatableManifest);
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export function writeZip(entries: ZipEntry[], outPath: string): Promise<void> {
  mkdirSync(dirname(outPath), { recursive: true });
  return new Promise((done, fail) => {
    const zip = new ZipFile();
    for (const e of entries) zip.addBuffer(e.data, e.name, { mtime: ZIP_MTIME, mode: 0o100644 });
    const out = createWriteStream(outPath);
    out.on('close', () => done());
    out.on('error', fail);
    zip.outputStream.on('error', fail).pipe(out);
    zip.end();
  });
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
}

export interface PackageOptions {
  env: string;
  /** Variables to use instead of reading env/.env.<env> (tests). */
  vars?: EnvVars;
  manifestDir?: string;
  outDir?: string;
}

export async function packageApp(opts: PackageOptions): Promise<PackageResult> {
  const manifestDir = opts.manifestDir ?? MANIFEST_DIR;
  const vars = opts.vars ?? loadEnvironment(REPO_ROOT, opts.env, process.env);
  const manifest = renderManifest(readFileSync(join(manifestDir, 'manifest.json'), 'utf8'), vars, opts.env);

  const errors = await validateManifest(manifest);
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  const iconNames = [icons?.color, icons?.outline].filter((n): n is string => typeof n === 'string');
  for (const name of iconNames) {
    if (!existsSync(join(manifestDir, name))) errors.push(`icon ${name} not found in ${manifestDir}`);
  }
  if (errors.length > 0) throw new PackageError(`manifest/manifest.json (env ${opts.env}) is not valid`, errors);

  const zipPath = join(opts.outDir ?? join(manifestDir, 'build'), `appPackage.${opts.env}.zip`);
  await writeZip(
    [
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
      ...iconNames.map((name) => ({ name, data: readFileSync(join(manifestDir, name)) })),
    ],
    zipPath,
  );
  return { zipPath, manifest };
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

async function main(): Promise<void> {
  const env = argValue(process.argv.slice(2), '--env') ?? 'local';
  try {
    const { zipPath } = await packageApp({ env });
    console.log(`Teams app package: ${zipPath}`);
    console.log('Upload it in Teams: Apps > Manage your apps > Upload an app (see docs/deploy.md).');
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
