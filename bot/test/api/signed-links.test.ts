import { randomUUID } from 'node:crypto';
import { reportLinkRequestSchema, type ReportDownloadRequest } from '@hub/contracts';
import { SignedLinks } from '../../src/http/signed-links';

const SECRET = 'unit-test-secret-of-at-least-32-chars';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('signed download links', () => {
  let now = 1_000_000;
  const links = () => new SignedLinks<ReportDownloadRequest>({ secret: SECRET, schema: reportLinkRequestSchema, now: () => now });

  it('gives back the user and the request once, until the expiry', () => {
    const l = links();
    const body = reportLinkRequestSchema.parse({ companyIds: [id(1)], kinds: ['cash-forecast'] });
    const { token, expiresAt } = l.sign('user-1', body);
    expect(expiresAt.getTime()).toBe(now + 60_000);
    now += 60_000;
    expect(l.redeem(token)).toEqual({ ok: true, userId: 'user-1', body });
    expect(l.redeem(token)).toEqual({ ok: false, reason: 'used' });
    const late = l.sign('user-1', body).token;
    now += 60_001;
    expect(l.redeem(late)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused by an instance with another key, and accepted by one with the same key', () => {
    const body = reportLinkRequestSchema.parse({ companyIds: [id(1)], kinds: ['cash-forecast'] });
    const { token } = links().sign('user-1', body);
    expect(new SignedLinks({ secret: `${SECRET}-other`, schema: reportLinkRequestSchema, now: () => now }).redeem(token)).toEqual({ ok: false, reason: 'invalid' });
    expect(links().redeem(token)).toMatchObject({ ok: true });
  });

  it('keeps a zip of 200 companies to a URL a few KB long', () => {
    const body = reportLinkRequestSchema.parse({ companyIds: Array.from({ length: 200 }, () => randomUUID()), kinds: ['balance-sheet', 'income-statement'] });
    const { token } = links().sign('user-1', body);
    expect(token.length).toBeLessThan(6_000);
  });
});
