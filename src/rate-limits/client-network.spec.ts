import { clientNetwork } from './client-network.js';

describe('the address a reporter is known by', () => {
  it('is an IPv4 address itself', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however the address is written', () => {
    const one = '2001:db8:aa:bb::/64';
    expect(clientNetwork('2001:db8:aa:bb::1')).toBe(one);
    expect(clientNetwork('2001:0DB8:00aa:00bb:ffff:1:2:3')).toBe(one);
    expect(clientNetwork('2001:db8:aa:bb:1::')).toBe(one);
    expect(clientNetwork('2001:db8:aa:bb::1%eth0')).toBe(one);
    expect(clientNetwork('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
