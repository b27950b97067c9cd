import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { StaticFiles } from '../../src/http/static-files';

describe('serving the built tab', () => {
  const root = mkdtempSync(join(tmpdir(), 'hub-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'privacy.html'), '<h1>Privacy</h1>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1);'.repeat(200));
  writeFileSync(join(root, '..', 'secret.txt'), 'not for you');
  const files = new StaticFiles(root);
  const text = (p: string, enc?: string) => {
    const r = files.serve(p, enc);
    return { ...r, text: (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString() };
  };

  it('serves hashed assets for a year, gzipped when asked', () => {
    const r = text('/assets/app-1a2b.js', 'gzip, br');
    expect(r.headers).toMatchObject({ 'cache-control': 'public, max-age=31536000, immutable', 'content-encoding': 'gzip', 'content-type': 'text/javascript; charset=utf-8' });
    expect(r.text).toContain('console.log(1);');
  });

  it('serves plain pages such as /privacy, and the app for any other path', () => {
    expect(text('/privacy').text).toBe('<h1>Privacy</h1>');
    expect(text('/dashboard/anything').text).toContain('id="root"');
    expect(text('/').headers['cache-control']).toBe('no-cache');
  });

  it('never leaves its folder', () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) expect(text(p).text).toContain('id="root"');
  });

  it('serves a rebuilt index.html, not a stale copy', () => {
    expect(text('/').text).toContain('root');
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="rebuilt"></div>');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'index.html'), later, later);
    expect(text('/').text).toContain('rebuilt');
  });
});
