import { ArticleUrlError, canonicalArticleUrl } from './article-url.js';

describe('canonicalArticleUrl', () => {
  it.each([
    ['HTTPS://News.Example.COM/Politics/Vote', 'https://news.example.com/Politics/Vote'],
    ['https://news.example.com:443/a', 'https://news.example.com/a'],
    ['http://news.example.com:80/a', 'http://news.example.com/a'],
    ['https://news.example.com/a#comments', 'https://news.example.com/a'],
    ['https://news.example.com/a/', 'https://news.example.com/a'],
    ['https://news.example.com/', 'https://news.example.com'],
    ['https://news.example.com/a?utm_source=x&utm_medium=y&utm_campaign=z', 'https://news.example.com/a'],
    ['https://news.example.com/a?fbclid=1&gclid=2&msclkid=3', 'https://news.example.com/a'],
    ['https://news.example.com/a?page=2&utm_source=x', 'https://news.example.com/a'],
    ['https://news.example.com/a?b=2&a=1', 'https://news.example.com/a'],
    ['  https://news.example.com/a  ', 'https://news.example.com/a'],
    ['http://localhost:3000/news/x/', 'http://localhost:3000/news/x'],
  ])('%s becomes %s', (input, expected) => {
    expect(canonicalArticleUrl(input)).toBe(expected);
  });

  it.each([
    ['https://news.example.com/a?page=2&utm_source=x&fbclid=1', 'https://news.example.com/a?page=2'],
    ['https://news.example.com/a?b=2&a=1&c=3', 'https://news.example.com/a?a=1&b=2'],
    ['https://news.example.com/index.php?p=12&replytocom=5', 'https://news.example.com/index.php?p=12'],
  ])('keeps only the parameters a site names its articles by, sorted: %s becomes %s', (input, expected) => {
    expect(canonicalArticleUrl(input, ['a', 'b', 'page', 'p'])).toBe(expected);
  });

  it('keeps the path case: servers may treat /A and /a as different articles', () => {
    expect(canonicalArticleUrl('https://news.example.com/A')).not.toBe(canonicalArticleUrl('https://news.example.com/a'));
  });

  it('keeps www: it is another origin, allowed or not on its own', () => {
    expect(canonicalArticleUrl('https://www.news.example.com/a')).toBe('https://www.news.example.com/a');
  });

  it.each(['/relative/path', 'news.example.com/a', 'ftp://news.example.com/a', 'javascript:alert(1)', ''])('refuses %j as an article URL', (input) => {
    expect(() => canonicalArticleUrl(input)).toThrow(ArticleUrlError);
  });

  it('refuses a URL over 2048 characters', () => {
    expect(() => canonicalArticleUrl(`https://news.example.com/${'a'.repeat(2048)}`)).toThrow(/longer than 2048/);
  });
});
