import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, found from the working directory (jest runs this file as CommonJS, tsx as ESM). */
function findRepo(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'tab', 'vite.config.ts'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('Run from inside the repository: tab/vite.config.ts not found');
    dir = up;
  }
  return dir;
}
const REPO = findRepo();
export const TAB_DIR = join(REPO, 'tab');
export const DIST_DIR = join(TAB_DIR, 'dist');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Builds the tab when tab/dist is missing or older than its sources (or the contracts it imports, or this file).
 * Always a production build: jest sets NODE_ENV=test, which the child would inherit, and vite would then bundle
 * React's development build, several times slower, into tab/dist, where bench:tab measured it.
 */
export function ensureTabBuilt(): void {
  const index = join(DIST_DIR, 'index.html');
  const sources = [join(TAB_DIR, 'src'), join(TAB_DIR, 'index.html'), join(TAB_DIR, 'vite.config.ts'), join(REPO, 'packages', 'contracts', 'src'), join(TAB_DIR, 'test', 'support', 'build-tab.ts')];
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource) return;
  // A child process: vite is ESM-only and jest runs these tests as CommonJS.
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(TAB_DIR, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
