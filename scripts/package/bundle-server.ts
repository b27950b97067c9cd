/**
 * Bundles the server (bot/src/main.ts and every workspace package it imports) into one CommonJS file for
 * Azure App Service, which runs `node main.js` in the deployed folder:
 *   dist/server/main.js (+ .map)   the server, platform node, target node20
 *   dist/server/package.json       minimal: name, private, main, start script, engines, what is copied
 *   dist/server/node_modules/...   packages that cannot be bundled (PGlite loads its .wasm/.data files
 *                                  from beside its own module), copied with their dependencies
 *   dist/server/public/            the built tab (tab/dist; run `npm run build:tab` first)
 *   npx tsx scripts/package/bundle-server.ts [--entry bot/src/main.ts] [--out dist/server] [--no-tab]
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

const REPO_ROOT = resolve(__dirname, '..', '..');

/** Kept out of the bundle and copied into node_modules with their dependencies. */
export const COPIED_EXTERNALS = ['@electric-sql/pglite'];
/** Optional native add-ons that their importers load inside try/catch; neither bundled nor shipped. */
export const OPTIONAL_EXTERNALS = ['pg-native', 'dtrace-provider', 'bufferutil', 'utf-8-validate'];

export interface BundleOptions {
  root?: string;
  entry?: string;
  outDir?: string;
  /** Copy tab/dist to <outDir>/public (default true; fails when tab/dist is missing). */
  includeTab?: boolean;
  tabDist?: string;
  minify?: boolean;
}

export interface BundleResult {
  outDir: string;
  mainFile: string;
  copiedPackages: string[];
  bytes: number;
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The folder of an installed package as Node would find it from `fromDir`, or undefined. */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Copies a package and, recursively, its installed dependencies into <outDir>/node_modules. */
function copyPackageTree(name: string, fromDir: string, outDir: string, copied: Map<string, string>): void {
  if (copied.has(name)) return;
  const dir = findPackageDir(name, fromDir);
  if (!dir) throw new Error(`Cannot find package ${name} (from ${fromDir}); run npm install`);
  const pkg = readJson<PackageJson>(join(dir, 'package.json'));
  copied.set(name, pkg.version ?? '*');
  cpSync(dir, join(outDir, 'node_modules', name), {
    recursive: true,
    dereference: true,
    filter: (src) => !/[\\/]node_modules[\\/]\.cache([\\/]|$)/.test(src),
  });
  for (const dep of Object.keys(pkg.dependencies ?? {})) copyPackageTree(dep, dir, outDir, copied);
  for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
    if (findPackageDir(dep, dir)) copyPackageTree(dep, dir, outDir, copied);
  }
}

/** Externals the bundle really imports (esbuild's metafile lists them as external imports). */
function importedExternals(meta: Metafile): Set<string> {
  const names = new Set<string>();
  for (const input of Object.values(meta.inputs)) {
    for (const imp of input.imports) {
      if (!imp.external) continue;
      const match = COPIED_EXTERNALS.find((n) => imp.path === n || imp.path.startsWith(`${n}/`));
      if (match) names.add(match);
    }
  }
  return names;
}

export async function bundleServer(opts: BundleOptions = {}): Promise<BundleResult> {
  const root = opts.root ?? REPO_ROOT;
  const entry = resolve(root, opts.entry ?? 'bot/src/main.ts');
  const outDir = resolve(root, opts.outDir ?? 'dist/server');
  const tabDist = resolve(root, opts.tabDist ?? 'tab/dist');
  const includeTab = opts.includeTab ?? true;
  if (!existsSync(entry)) throw new Error(`Server entry ${relative(root, entry)} does not exist`);
  if (includeTab && !existsSync(join(tabDist, 'index.html'))) {
    throw new Error(`${relative(root, tabDist)}/index.html not found: run \`npm run build:tab\` first (or pass --no-tab)`);
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const mainFile = join(outDir, 'main.js');

  const result = await build({
    entryPoints: [entry],
    outfile: mainFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify: opts.minify ?? false,
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
    external: [...COPIED_EXTERNALS, ...OPTIONAL_EXTERNALS],
    // ESM dependencies that use import.meta.url keep working in the CommonJS bundle.
    define: { 'import.meta.url': '__bundleImportMetaUrl' },
    banner: { js: "const __bundleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    legalComments: 'linked',
  });

  const copied = new Map<string, string>();
  for (const name of importedExternals(result.metafile)) copyPackageTree(name, dirname(entry), outDir, copied);

  const rootPkg = readJson<PackageJson>(join(root, 'package.json'));
  const serverPkg = {
    name: 'accountant-hub-server',
    version: rootPkg.version ?? '0.0.0',
    private: true,
    description: 'Accountant Hub server, bundled by scripts/package/bundle-server.ts',
    main: 'main.js',
    scripts: { start: 'node main.js' },
    engines: { node: '>=20' },
    // Already present under node_modules; listed so `npm ls` and App Service see what was shipped.
    dependencies: Object.fromEntries([...copied].filter(([n]) => COPIED_EXTERNALS.includes(n))),
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(serverPkg, null, 2)}\n`);

  if (includeTab) cpSync(tabDist, join(outDir, 'public'), { recursive: true });

  return { outDir, mainFile, copiedPackages: [...copied.keys()], bytes: readFileSync(mainFile).length };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    const r = await bundleServer({ entry: value('--entry'), outDir: value('--out'), includeTab: !args.includes('--no-tab') });
    console.log(`Bundled ${relative(REPO_ROOT, r.mainFile)} (${(r.bytes / 1024).toFixed(0)} KiB)`);
    if (r.copiedPackages.length) console.log(`Copied into node_modules: ${r.copiedPackages.join(', ')}`);
    console.log(`Deploy folder: ${relative(REPO_ROOT, r.outDir)} (run there with \`node main.js\`)`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
