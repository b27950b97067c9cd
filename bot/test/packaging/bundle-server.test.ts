import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleServer } from '../../../scripts/package/bundle-server';
import { ROOT } from './helpers';

const FIXTURE = relative(ROOT, join(__dirname, 'fixtures', 'server-entry.ts'));

describe('server bundle (dist/server)', () => {
  let work: string;
  beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'bundle-server-')); });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs with plain `node main.js`, PGlite copied beside it, outside the repository', async () => {
    const tab = join(work, 'tab-dist');
    mkdirSync(join(tab, 'assets'), { recursive: true });
    writeFileSync(join(tab, 'index.html'), '<!doctype html><title>tab</title>');
    writeFileSync(join(tab, 'assets', 'app.js'), 'console.log(1)');
    const out = join(work, 'server');

    const result = await bundleServer({ entry: FIXTURE, outDir: out, tabDist: tab });

    expect(result.copiedPackages).toEqual(['@electric-sql/pglite']);
    expect(existsSync(join(out, 'node_modules', '@electric-sql', 'pglite', 'package.json'))).toBe(true);
    expect(readFileSync(join(out, 'public', 'index.html'), 'utf8')).toContain('<title>tab</title>');
    expect(existsSync(join(out, 'public', 'assets', 'app.js'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ private: true, main: 'main.js', scripts: { start: 'node main.js' } });
    expect(Object.keys(pkg.dependencies as object)).toEqual(['@electric-sql/pglite']);

    // Moved away from the repository, so nothing can be resolved from the workspace's node_modules.
    const moved = join(work, 'moved');
    execFileSync('cp', ['-r', out, moved]);
    const stdout = execFileSync(process.execPath, ['main.js'], { cwd: moved, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ answer: 42, adapter: 'function', pgPool: 'function', restify: 'function' });
  }, 90_000);

  it('refuses to bundle without the built tab, naming the fix', async () => {
    await expect(bundleServer({ entry: FIXTURE, outDir: join(work, 'no-tab'), tabDist: join(work, 'missing') })).rejects.toThrow(/npm run build:tab/);
  });

  it('names a missing entry', async () => {
    await expect(bundleServer({ entry: 'bot/src/does-not-exist.ts', outDir: join(work, 'x'), includeTab: false })).rejects.toThrow(/does not exist/);
  });

  const hasMain = existsSync(join(ROOT, 'bot', 'src', 'main.ts'));
  (hasMain ? it : it.skip)('bundles the real server entry bot/src/main.ts', async () => {
    const r = await bundleServer({ outDir: join(work, 'real'), includeTab: false });
    expect(r.bytes).toBeGreaterThan(1000);
  }, 90_000);
});
