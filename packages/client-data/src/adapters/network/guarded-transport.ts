import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent } from 'undici';
import { isPublicAddress } from './address-policy';
import { undiciTransport, type HttpTransport } from './http-transport';

/** Thrown when a request would leave the allowed hosts or reach a non-public address. */
export class AddressNotAllowedError extends Error {
  readonly code = 'EADDRNOTALLOWED';
  constructor(message: string) {
    super(message);
    this.name = 'AddressNotAllowedError';
  }
}

export type LookupFn = (hostname: string, options: { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export interface OutboundPolicy {
  /** Host names (no port) of Business Central: only public addresses are accepted for them. */
  allowedHosts: readonly string[];
  /**
   * Hosts (host or host:port) explicitly configured besides Business Central (the local sandbox, on-premises
   * servers): reachable whatever they resolve to, loopback and private ranges included.
   */
  extraHosts?: readonly string[];
  /** DNS resolver (tests inject one); default node:dns lookup. */
  lookup?: LookupFn;
  connectTimeoutMs?: number;
}

const hostOnly = (h: string) => h.toLowerCase().replace(/^\[|\]$/g, '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');

/**
 * A transport that only reaches Business Central: the URL's host must be allowed, its DNS answers are checked when
 * the connection is made (so a name that resolves to 127.0.0.1, 10.x or 169.254.169.254 is refused and DNS
 * rebinding cannot slip in between check and connect), IP literals must be configured explicitly, and redirects are
 * never followed (undici's `request()` returns a 3xx as it is).
 */
export function createGuardedTransport(policy: OutboundPolicy): HttpTransport {
  const allowed = new Set(policy.allowedHosts.map((h) => h.toLowerCase()));
  const extraHostPorts = new Set((policy.extraHosts ?? []).map((h) => h.toLowerCase()));
  const extraNames = new Set((policy.extraHosts ?? []).map((h) => {
    const m = /^\[(.+)\](?::\d+)?$/.exec(h);
    return (m ? (m[1] as string) : h.replace(/:\d+$/, '')).toLowerCase();
  }));
  const resolve: LookupFn = policy.lookup ?? ((h, o, cb) => dnsLookup(h, o, cb));

  const agent = new Agent({
    connect: {
      timeout: policy.connectTimeoutMs ?? 10_000,
      lookup: ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
        const name = hostname.toLowerCase();
        resolve(name, { all: true }, (err, addresses) => {
          if (err) return callback(err);
          if (!extraNames.has(name)) {
            const bad = addresses.find((a) => !isPublicAddress(a.address));
            if (bad) return callback(new AddressNotAllowedError(`${hostname} resolves to ${bad.address}, which is not a public address`));
          }
          if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
          if (options.all) return callback(null, addresses);
          const first = addresses[0] as LookupAddress;
          return callback(null, first.address, first.family);
        });
      }) as unknown as import('node:net').LookupFunction,
    },
  });

  const send = undiciTransport(agent);
  return async (target, req) => {
    const url = new URL(target);
    const hostPort = url.host.toLowerCase();
    const name = hostOnly(url.hostname);
    const isExtra = extraHostPorts.has(hostPort);
    if (!isExtra) {
      if (!allowed.has(name)) throw new AddressNotAllowedError(`${url.hostname} is not a Business Central host`);
      if (isIP(name)) throw new AddressNotAllowedError(`${url.hostname} is an IP address, not a Business Central host`);
      if (url.protocol !== 'https:') throw new AddressNotAllowedError('Business Central is reached over https only');
    }
    return send(target, req);
  };
}
