import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Db } from '../store/db';
import { CacheCipher } from './cache-crypto';

/** Encrypted msal caches in PostgreSQL (table bc_token_caches), one row per partition. */
export class TokenCacheStore {
  private readonly cipher: CacheCipher;
  constructor(private readonly db: Db, secret: string) {
    this.cipher = new CacheCipher(secret);
  }

  async load(partition: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ ciphertext: string }>('SELECT ciphertext FROM bc_token_caches WHERE partition_key = $1', [partition]);
    return row ? this.cipher.decrypt(row.ciphertext, partition) : undefined;
  }

  async save(partition: string, plaintext: string): Promise<void> {
    await this.db.query(
      `INSERT INTO bc_token_caches (partition_key, ciphertext, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (partition_key) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, updated_at = now()`,
      [partition, this.cipher.encrypt(plaintext, partition)],
    );
  }

  async remove(partition: string): Promise<void> {
    await this.db.query('DELETE FROM bc_token_caches WHERE partition_key = $1', [partition]);
  }

  /** msal-node's persistence hook for one partition: read before each cache access, write back when it changed. */
  plugin(partition: string): ICachePlugin {
    return {
      beforeCacheAccess: async (ctx: TokenCacheContext) => {
        const data = await this.load(partition);
        if (data) ctx.tokenCache.deserialize(data);
      },
      afterCacheAccess: async (ctx: TokenCacheContext) => {
        if (ctx.cacheHasChanged) await this.save(partition, ctx.tokenCache.serialize());
      },
    };
  }
}
