import { jest } from '@jest/globals';
import type { Site } from '../../src/sites/site.entity.js';
import { expectStatus } from '../support/http.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { readerOf, type Reader } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

jest.setTimeout(60_000);

const ORIGIN = 'https://news.example';

/**
 * Issue 15, item 5: anyone could create articles by reading. A thread read or a live join for any
 * URL on an allowed origin stored a row (any query string made a new one), which filled the
 * moderators' Articles list; and the first caller's title was kept for good.
 */
describe('articles are created by comments, not by readers', () => {
  let kolom: TestKolom;
  let site: Site;
  let admin: Moderator;
  let reader: Reader;
  const clients: LiveClient[] = [];
  let stories = 0;
  const story = () => `${ORIGIN}/security/story-${process.pid}-${++stories}`;
  const articleRows = async (forSite: Site) =>
    (await kolom.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE site_id = $1`, [forSite.id]))[0].n as number;
  const titleOf = async (articleId: number) =>
    (await kolom.dataSource.query(`SELECT title FROM articles WHERE id = $1`, [articleId]))[0].title as string | null;

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite();
    admin = await signInModerator(kolom, 'admin');
    reader = readerOf(kolom);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => kolom?.close());

  it('200 thread reads and 20 live joins of made-up URLs store nothing and list nothing for moderators', async () => {
    const quiet = await kolom.createSite();
    const base = story();
    for (let i = 0; i < 200; i += 1) {
      const page = expectStatus(await reader.open(quiet, `${base}?x=${i}`, { title: `Spam title ${i}` }), 200);
      expect(page.body.article).toEqual({ id: null, url: base, title: null });
    }
    const socket = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    clients.push(socket);
    for (let i = 0; i < 20; i += 1) {
      const ack = await socket.join({ site: quiet.slug, url: `${story()}?x=${i}` });
      // Past the 10 rooms a connection may follow, refused: either way nothing is stored.
      expect(ack.articleId ?? null).toBeNull();
    }
    expect(await articleRows(quiet)).toBe(0);
    expect(expectStatus(await admin.articles({ site: quiet.slug }), 200).body.articles).toEqual([]);
  });

  it('a refused first comment (bad fields, a reply to another article, too soon again) leaves no article behind', async () => {
    const strict = await kolom.createSite({ floodSeconds: 60 });
    const elsewhere = await reader.publish(strict, { url: story(), email: 'first@example.org' });
    const url = story();
    expect((await reader.tryPost(strict, { url, name: '' })).status).toBe(400);
    expect((await reader.tryPost(strict, { url, parentId: elsewhere.comment.id, email: 'other@example.org' })).status).toBe(403);
    expect((await reader.tryPost(strict, { url, email: 'first@example.org' })).status).toBe(429);
    expect(await articleRows(strict)).toBe(1);
  });

  it('a title sent with a held or spam comment is never kept; a published comment’s page title replaces an earlier one', async () => {
    const url = story();
    const spam = await reader.post(site, { url, title: 'BUY CHEAP PILLS', homepage: 'https://bot.example' });
    expect(spam.status).toBe('pending');
    expect(await titleOf(spam.comment.articleId)).toBeNull();

    const first = await reader.publish(site, { url, title: 'Poisoned: click here' });
    expect(await titleOf(first.comment.articleId)).toBe('Poisoned: click here');
    // The next reader's page says what the article is really called: one forged form does not name it for good.
    await reader.publish(site, { url, title: '  Budget vote tonight  ' });
    expect(await titleOf(first.comment.articleId)).toBe('Budget vote tonight');
    // A form without a title changes nothing.
    await reader.publish(site, { url });
    expect(await titleOf(first.comment.articleId)).toBe('Budget vote tonight');
  });

  it('one network starts at most 30 new articles an hour; it may still comment where a thread exists, and others may start theirs', async () => {
    const limited = await kolom.createSite({ newArticlesPerHour: 30 });
    // One IPv6 /64, a new address in it for every post, as a script would pick them.
    const fromNetwork = (n: number) => readerOf(kolom, { headers: { 'x-forwarded-for': `2001:db8:77:1::${(n + 1).toString(16)}` } });
    const urls = Array.from({ length: 30 }, story);
    for (const [n, url] of urls.entries()) expect((await fromNetwork(n).tryPost(limited, { url, email: `starter${n}@example.org` })).status).toBe(201);
    const refused = await fromNetwork(30).tryPost(limited, { url: story(), email: 'starter30@example.org' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^You are starting discussions on too many new articles\. Try again in \d+ minutes\.$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await articleRows(limited)).toBe(30);
    // An existing thread takes the same network's comment; another network starts a new one.
    expect((await fromNetwork(31).tryPost(limited, { url: urls[0], email: 'later@example.org' })).status).toBe(201);
    const elsewhere = readerOf(kolom, { headers: { 'x-forwarded-for': '2001:db8:78:1::1' } });
    expect((await elsewhere.tryPost(limited, { url: story(), email: 'neighbour@example.org' })).status).toBe(201);
  });

  it('a moderator sets up an article before its first comment: closed from the start, or held in full', async () => {
    const closedUrl = story();
    const closed = await admin.setUpArticle({ site: site.slug, url: `${closedUrl}?utm_source=desk`, open: false });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ url: closedUrl, open: false, acceptingComments: false });
    expect((await reader.tryPost(site, { url: closedUrl })).status).toBe(403);
    expect(expectStatus(await reader.open(site, closedUrl), 200).body).toMatchObject({ article: { id: closed.body.id }, open: false });

    // Again for the same URL: the same article, changed (200).
    const held = await admin.setUpArticle({ site: site.slug, url: closedUrl, open: true, premoderation: 'all' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ id: closed.body.id, open: true, premoderation: 'all' });
    expect((await reader.post(site, { url: closedUrl })).status).toBe('pending');
  });

  it('a moderator of another site cannot set up articles here, nor learn whether the site exists', async () => {
    const other = await kolom.createSite();
    const outsider = await signInModerator(kolom, 'moderator', [other]);
    const refused = await outsider.setUpArticle({ site: site.slug, url: story() });
    const unknown = await outsider.setUpArticle({ site: 'no-such-site', url: story() });
    expect([refused.status, unknown.status]).toEqual([404, 404]);
    expect(refused.body.message).toBe(unknown.body.message);
    expect(expectStatus(await outsider.setUpArticle({ site: other.slug, url: 'https://elsewhere.example/a' }), 403).body.message).toContain(
      'https://elsewhere.example',
    );
  });
});
