import { describe, expect, it } from '@jest/globals';
import { commentHtml } from './comment-html.js';

describe("the no-JavaScript fragment's comment HTML", () => {
  it('draws the formatting tree as HTML: paragraphs, quotes, emphasis and links the fragment way (no new tab)', () => {
    expect(commentHtml('> **Bold** claim\n\n*Really?* See www.example.com/a?b=1&c=2\nbye')).toBe(
      '<blockquote><p><strong>Bold</strong> claim</p></blockquote>' +
        '<p><em>Really?</em> See <a href="http://www.example.com/a?b=1&amp;c=2" rel="nofollow ugc">www.example.com/a?b=1&amp;c=2</a><br>bye</p>',
    );
  });

  it('escapes every character that could start markup or end an attribute', () => {
    expect(commentHtml('<script>alert("x")</script> & <img src=x onerror=\'y\'>')).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;y&#39;&gt;</p>',
    );
  });

  it('an address with quotes or brackets in it cannot leave its href', () => {
    const html = commentHtml('https://example.com/"onmouseover="x https://example.com/a\'b');
    expect(html).not.toMatch(/href="[^"]*"[^ >]/);
    expect(html).not.toContain('onmouseover="x"');
  });
});
