import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';

export type LinkRefusal = 'invalid' | 'expired' | 'used';
export type LinkCheck<T> = { ok: true; userId: string; body: T } | { ok: false; reason: LinkRefusal };

export interface SignedLinksOptions<T> {
  /** SECRET_DOWNLOAD_LINK_KEY; never logged. */
  secret: string;
  /** What a link grants besides its user; parsed again when the link comes back. */
  schema: z.ZodType<T>;
  ttlMs?: number;
  now?: () => number;
}

const MAX_TOKEN_CHARS = 16_384;
const envelopeSchema = z.object({ v: z.literal(1), u: z.string().min(1), e: z.number().int(), n: z.string().min(16), b: z.unknown() });

/**
 * Short-lived links that need no bearer token: `<payload>.<signature>`, the payload holding the user, what to build,
 * the expiry and a random nonce (deflated JSON, base64url), signed with HMAC-SHA256 under a key derived from the
 * secret. Making one stores nothing, so any instance sharing the secret can serve it.
 *
 * Single use is recorded in memory, per instance: a used link is refused by the instance that served it, but with
 * several instances it could be replayed on another one within its lifetime (a minute by default). Accepted: a
 * replay yields only a file its own user may download anyway, and refusing it everywhere would cost a database
 * write on every download.
 */
export class SignedLinks<T> {
  private readonly key: Buffer;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Nonce → expiry of links already served; entries leave once they would be refused as expired anyway. */
  private readonly used = new Map<string, number>();

  constructor(private readonly o: SignedLinksOptions<T>) {
    // A key of its own for this purpose, whatever else the operator's secret might be used for.
    this.key = Buffer.from(hkdfSync('sha256', o.secret, Buffer.alloc(0), 'accountant-hub download links v1', 32));
    this.ttlMs = o.ttlMs ?? 60_000;
    this.now = o.now ?? Date.now;
  }

  sign(userId: string, body: T): { token: string; expiresAt: Date } {
    const e = this.now() + this.ttlMs;
    const json = JSON.stringify({ v: 1, u: userId, e, n: randomBytes(16).toString('base64url'), b: body });
    // Deflated: a zip of 200 companies' ids stays a URL of a few KB.
    const payload = deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url');
    return { token: `${payload}.${this.mac(payload)}`, expiresAt: new Date(e) };
  }

  /** Checks the signature first (nothing else is read from a forged link), then expiry, then use; marks it used. */
  redeem(token: string): LinkCheck<T> {
    const invalid = { ok: false, reason: 'invalid' } as const;
    if (token.length > MAX_TOKEN_CHARS) return invalid;
    const [payload, sig, extra] = token.split('.');
    if (!payload || !sig || extra !== undefined) return invalid;
    // Compared as text: base64url decoding skips stray characters, so decoded bytes could match a changed signature.
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;

    let envelope: z.infer<typeof envelopeSchema>;
    let body: T;
    try {
      envelope = envelopeSchema.parse(JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: 256 * 1024 }).toString('utf8')));
      body = this.o.schema.parse(envelope.b);
    } catch {
      return invalid;
    }
    const now = this.now();
    for (const [nonce, expiry] of this.used) if (expiry < now) this.used.delete(nonce);
    if (envelope.e < now) return { ok: false, reason: 'expired' };
    if (this.used.has(envelope.n)) return { ok: false, reason: 'used' };
    this.used.set(envelope.n, envelope.e);
    return { ok: true, userId: envelope.u, body };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
