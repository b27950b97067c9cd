import { clientAddress } from '../../src/server';

describe('client address for rate limits', () => {
  it('uses the TCP peer unless the proxy is trusted', () => {
    expect(clientAddress('::ffff:10.0.0.5', '203.0.113.9', false)).toBe('10.0.0.5');
  });

  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['203.0.113.9:51234, 10.0.0.1', '203.0.113.9'],
    ['[2001:db8::7]:443', '2001:db8::7'],
    ['2001:db8::7', '2001:db8::7'],
    ['', '10.0.0.5'],
  ])('behind a trusted proxy takes the first X-Forwarded-For hop: %s', (header, ip) => {
    expect(clientAddress('10.0.0.5', header, true)).toBe(ip);
  });
});
