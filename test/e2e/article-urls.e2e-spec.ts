import type { Site } from '../../src/sites/site.entity.js';
import type { ThreadArticle } from '../../src/threads/thread-page.js';
import { commentForm, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

/**
 * One article, one thread: however a reader reached the page (a shared link with campaign
 * parameters, a trailing slash, an upper-case host), the comments are the same.
 */
describe('article addresses', () => {
  let kolom: TestKolom;
  let site: Site;
  let reader: Reader;

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
    reader = readerOf(kolom);
  });
  afterAll(() => kolom.close());

  async function articleOf(url: string): Promise<ThreadArticle> {
    return (await reader.thread(site, url)).article;
  }

  async function articleRows(url: string): Promise<number> {
    const rows = await kolom.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE site_id = $1 AND url = $2`, [site.id, url]);
    return rows[0].n;
  }

  describe('the same article however the link is spelled', () => {
    it('a shared link with tracking parameters, a port, a trailing slash and a fragment reaches the plain article', async () => {
      const messy = await articleOf('HTTPS://News.Example:443/a/b/?utm_source=x&fbclid=y&gclid=z#comments');
      expect(messy.url).toBe('https://news.example/a/b');

      const plain = await articleOf('https://news.example/a/b');
      expect(plain.id).toBe(messy.id);
      expect(plain.url).toBe('https://news.example/a/b');
      expect(await articleRows('https://news.example/a/b')).toBe(1);
    });

    it.each([
      ['https://news.example/sport/final/'],
      ['https://news.example/sport/final#comments'],
      ['https://NEWS.EXAMPLE/sport/final'],
      ['https://news.example:443/sport/final'],
      ['  https://news.example/sport/final  '],
      ['https://news.example/sport/final?utm_medium=social&utm_campaign=launch'],
      ['https://news.example/sport/final?mc_cid=abc&mc_eid=def'],
      ['https://news.example/sport/final?'],
    ])('%s is the same article as https://news.example/sport/final', async (variant) => {
      const canonical = await articleOf('https://news.example/sport/final');
      const other = await articleOf(variant);
      expect(other.id).toBe(canonical.id);
      expect(other.url).toBe('https://news.example/sport/final');
    });

    it('the first link a reader opened does not decide how the article is spelled', async () => {
      const first = await articleOf('https://News.Example/science/comet/?utm_source=newsletter#top');
      expect(first.url).toBe('https://news.example/science/comet');
      expect(await articleRows('https://news.example/science/comet')).toBe(1);
    });

    it('the order of query parameters does not matter, and the article keeps them sorted', async () => {
      const one = await articleOf('https://news.example/story?page=2&id=7');
      const other = await articleOf('https://news.example/story?id=7&page=2');
      expect(other.id).toBe(one.id);
      expect(one.url).toBe('https://news.example/story?id=7&page=2');
      const withTracking = await articleOf('https://news.example/story?utm_source=x&page=2&fbclid=y&id=7');
      expect(withTracking.id).toBe(one.id);
    });

    it('an accented path percent-encoded or not is the same article', async () => {
      const raw = await articleOf('https://news.example/culture/café');
      const encoded = await articleOf('https://news.example/culture/caf%C3%A9');
      expect(encoded.id).toBe(raw.id);
    });
  });

  describe('different articles stay apart', () => {
    it('a different path is a different article', async () => {
      const one = await articleOf('https://news.example/a/b');
      const other = await articleOf('https://news.example/a/c');
      expect(other.id).not.toBe(one.id);
      expect(other.url).toBe('https://news.example/a/c');
    });

    it('a query parameter that is not tracking tells articles apart', async () => {
      const seven = await articleOf('https://news.example/story.php?id=7');
      const eight = await articleOf('https://news.example/story.php?id=8');
      expect(eight.id).not.toBe(seven.id);
    });

    it('comments on one article do not show on another', async () => {
      const posted = await reader.send(commentForm(site, { url: 'https://news.example/apart/one', body: 'Only on one.' }));
      expect(posted.status).toBe(201);
      const other = await reader.open(site, 'https://news.example/apart/two');
      expect(other.body.total).toBe(0);
      expect(other.body.comments).toEqual([]);
    });
  });

  describe('addresses a site may not use', () => {
    it.each([
      ['https://elsewhere.example/a/b', 'https://elsewhere.example'],
      ['http://news.example/a/b', 'http://news.example'],
      ['https://news.example:8443/a/b', 'https://news.example:8443'],
      ['https://www.news.example/a/b', 'https://www.news.example'],
    ])('a page on another origin (%s) gets no thread, and the answer names the origin', async (url, origin) => {
      const answer = await reader.open(site, url);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toContain(origin);
      const rows = await kolom.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE url LIKE $1`, [`${origin}%`]);
      expect(rows[0].n).toBe(0);
    });

    it('a comment for a page on another origin is refused the same way', async () => {
      const answer = await reader.send(commentForm(site, { url: 'https://elsewhere.example/a/b' }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toContain('https://elsewhere.example');
    });

    it.each([['ftp://news.example/a/b'], ['javascript:alert(1)'], ['/a/b'], ['news.example/a/b'], ['mailto:editor@news.example'], ['not a url at all']])(
      '%s is not a web page address: 400',
      async (url) => {
        const answer = await reader.open(site, url);
        expect(answer.status).toBe(400);
        expect(answer.body.fields?.url).toMatch(/http\(s\) URL/);
      },
    );

    it('a comment with an address that is not a web page is refused as a bad request', async () => {
      const answer = await reader.send(commentForm(site, { url: 'javascript:alert(1)' }));
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.url).toMatch(/http\(s\) URL/);
    });
  });

  describe('posting', () => {
    it("a comment posted from a link with tracking parameters lands in the plain article's thread", async () => {
      const plain = await articleOf('https://news.example/economy/rates');
      const posted = await reader.send(
        commentForm(site, { url: 'HTTPS://News.Example:443/economy/rates/?utm_source=x&fbclid=y#comments', body: 'Rates again!' }),
      );
      expect(posted.status).toBe(201);
      expect(posted.body.comment.articleId).toBe(plain.id);

      const again = await reader.send(commentForm(site, { url: 'https://news.example/economy/rates?gclid=z', body: 'And again.' }));
      expect(again.status).toBe(201);
      expect(again.body.comment.articleId).toBe(plain.id);

      const thread = await reader.open(site, 'https://news.example/economy/rates');
      expect(thread.body.total).toBe(2);
      expect(thread.body.comments.map((c) => c.body)).toEqual(['Rates again!', 'And again.']);
      expect(await articleRows('https://news.example/economy/rates')).toBe(1);
    });

    it('a comment posted to an article nobody opened yet creates it under its canonical address', async () => {
      const posted = await reader.send(commentForm(site, { url: 'https://news.example/fresh/story/?utm_source=x', body: 'First in.' }));
      expect(posted.status).toBe(201);
      const article = await articleOf('https://news.example/fresh/story');
      expect(posted.body.comment.articleId).toBe(article.id);
      expect(article.url).toBe('https://news.example/fresh/story');
    });
  });
});
