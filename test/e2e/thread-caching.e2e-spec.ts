import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Site } from '../../src/sites/site.entity.js';
import type { ThreadPage } from '../../src/threads/thread-answers.js';
import { withQuery } from '../support/http.js';
import { signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire, still compressed if they were. */
  bytes: Buffer;
}

/** A GET as a browser or CDN sends it, read byte for byte: fetch would decompress, and would not show what was sent. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${baseUrl}${path}`, { headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, bytes: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

function decoded(answer: RawAnswer): ThreadPage {
  const coding = answer.headers['content-encoding'];
  const bytes = coding === 'br' ? brotliDecompressSync(answer.bytes) : coding === 'gzip' ? gunzipSync(answer.bytes) : answer.bytes;
  return JSON.parse(bytes.toString('utf8')) as ThreadPage;
}

/** Thread pages a CDN can keep (issue 20, item 1): the same bytes for every reader, validated, compressed. */
describe('thread pages for browsers, proxies and CDNs', () => {
  let kolom: TestKolom;
  let site: Site;
  let reader: Reader;
  let articles = 0;
  const newArticle = () => `https://news.example/cache/story-${process.pid}-${++articles}`;
  const threadPath = (url: string, query: Record<string, string | number> = {}) => withQuery('/api/v1/threads', { site: site.slug, url, ...query });

  /** An article with enough comments for its page to be worth compressing. */
  async function busyArticle(comments = 12): Promise<string> {
    const url = newArticle();
    for (let i = 0; i < comments; i += 1) await reader.publish(site, { url, body: `Comment ${i} on a story many people read, long enough to matter.` });
    return url;
  }

  beforeAll(async () => {
    kolom = await startKolom({ THREAD_MAX_AGE: '7' });
    site = await kolom.createSite();
    reader = readerOf(kolom);
  });
  afterAll(() => kolom.close());

  it('every reader gets the same bytes, with a strong ETag, public caching and the keys a CDN purges by', async () => {
    const url = await busyArticle(3);
    const first = await rawGet(kolom.baseUrl, threadPath(url));
    const second = await rawGet(kolom.baseUrl, threadPath(url));
    expect(first.status).toBe(200);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers['cache-control']).toBe('public, max-age=7, stale-while-revalidate=30');
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    const page = decoded(first);
    expect(page).not.toHaveProperty('formToken');
    expect(first.headers['surrogate-key']).toBe(`kolom-site-${site.slug} kolom-article-${page.article.id}`);
    expect(first.headers['cache-tag']).toBe(`kolom-site-${site.slug},kolom-article-${page.article.id}`);
  });

  it('answers If-None-Match with 304 and no body until a comment changes the page, then with the new page', async () => {
    const url = await busyArticle(2);
    const first = await rawGet(kolom.baseUrl, threadPath(url));
    const etag = String(first.headers.etag);
    for (let i = 0; i < 3; i += 1) {
      const unchanged = await rawGet(kolom.baseUrl, threadPath(url), { 'If-None-Match': etag });
      expect(unchanged.status).toBe(304);
      expect(unchanged.bytes.length).toBe(0);
      expect(unchanged.headers.etag).toBe(etag);
      expect(unchanged.headers['cache-control']).toBe(first.headers['cache-control']);
    }
    // A list of validators, one of them weak (as a proxy that compressed it would send it back), still matches.
    expect((await rawGet(kolom.baseUrl, threadPath(url), { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);

    const added = await reader.publish(site, { url, body: 'A newer comment changes the page at once.' });
    const changed = await rawGet(kolom.baseUrl, threadPath(url), { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(decoded(changed).comments.map((c) => c.id)).toContain(added.comment.id);

    // A moderator's removal changes it too: spam vanishes for the next reader, not after the cache ages.
    const newer = String(changed.headers.etag);
    expect((await rawGet(kolom.baseUrl, threadPath(url), { 'If-None-Match': newer })).status).toBe(304);
    const moderator = await signInModerator(kolom, 'admin');
    expect((await moderator.act(added.comment.id, 'spam')).status).toBe(200);
    const removed = await rawGet(kolom.baseUrl, threadPath(url), { 'If-None-Match': newer });
    expect(removed.status).toBe(200);
    expect(decoded(removed).comments.map((c) => c.id)).not.toContain(added.comment.id);
  });

  it('compresses with brotli or gzip as the reader accepts, keeps a validator per coding, and sends small pages as they are', async () => {
    const url = await busyArticle(20);
    const plain = await rawGet(kolom.baseUrl, threadPath(url));
    const br = await rawGet(kolom.baseUrl, threadPath(url), { 'Accept-Encoding': 'gzip, deflate, br' });
    const gzip = await rawGet(kolom.baseUrl, threadPath(url), { 'Accept-Encoding': 'gzip' });
    const refused = await rawGet(kolom.baseUrl, threadPath(url), { 'Accept-Encoding': 'br;q=0, gzip;q=0' });

    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(decoded(br)).toEqual(decoded(plain));
    expect(decoded(gzip)).toEqual(decoded(plain));
    expect(Number(br.headers['content-length'])).toBe(br.bytes.length);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length / 3);
    const tags = new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]);
    expect(tags.size).toBe(3);
    // Any coding's validator stands for the page: a CDN that kept the gzip copy revalidates with it.
    const revalidated = await rawGet(kolom.baseUrl, threadPath(url), { 'Accept-Encoding': 'br', 'If-None-Match': String(gzip.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.etag).toBe(br.headers.etag);

    const empty = await rawGet(kolom.baseUrl, threadPath(newArticle()), { 'Accept-Encoding': 'br, gzip' });
    expect(empty.status).toBe(200);
    expect(empty.headers['content-encoding']).toBeUndefined();
    expect(decoded(empty).total).toBe(0);
  });

  it('a page served from the cache carries the same headers as the first, rendered one', async () => {
    const url = await busyArticle(3);
    const path = threadPath(url, { sort: 'newest', limit: 10 });
    const rendered = await rawGet(kolom.baseUrl, path, { Origin: 'https://news.example', 'Accept-Encoding': 'gzip' });
    const kept = await rawGet(kolom.baseUrl, path, { Origin: 'https://news.example', 'Accept-Encoding': 'gzip' });
    for (const name of [
      'etag',
      'cache-control',
      'vary',
      'content-type',
      'content-encoding',
      'surrogate-key',
      'access-control-allow-origin',
      'x-content-type-options',
    ]) {
      expect([name, kept.headers[name]]).toEqual([name, rendered.headers[name]]);
    }
    expect(kept.headers['access-control-allow-origin']).toBe('*');
    expect(kept.bytes.equals(rendered.bytes)).toBe(true);
  });

  it('a page for a URL the site does not serve, or with odd parameters, is refused every time, never served from the cache', async () => {
    const url = await busyArticle(1);
    for (let i = 0; i < 2; i += 1) {
      expect((await rawGet(kolom.baseUrl, withQuery('/api/v1/threads', { site: site.slug, url: 'https://elsewhere.example/story' }))).status).toBe(403);
      expect((await rawGet(kolom.baseUrl, threadPath(url, { limit: 1000 }))).status).toBe(400);
      expect((await rawGet(kolom.baseUrl, withQuery('/api/v1/threads', { site: 'no-such-site', url }))).status).toBe(404);
    }
  });

  describe('the form token, asked for on its own', () => {
    it('is new for every request and never cached', async () => {
      const url = newArticle();
      const answers = await Promise.all([reader.askFormToken(site, url), reader.askFormToken(site, url)]);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.body.formToken).toMatch(/^u\./);
      }
      expect(answers[0].body.formToken).not.toBe(answers[1].body.formToken);
    });

    it('publishes a comment sent with it once the site’s minimum time has passed', async () => {
      const timed = await kolom.createSite({ minSubmitSeconds: 1 });
      const url = newArticle();
      const formToken = await reader.formToken(timed, url);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await reader.post(timed, { url, formToken })).status).toBe('approved');
    });

    it('is refused for an unknown site, a foreign article or a missing URL', async () => {
      expect((await reader.askFormToken({ slug: 'no-such-site' }, newArticle())).status).toBe(404);
      expect((await reader.askFormToken(site, 'https://elsewhere.example/story')).status).toBe(403);
      const missing = await kolom.request('GET', withQuery('/api/v1/form-tokens', { site: site.slug }));
      expect(missing.status).toBe(400);
    });
  });
});
