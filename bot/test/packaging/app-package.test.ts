import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { packageApp } from '../../../scripts/package/package-app';
import { PROVISIONED, ROOT, pngHeader, provisionedEnv, readZip } from './helpers';

// strip-bom 5, a dependency of @microsoft/app-manifest, is ESM-only: Node 20.19 require()s it, jest's CommonJS
// runtime cannot (before Node 24.9). Stand in for it with the same one-line function.
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s),
}));

describe('Teams app package (zip)', () => {
  let outDir: string;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
    const { zipPath } = await packageApp({ env: 'dev', vars: provisionedEnv('dev'), outDir });
    expect(zipPath).toBe(join(outDir, 'appPackage.dev.zip'));
    files = await readZip(zipPath);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('holds exactly manifest.json, color.png and outline.png at its root', () => {
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('holds the filled manifest', () => {
    const text = files.get('manifest.json')!.toString('utf8');
    expect(text).not.toContain('${{');
    const m = JSON.parse(text) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(m.id).toBe(PROVISIONED.TEAMS_APP_ID);
    expect(m.bots[0]!.botId).toBe(PROVISIONED.BOT_ID);
    expect(m.validDomains[0]).toBe(PROVISIONED.TAB_DOMAIN);
  });

  it('has a 192x192 full-colour icon', () => {
    const header = pngHeader(files.get('color.png')!);
    expect(header).toMatchObject({ width: 192, height: 192 });
    const png = PNG.sync.read(files.get('color.png')!);
    const alphas = new Set<number>();
    for (let i = 3; i < png.data.length; i += 4) alphas.add(png.data[i]!);
    expect([...alphas]).toEqual([255]); // full bleed, no transparency
  });

  it('has a 32x32 outline icon: white on transparent', () => {
    expect(pngHeader(files.get('outline.png')!)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    const png = PNG.sync.read(files.get('outline.png')!);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
      if (a === 0) { transparent++; continue; }
      expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque++;
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(opaque).toBeGreaterThan(32 * 4);
  });

  it('packs the committed icons unchanged', () => {
    expect(files.get('color.png')!.equals(readFileSync(join(ROOT, 'manifest', 'color.png')))).toBe(true);
    expect(files.get('outline.png')!.equals(readFileSync(join(ROOT, 'manifest', 'outline.png')))).toBe(true);
  });

  it('gives the same bytes for the same inputs', async () => {
    const again = mkdtempSync(join(tmpdir(), 'app-package-'));
    try {
      const a = await packageApp({ env: 'dev', vars: provisionedEnv('dev'), outDir: again });
      expect(readFileSync(a.zipPath).equals(readFileSync(join(outDir, 'appPackage.dev.zip')))).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('refuses to package an environment that is not provisioned yet', async () => {
    await expect(packageApp({ env: 'local', vars: { TEAMSFX_ENV: 'local' }, outDir })).rejects.toThrow(
      /TEAMS_APP_ID[\s\S]*TAB_ENDPOINT[\s\S]*BOT_ID[\s\S]*TAB_DOMAIN[\s\S]*AAD_APP_CLIENT_ID/,
    );
  });
});
