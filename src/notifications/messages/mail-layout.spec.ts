import { excerpt, renderMail } from './mail-layout.js';

describe('a message, written once and rendered as text and HTML', () => {
  const mail = renderMail('id', 'Balasan <baru>', [
    { paragraph: 'Budi <b>replied</b> & said:' },
    { quote: '<script>alert(1)</script>\nsecond line' },
    { link: 'Read it', href: 'https://news.example/a?x=1&y="2"#comment-3' },
  ]);

  it('shows what readers wrote as the characters it is, never as markup', () => {
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>second line');
    expect(mail.html).toContain('Budi &lt;b&gt;replied&lt;/b&gt; &amp; said:');
    expect(mail.html).toContain('href="https://news.example/a?x=1&amp;y=&quot;2&quot;#comment-3"');
    expect(mail.html).toContain('<title>Balasan &lt;baru&gt;</title>');
    expect(mail.html).toContain('<html lang="id">');
  });

  it('quotes in the plain text part as mail clients do, each link on its own line', () => {
    expect(mail.text).toContain('> <script>alert(1)</script>\n> second line');
    expect(mail.text).toContain('Read it:\nhttps://news.example/a?x=1&y="2"#comment-3');
  });

  it('cuts long comments at a character boundary, never inside an emoji', () => {
    expect(excerpt('😀'.repeat(5), 3)).toBe('😀😀😀…');
    expect(excerpt('  short  ')).toBe('short');
  });
});
