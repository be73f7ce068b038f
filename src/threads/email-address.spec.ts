import { isWordPressEmail } from './email-address.js';

// Each case gave the same answer as WordPress 6.1.9's is_email() run from PHP.
describe("isWordPressEmail, WordPress's is_email()", () => {
  it.each([
    'ayu@example.org',
    'a..b@example.org',
    '.ayu@example.org',
    'ayu.@example.org',
    "o'brien+news@example.org",
    'ab@c.d',
    'ayu@example.123',
    'ayu@1.2.3.4',
    `${'a'.repeat(90)}@example.org`,
    'AYU@EXAMPLE.ORG',
    'ayu@ex-ample.org',
  ])('accepts %p', (email) => {
    expect(isWordPressEmail(email)).toBe(true);
  });

  it.each([
    ['too short (under 6 bytes)', 'a@b.c'],
    ['no @', 'ayu.example.org'],
    ['@ first', '@example.org'],
    ['nothing before the @ of two', '@ayu@example.org'],
    ['two @', 'ayu@@example.org'],
    ['a second @ in the domain', 'ayu@exa@mple.org'],
    ['a unicode local part', 'ayü@example.org'],
    ['an IDN domain', 'ayu@bücher.example'],
    ['a space in the local part', 'ayu lestari@example.org'],
    ['a space in the domain', 'ayu@example .org'],
    ['dots in a row in the domain', 'ayu@example..org'],
    ['a leading dot in the domain', 'ayu@.example.org'],
    ['a trailing dot in the domain', 'ayu@example.org.'],
    ['a one-label domain', 'ayu@localhost'],
    ['a label starting with a hyphen', 'ayu@-example.org'],
    ['a label ending with a hyphen', 'ayu@example-.org'],
    ['an underscore in the domain', 'ayu@ex_ample.org'],
    ['a bracketed address', 'ayu@[127.0.0.1]'],
    ['a quoted local part', '"ayu"@example.org'],
  ])('refuses %s: %p', (_why, email) => {
    expect(isWordPressEmail(email)).toBe(false);
  });
});
