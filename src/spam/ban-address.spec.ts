import { domainAndParents, normaliseDomain, normaliseEmail } from './ban-address.js';
import { normaliseBanValue } from './bans.service.js';

describe('the address a ban matches', () => {
  it.each([
    ['Spammer@Example.com', 'spammer@example.com'],
    ['spammer+1@example.com', 'spammer@example.com'],
    ['"spammer"@example.com', 'spammer@example.com'],
    ['"spammer+x"@example.com', 'spammer@example.com'],
    ['ｓｐａｍｍｅｒ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'spammer@example.com'],
    ['spammer@example.com.', 'spammer@example.com'],
    ['s.p.a.m.m.e.r+x@googlemail.com', 'spammer@gmail.com'],
    ['s.pammer@example.com', 's.pammer@example.com'],
    ['+tag@example.com', '+tag@example.com'],
  ])('%s is %s', (raw, normal) => {
    expect(normaliseEmail(raw)).toBe(normal);
  });

  it('folds a domain the same way, and reads its parents down to two labels', () => {
    expect(normaliseDomain('ＭＡＩＬ.Example.COM.')).toBe('mail.example.com');
    expect(domainAndParents('a.mail.example.com')).toEqual(['a.mail.example.com', 'mail.example.com', 'example.com']);
    expect(domainAndParents('example.com')).toEqual(['example.com']);
  });

  it('stores a ban as it is matched, and refuses what is not an address or a domain', () => {
    expect(normaliseBanValue('email', ' Spammer+promo@Example.com ')).toBe('spammer@example.com');
    expect(normaliseBanValue('domain', 'ＳＰＡＭ.example.')).toBe('spam.example');
    expect(() => normaliseBanValue('email', `a@${'b.'.repeat(5_000)}.`)).toThrow();
    expect(() => normaliseBanValue('domain', `${'a.'.repeat(5_000)}!`)).toThrow();
  });
});
