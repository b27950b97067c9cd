import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { baseHeaders, inlineHashes, pageCsp } from './security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

export interface StaticFile { status: number; headers: Record<string, string>; body: Buffer }

export interface StaticFilesOptions {
  /** Source maps show the tab's source to anyone: served in development only. */
  sourceMaps?: boolean;
  /** The Entra authority's origin msal-browser talks to (null: the local demo sign-in, no msal). */
  authorityOrigin?: string | null;
  /** Adds HSTS to every file (production). */
  production?: boolean;
}

/**
 * Serves the built tab from one folder: hashed assets cached for a year, index.html never cached,
 * gzip when the browser accepts it, and every unknown path answered with index.html (client routing).
 */
export class StaticFiles {
  private readonly cache = new Map<string, { raw: Buffer; gzip: Buffer | null; type: string; mtimeMs: number; csp: string | null }>();
  constructor(private readonly root: string, private readonly o: StaticFilesOptions = {}) {}

  get available(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  /** Cached per file until the file changes on disk (a rebuilt tab must not be served stale index.html). */
  private load(file: string) {
    const mtimeMs = statSync(file).mtimeMs;
    let hit = this.cache.get(file);
    if (!hit || hit.mtimeMs !== mtimeMs) {
      const raw = readFileSync(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const compressible = /^(text|application\/json|image\/svg)/.test(type) && raw.length > 1024;
      // A page's policy names its own inline blocks by hash, so it is made with the file and changes with it.
      const csp = type.startsWith('text/html') ? pageCsp({ authorityOrigin: this.o.authorityOrigin ?? null, inlineHashes: inlineHashes(raw.toString('utf8')) }) : null;
      hit = { raw, gzip: compressible ? gzipSync(raw) : null, type, mtimeMs, csp };
      this.cache.set(file, hit);
    }
    return hit;
  }

  serve(urlPath: string, acceptEncoding: string | undefined): StaticFile {
    if (!this.available) {
      return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('The tab is not built yet: run `npm run build:tab`.') };
    }
    const clean = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^([/\\])+/, '');
    let file = join(this.root, clean);
    const inside = file === this.root || file.startsWith(this.root + sep);
    let isFile = inside && existsSync(file) && statSync(file).isFile();
    // Plain pages (/privacy, /terms) are served from their .html file; every other path is the app.
    if (!isFile && inside && /^[a-z0-9-]+$/.test(clean) && existsSync(`${file}.html`)) {
      file = `${file}.html`;
      isFile = true;
    }
    if (isFile && !(this.o.sourceMaps ?? true) && file.endsWith('.map')) {
      return { status: 404, headers: { ...baseHeaders(this.o.production ?? false), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: Buffer.from('Not found') };
    }
    if (!isFile) file = join(this.root, 'index.html');
    const hit = this.load(file);
    const immutable = isFile && clean.startsWith('assets/');
    const headers: Record<string, string> = {
      ...baseHeaders(this.o.production ?? false),
      ...(hit.csp ? { 'content-security-policy': hit.csp } : {}),
      'content-type': hit.type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    if (hit.gzip && /\bgzip\b/.test(acceptEncoding ?? '')) {
      headers['content-encoding'] = 'gzip';
      return { status: 200, headers, body: hit.gzip };
    }
    return { status: 200, headers, body: hit.raw };
  }
}
