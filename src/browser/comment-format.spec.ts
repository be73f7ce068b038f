import { describe, expect, it } from '@jest/globals';
import { type CommentBlock, type CommentInline, formatComment } from './comment-format.js';

/**
 * The tree written compactly, so a case reads as what the reader will see: tags for blocks and
 * emphasis, [text](href) for links, and text exactly as it is in the tree (unescaped: escaping is
 * the renderers' job, tested with them).
 */
function shown(text: string): string {
  return formatComment(text).map(block).join('');
}
function block(b: CommentBlock): string {
  return b.type === 'quote' ? `<blockquote>${b.children.map(block).join('')}</blockquote>` : `<p>${b.children.map(inline).join('')}</p>`;
}
function inline(node: CommentInline): string {
  if (node.type === 'text') return node.text;
  if (node.type === 'break') return '<br>';
  if (node.type === 'link') return `[${node.text}](${node.href})`;
  return `<${node.type}>${node.children.map(inline).join('')}</${node.type}>`;
}

describe('comment formatting', () => {
  describe('paragraphs and lines', () => {
    it('a blank line starts a paragraph and a single newline is a line break, as before formatting came', () => {
      expect(shown('First line\nsecond line\n\nNew paragraph')).toBe('<p>First line<br>second line</p><p>New paragraph</p>');
    });

    it('several blank lines, lines of spaces, and Windows line ends make one paragraph break; nothing empty is drawn', () => {
      expect(shown('\n\nOne\r\n\r\n\n   \n\tTwo\n\n')).toBe('<p>One</p><p>\tTwo</p>');
      expect(shown('')).toBe('');
      expect(shown('  \n \n')).toBe('');
    });

    it('keeps every character of the text, spaces included', () => {
      expect(shown('  indented  and   spaced ')).toBe('<p>  indented  and   spaced </p>');
    });
  });

  describe('quotes', () => {
    it('lines starting with "> " are a quote, which ends at the first line without it', () => {
      expect(shown('> The minister said\n> it would be fine.\nIt was not.')).toBe(
        '<blockquote><p>The minister said<br>it would be fine.</p></blockquote><p>It was not.</p>',
      );
    });

    it('a quote may follow a paragraph directly, and has paragraphs of its own', () => {
      expect(shown('You wrote:\n> one\n>\n> two\n\nAgreed.')).toBe('<p>You wrote:</p><blockquote><p>one</p><p>two</p></blockquote><p>Agreed.</p>');
    });

    it('">" only at the very start of a line, and with its space, quotes', () => {
      expect(shown('a > b\n >indented\n>no space\n  > spaced')).toBe('<p>a > b<br> >indented<br>>no space<br>  > spaced</p>');
      expect(shown('>')).toBe('<p>></p>');
    });

    it('emphasis and links work inside a quote, and "> > " is a quote of "> "', () => {
      expect(shown('> *really* see www.example.com\n> > nested')).toBe(
        '<blockquote><p><em>really</em> see [www.example.com](http://www.example.com/)<br>> nested</p></blockquote>',
      );
    });

    it('an empty quote draws nothing', () => {
      expect(shown('> \n>\n\ntext')).toBe('<p>text</p>');
    });
  });

  describe('emphasis', () => {
    it('*italic* and **bold**, also both at once and around punctuation', () => {
      expect(shown('*really* and **truly**')).toBe('<p><em>really</em> and <strong>truly</strong></p>');
      expect(shown('***both***')).toBe('<p><em><strong>both</strong></em></p>');
      expect(shown('(*aside*), **Note:** "*quoted*".')).toBe('<p>(<em>aside</em>), <strong>Note:</strong> "<em>quoted</em>".</p>');
    });

    it('nests either way', () => {
      expect(shown('**bold with *italic* inside**')).toBe('<p><strong>bold with <em>italic</em> inside</strong></p>');
      expect(shown('*italic with **bold** inside*')).toBe('<p><em>italic with <strong>bold</strong> inside</em></p>');
    });

    it('may run over a line break within a paragraph, never over a paragraph break', () => {
      expect(shown('*one\ntwo*')).toBe('<p><em>one<br>two</em></p>');
      expect(shown('*one\n\ntwo*')).toBe('<p>*one</p><p>two*</p>');
    });

    it('needs a non-space after the opening marker and before the closing one', () => {
      expect(shown('* not a list * at all')).toBe('<p>* not a list * at all</p>');
      expect(shown('*a *')).toBe('<p>*a *</p>');
      expect(shown('** spaced **')).toBe('<p>** spaced **</p>');
    });

    it('leaves markers inside words and numbers as typed: 2*3*4, a*b*c, snake_case_names, *.txt', () => {
      expect(shown('2*3*4 = 24')).toBe('<p>2*3*4 = 24</p>');
      expect(shown('a*b*c and a**b**c')).toBe('<p>a*b*c and a**b**c</p>');
      expect(shown('snake_case_names and __init__ stay')).toBe('<p>snake_case_names and __init__ stay</p>');
      expect(shown('rm *.txt and *.md')).toBe('<p>rm *.txt and *.md</p>');
      expect(shown('f**k this')).toBe('<p>f**k this</p>');
    });

    it('unclosed markers stay as stars', () => {
      expect(shown('**a')).toBe('<p>**a</p>');
      expect(shown('*a')).toBe('<p>*a</p>');
      expect(shown('a*')).toBe('<p>a*</p>');
      expect(shown('**a*')).toBe('<p>*<em>a</em></p>');
      expect(shown('*a**')).toBe('<p><em>a</em>*</p>');
      expect(shown('*a **b*')).toBe('<p>*a *<em>b</em></p>');
    });

    it('four stars or more are text: rules and censored words', () => {
      expect(shown('****')).toBe('<p>****</p>');
      expect(shown('****a****')).toBe('<p>****a****</p>');
      expect(shown('a **** b')).toBe('<p>a **** b</p>');
    });

    it('underscores are never markers: only stars format', () => {
      expect(shown('_not italic_ and __not bold__')).toBe('<p>_not italic_ and __not bold__</p>');
    });
  });

  describe('links', () => {
    it('http(s) addresses become links, without the punctuation that ends a sentence', () => {
      expect(shown('See https://example.com/a?b=1&c=2. Or (http://example.org/x)!')).toBe(
        '<p>See [https://example.com/a?b=1&c=2](https://example.com/a?b=1&c=2). Or ([http://example.org/x](http://example.org/x))!</p>',
      );
    });

    it('bare www. addresses become links to http://', () => {
      expect(shown('at www.example.com/news, daily')).toBe('<p>at [www.example.com/news](http://www.example.com/news), daily</p>');
    });

    it('only http(s): javascript:, data: and ftp: addresses stay text', () => {
      expect(shown('javascript:alert(1) data:text/html,<b>x</b> ftp://example.com')).toBe(
        '<p>javascript:alert(1) data:text/html,<b>x</b> ftp://example.com</p>',
      );
    });

    it('an email address or a longer host name is not cut into a link', () => {
      expect(shown('mail me@www.example.com or see mywww.example.com')).toBe('<p>mail me@www.example.com or see mywww.example.com</p>');
      expect(shown('xhttps://example.com')).toBe('<p>xhttps://example.com</p>');
    });

    it('an address keeps its stars, and is not italic inside', () => {
      expect(shown('https://example.com/a*b*c and https://example.com/*x*/')).toBe(
        '<p>[https://example.com/a*b*c](https://example.com/a*b*c) and [https://example.com/*x*/](https://example.com/*x*/)</p>',
      );
    });

    it('emphasis may hold a link, and stars right after an address close emphasis', () => {
      expect(shown('**https://example.com/news**')).toBe('<p><strong>[https://example.com/news](https://example.com/news)</strong></p>');
      expect(shown('*see www.example.com*')).toBe('<p><em>see [www.example.com](http://www.example.com/)</em></p>');
    });

    it('angle brackets around an address are text around the link', () => {
      expect(shown('<https://example.com/path>')).toBe('<p><[https://example.com/path](https://example.com/path)></p>');
    });

    it('an address the URL parser refuses stays text', () => {
      expect(shown('http://[not-a-host]/x')).toBe('<p>http://[not-a-host]/x</p>');
    });

    it('the href is the parsed address, the text the typed one', () => {
      const [paragraph] = formatComment('HTTP://EXAMPLE.com is not lower case, https://EXAMPLE.com is');
      expect(paragraph.type === 'paragraph' && paragraph.children).toEqual([
        { type: 'text', text: 'HTTP://EXAMPLE.com is not lower case, ' },
        { type: 'link', href: 'https://example.com/', text: 'https://EXAMPLE.com' },
        { type: 'text', text: ' is' },
      ]);
    });
  });

  describe('markup is text', () => {
    it('HTML in a comment stays the characters typed, in text nodes only', () => {
      const html = '<script>alert(1)</script> <img src=x onerror="alert(1)"> <a href="javascript:x">y</a> &amp;';
      expect(formatComment(html)).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: html }] }]);
    });

    it('no tree node but text, break, link, em, strong, paragraph and quote is ever made', () => {
      const kinds = new Set<string>();
      const visit = (node: CommentBlock | CommentInline) => {
        kinds.add(node.type);
        if ('children' in node) node.children.forEach(visit);
      };
      formatComment('> *a* **b** www.example.com\n\n<b>c</b>\nhttps://example.com').forEach(visit);
      expect([...kinds].sort()).toEqual(['break', 'em', 'link', 'paragraph', 'quote', 'strong', 'text']);
    });
  });

  describe('long input', () => {
    const timed = (text: string): number => {
      const start = performance.now();
      formatComment(text);
      return performance.now() - start;
    };

    it.each([
      ['unclosed openers', '*a '],
      ['unclosed bold openers', '**a '],
      ['nested emphasis', '*a **b '],
      ['closers without openers', 'a* '],
      ['stars', '*'],
      ['address starts', 'http://'],
      ['addresses of punctuation', 'https://a.'],
      ['www runs', 'www.'],
      ['quote lines', '> *x\n'],
      ['line breaks', 'a\n'],
    ])('a 200,000-character comment of %s is read in linear time', (_, unit) => {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      // Quadratic work on 200,000 characters would take minutes; linear takes milliseconds.
      expect(timed(text)).toBeLessThan(2_000);
    });

    it('deep emphasis is capped: the tree stays shallow, the extra markers stay as text', () => {
      const text = '*a **b '.repeat(5_000) + 'c** d*'.repeat(5_000);
      let depth = 0;
      const deepest = (node: CommentBlock | CommentInline, level: number) => {
        depth = Math.max(depth, level);
        if ('children' in node) for (const child of node.children) deepest(child, level + 1);
      };
      formatComment(text).forEach((b) => deepest(b, 0));
      expect(depth).toBeLessThanOrEqual(40);
    });
  });
});
