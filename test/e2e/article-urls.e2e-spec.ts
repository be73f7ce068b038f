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
  /** A site whose articles are told apart by `?id=` and `?page=` (a CMS without pretty URLs). */
  let byQuery: Site;
  let reader: Reader;
  let comments = 0;

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
    byQuery = await kolom.createSite({ articleParameters: ['id', 'page'] });
    reader = readerOf(kolom);
  });
  afterAll(() => kolom.close());

  /** The article at a URL, as a comment reaches it (its first creates it) and its thread then shows it. */
  async function articleOf(url: string, on: Site = site): Promise<ThreadArticle> {
    const posted = await reader.post(on, { url, body: `Comment ${++comments} on ${url}` });
    const { article } = await reader.thread(on, url);
    expect(article.id).toBe(posted.comment.articleId);
    return article;
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

    it('the order of the parameters a site names its articles by does not matter, and the article keeps them sorted', async () => {
      const one = await articleOf('https://news.example/story?page=2&id=7', byQuery);
      const other = await articleOf('https://news.example/story?id=7&page=2', byQuery);
      expect(other.id).toBe(one.id);
      expect(one.url).toBe('https://news.example/story?id=7&page=2');
      const withTracking = await articleOf('https://news.example/story?utm_source=x&page=2&fbclid=y&id=7&sessionid=abc', byQuery);
      expect(withTracking.id).toBe(one.id);
    });

    it('on a site that names no parameters, every query parameter is dropped: ?x=1, ?x=2… open no new threads', async () => {
      const plain = await articleOf('https://news.example/story/plain');
      for (const junk of ['?x=1', '?x=2', '?id=7', '?ref=home&amp=1']) {
        expect((await articleOf(`https://news.example/story/plain${junk}`)).id).toBe(plain.id);
      }
      expect(plain.url).toBe('https://news.example/story/plain');
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

    it('a query parameter the site names its articles by tells articles apart', async () => {
      const seven = await articleOf('https://news.example/story.php?id=7', byQuery);
      const eight = await articleOf('https://news.example/story.php?id=8', byQuery);
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

  describe('reading writes nothing', () => {
    it('opening a thread, joining its live room or changing the query creates no article until the first comment', async () => {
      const url = 'https://news.example/unread/story';
      for (let i = 0; i < 20; i += 1) {
        const page = await reader.open(site, `${url}?x=${i}`);
        expect(page.status).toBe(200);
        expect(page.body.article).toEqual({ id: null, url, title: null });
      }
      expect(await articleRows(url)).toBe(0);
      const posted = await reader.post(site, { url, body: 'The first comment starts the thread.' });
      expect((await reader.thread(site, url)).article.id).toBe(posted.comment.articleId);
      expect(await articleRows(url)).toBe(1);
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
      const posted = await reader.send(
        commentForm(site, { url: 'HTTPS://News.Example:443/economy/rates/?utm_source=x&fbclid=y#comments', body: 'Rates again!' }),
      );
      expect(posted.status).toBe(201);

      const again = await reader.send(commentForm(site, { url: 'https://news.example/economy/rates?gclid=z', body: 'And again.' }));
      expect(again.status).toBe(201);
      expect(again.body.comment.articleId).toBe(posted.body.comment.articleId);

      const thread = await reader.open(site, 'https://news.example/economy/rates');
      expect(thread.body.article.id).toBe(posted.body.comment.articleId);
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
