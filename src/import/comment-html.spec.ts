import { commentText } from './comment-html.js';

describe('commentText: an exported comment as Kolom plain text', () => {
  it('keeps WordPress paragraphs (blank lines) and turns <br> into a line break', () => {
    expect(commentText('First line\n\nSecond paragraph<br />same paragraph, next line')).toBe('First line\n\nSecond paragraph\nsame paragraph, next line');
  });

  it('makes <p> elements blank-line-separated paragraphs', () => {
    expect(commentText('<p>One</p><p>Two</p>\n<p>Three</p>')).toBe('One\n\nTwo\n\nThree');
  });

  it('decodes named, numeric and hex entities, leaving what they spell as text', () => {
    expect(commentText('Fish &amp; chips &mdash; &#8220;fresh&#8221; &#x2019; &lt;b&gt;')).toBe('Fish & chips — “fresh” ’ <b>');
  });

  it('keeps a link as its text followed by its address, or the address alone when they are the same', () => {
    expect(commentText('See <a href="https://example.org/a?b=1">the report</a>.')).toBe('See the report (https://example.org/a?b=1).');
    expect(commentText('<a href="https://example.org/">https://example.org</a>')).toBe('https://example.org');
    expect(commentText('<a href="https://example.org/x"></a>')).toBe('https://example.org/x');
  });

  it('drops a javascript: link address and every other tag, keeping their text', () => {
    expect(commentText('<a href="javascript:alert(1)">click</a> <strong>bold</strong> <em>it</em><script>x</script>')).toBe('click bold itx');
  });

  it('collapses runs of spaces and blank lines and trims', () => {
    expect(commentText('  a   b \n\n\n\n  c  ')).toBe('a b\n\nc');
    expect(commentText('<p> </p>')).toBe('');
  });
});
