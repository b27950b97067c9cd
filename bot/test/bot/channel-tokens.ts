import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

export const CHANNEL_ISSUER = 'https://api.botframework.test';

export interface ChannelTokens {
  /** The OpenID metadata URL to give the adapter (ToBotFromChannelOpenIdMetadataUrl). */
  metadataUrl: string;
  /** A token as Bot Framework signs it for an activity sent to `audience` from `serviceUrl`. */
  token(o: { audience: string; serviceUrl: string; key?: KeyLike; exp?: number; iss?: string }): Promise<string>;
  /** A key Bot Framework does not publish (forged tokens). */
  otherKey: KeyLike;
  close(): Promise<void>;
}

/** A local stand-in for Bot Framework's OpenID metadata + JWKS (keys endorsed for msteams), and tokens signed with it. */
export async function startChannelTokens(): Promise<ChannelTokens> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = await exportJWK(publicKey);
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = req.url === '/.well-known/openid-configuration' ? { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys` }
      : req.url === '/keys' ? { keys: [{ ...jwk, kid: 'k1', use: 'sig', endorsements: ['msteams'] }] } : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${url}/.well-known/openid-configuration`,
    otherKey,
    token: (o) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ serviceurl: o.serviceUrl })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
        .setIssuer(o.iss ?? CHANNEL_ISSUER).setAudience(o.audience).setIssuedAt(now - 60).setNotBefore(now - 60).setExpirationTime(o.exp ?? now + 600)
        .sign(o.key ?? privateKey);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
