import { COUNTS_CACHE_CONTROL } from '../../src/threads/counts.controller.js';
import { MAX_COUNT_URLS, TOO_MANY_COUNT_URLS_MESSAGE } from '../../src/threads/dto/counts-query.dto.js';
import type { CountsAnswer } from '../../src/threads/counts-answer.js';
import type { Site } from '../../src/sites/site.entity.js';
import { type Answer, expectStatus } from '../support/http.js';
import { type Reader, readerOf } from '../support/reader.js';
import { seedComments } from '../support/seed.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * GET /api/v1/counts (issue 20): a homepage's article list asks for the approved comments of up to
 * a hundred articles at once, with the URLs its links carry.
 */
describe('comment counts for article lists', () => {
  let kolom: TestKolom;
  let reader: Reader;
  let site: Site;
  let storyCounter = 0;
  const newStory = () => `https://news.example/counts/story-${++storyCounter}`;

  beforeAll(async () => {
    kolom = await startKolom();
    reader = readerOf(kolom);
    site = await kolom.createSite();
  });
  afterAll(async () => {
    await kolom?.close();
  });

  function countsPath(siteSlug: string, urls: string[]): string {
    const query = new URLSearchParams({ site: siteSlug });
    for (const url of urls) query.append('url', url);
    return `/api/v1/counts?${query}`;
  }
  const askCounts = (urls: string[], headers: Record<string, string> = {}, siteSlug = site.slug): Promise<Answer<CountsAnswer>> =>
    kolom.request('GET', countsPath(siteSlug, urls), undefined, headers);
  const countsOf = async (urls: string[]): Promise<CountsAnswer['counts']> => expectStatus(await askCounts(urls), 200).body.counts;
  const articleRows = async (): Promise<number> => Number((await kolom.dataSource.query('SELECT count(*) AS n FROM articles'))[0].n);

  it('answers each URL as given with its approved comments, replies included, and 0 for an article nobody commented on', async () => {
    const [busy, quiet, untouched] = [newStory(), newStory(), newStory()];
    const first = await reader.publish(site, { url: busy });
    await reader.publish(site, { url: busy, parentId: first.comment.id });
    await reader.publish(site, { url: busy });
    await reader.publish(site, { url: quiet });

    expect(await countsOf([busy, quiet, untouched])).toEqual({ [busy]: 3, [quiet]: 1, [untouched]: 0 });
  });

  it('counts a link with campaign parameters, a fragment or a trailing slash as its article, keyed as the page sent it', async () => {
    const story = newStory();
    await reader.publish(site, { url: story });
    await reader.publish(site, { url: `${story}?utm_source=newsletter` });
    const teaser = `${story}/?utm_source=homepage&utm_medium=teaser#comments`;

    expect(await countsOf([teaser, story])).toEqual({ [teaser]: 2, [story]: 2 });
  });

  it('counts only published comments: held, spam, trashed and deleted ones are not', async () => {
    const story = newStory();
    const published = await reader.publish(site, { url: story });
    await seedComments(kolom.dataSource, published.comment, [
      { body: 'Held for a moderator.', status: 'pending', email: 'held@example.org' },
      { body: 'Buy cheap watches.', status: 'spam', email: 'spam@example.org' },
      { body: 'Thrown away.', status: 'trash', email: 'trash@example.org' },
    ]);
    const withdrawn = await reader.publish(site, { url: story });
    await reader.withdraw(withdrawn);

    expect(await countsOf([story])).toEqual({ [story]: 1 });
  });

  it('leaves out URLs that cannot have a thread on the site (another origin, not http) and refuses nothing for them', async () => {
    const story = newStory();
    await reader.publish(site, { url: story });
    const elsewhere = 'https://elsewhere.example/counts/story';

    expect(await countsOf([story, elsewhere, 'javascript:alert(1)', '/relative/path', ''])).toEqual({ [story]: 1 });
  });

  it('creates no article for the URLs it is asked about', async () => {
    const before = await articleRows();
    await countsOf([newStory(), newStory(), newStory()]);

    expect(await articleRows()).toBe(before);
  });

  it(`asks about up to ${MAX_COUNT_URLS} URLs at once and refuses more, or none, with a 400 saying so`, async () => {
    const hundred = Array.from({ length: MAX_COUNT_URLS }, (_, i) => `https://news.example/counts/list-${i}`);
    expect(Object.keys(await countsOf(hundred))).toHaveLength(MAX_COUNT_URLS);

    const tooMany = expectStatus(await askCounts([...hundred, 'https://news.example/counts/one-more']), 400).body;
    expect(tooMany.fields).toEqual({ url: TOO_MANY_COUNT_URLS_MESSAGE });
    const none = expectStatus(await askCounts([]), 400).body;
    expect(none.fields?.url).toMatch(/url is required/);
  });

  it('answers 404 for a site this server does not have', async () => {
    const answer = expectStatus(await askCounts([newStory()], {}, 'no-such-site'), 404);
    expect(answer.body.message).toBe('There is no site "no-such-site" on this Kolom server.');
  });

  it('may be kept by browsers and CDNs for half a minute, and answers 304 to its ETag until a count changes', async () => {
    const story = newStory();
    await reader.publish(site, { url: story });
    const first = expectStatus(await askCounts([story]), 200);
    expect(first.headers.get('cache-control')).toBe(COUNTS_CACHE_CONTROL);
    expect(COUNTS_CACHE_CONTROL).toBe('public, max-age=30, stale-while-revalidate=60');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    // As a browser or CDN revalidates. (fetch() would otherwise add `Cache-Control: no-cache` to a
    // conditional request, which asks for a full answer, as a reader's forced reload does.)
    const revalidating = { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' };
    const unchanged = await askCounts([story], revalidating);
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.get('cache-control')).toBe(COUNTS_CACHE_CONTROL);

    await reader.publish(site, { url: story });
    const changed = expectStatus(await askCounts([story], revalidating), 200);
    expect(changed.body.counts).toEqual({ [story]: 2 });
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('may be read from any page, as the rest of the public API', async () => {
    const answer = await askCounts([newStory()], { Origin: 'https://homepage.example' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
