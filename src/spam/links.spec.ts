import { countLinks } from './links.js';

describe('countLinks, as WordPress counts links for comment_max_links (after make_clickable)', () => {
  it.each([
    ['plain text', 'No links here, just words.', 0],
    ['an anchor', 'See <a href="https://a.example">this</a>.', 1],
    ['an anchor in capitals', 'See <A HREF="https://a.example">this</A>.', 1],
    ['a bare https address', 'Source: https://a.example/report', 1],
    ['a bare http address at the very start', 'http://a.example is down', 1],
    ['an address in parentheses', 'the report (https://a.example/r) says so', 1],
    ['an address after punctuation', 'Read it:https://a.example', 1],
    ['a www. address', 'Try www.a.example today', 1],
    ['an ftp. address', 'Files at ftp.a.example', 1],
    ['an email address', 'Write to ayu@example.org about it', 1],
    ['two addresses and an email', 'https://a.example and www.b.example, or ayu@example.org', 3],
    ['an address glued to a word is not one', 'seehttps://a.example', 0],
    ['www. glued to a word is not one', 'xwww.a.example', 0],
    ['a scheme WordPress does not link', 'javascript://a.example', 0],
    ['an ftp:// address', 'ftp://files.example/x', 1],
    ['a scheme and nothing after it', 'http:// alone', 0],
    ['an email inside an address is part of it', 'https://ayu@a.example/x', 1],
    ['an address written as a whole anchor text counts once', '<a href="https://a.example">https://a.example</a>', 1],
    ['an address beside other anchor text counts twice', '<a href="https://a.example">see https://a.example</a>', 2],
    ['an address inside <code> is not made a link', '<code>https://a.example</code>', 0],
    ['an address in an autolink tag', '<https://a.example>', 1],
    ['a multi-byte address', 'https://bücher.example/ö', 1],
    ['a no-break space is not a boundary in WordPress', 'see\u00a0www.a.example', 0],
    ['text after a broken tag is left alone', '<))!http://www.b.example', 0],
    ['a long text still counts its short addresses', `see www.a.example ${'x '.repeat(6000)}`, 1],
    ['a run over 2,100 bytes in a long text is not linked', `www.${'a'.repeat(2500)} ${'y '.repeat(5000)}`, 0],
  ])('%s: %p has %p', (_why, text, links) => {
    expect(countLinks(text)).toBe(links);
  });
});
