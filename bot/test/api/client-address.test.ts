import { clientAddress } from '../../src/server';

describe('client address for rate limits', () => {
  it('uses the TCP peer unless a proxy is trusted', () => {
    expect(clientAddress('::ffff:10.0.0.5', '203.0.113.9', 0)).toBe('10.0.0.5');
  });

  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['198.51.100.1, 203.0.113.9:51234', '203.0.113.9'],
    ['forged, also-forged, [2001:db8::7]:443', '2001:db8::7'],
    ['2001:db8::7', '2001:db8::7'],
    ['', '10.0.0.5'],
  ])('behind one trusted proxy takes the entry it appended (the last): %s', (header, ip) => {
    expect(clientAddress('10.0.0.5', header, 1)).toBe(ip);
  });

  it('counts trusted hops from the right (Front Door + App Service = 2), across repeated headers', () => {
    expect(clientAddress('10.0.0.5', 'forged, 203.0.113.9, 147.243.0.1', 2)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', ['forged', '203.0.113.9, 147.243.0.1'], 2)).toBe('203.0.113.9');
    // Fewer entries than trusted hops: the request did not come through them all; the peer is what we know.
    expect(clientAddress('10.0.0.5', '203.0.113.9', 2)).toBe('10.0.0.5');
  });
});
