import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for token caches at rest. The 256-bit key is derived (HKDF-SHA256) from SECRET_TOKEN_CACHE_KEY; each
 * record gets a fresh 96-bit IV and is bound to its partition key (additional authenticated data), so a row copied
 * to another partition does not decrypt. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export class CacheCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('SECRET_TOKEN_CACHE_KEY must be at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('accountant-hub'), Buffer.from('bc-token-cache v1'), 32));
  }

  encrypt(plaintext: string, partition: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(partition, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** The plaintext, or undefined when the record was not made with this key and partition (treated as no cache). */
  decrypt(record: string, partition: string): string | undefined {
    const [v, iv, tag, data] = record.split('.');
    if (v !== 'v1' || !iv || !tag || data === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(partition, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
