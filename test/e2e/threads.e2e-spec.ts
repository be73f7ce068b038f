import type { Site } from '../../src/sites/site.entity.js';
import type { PublicComment } from '../../src/threads/public-comment.js';
import type { ThreadPage } from '../../src/threads/thread-page.js';
import type { Refusal } from '../support/http.js';
import { commentForm, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

/** Reading an article's thread: GET /api/v1/threads. */
describe('reading a thread', () => {
  let kolom: TestKolom;
  let site: Site;
  let reader: Reader;
  let articleCounter = 0;

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
    reader = readerOf(kolom);
  });
  afterAll(() => kolom.close());

  /** A fresh article address, so each test reads a thread of its own. */
  function newArticleUrl(): string {
    articleCounter += 1;
    return `https://news.example/world/story-${articleCounter}`;
  }

  async function postTopLevel(url: string, count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) ids.push((await reader.post(site, { url })).comment.id);
    return ids;
  }

  /** Follows nextCursor from the first page to the last; returns each page. */
  async function walk(url: string, sort: 'oldest' | 'newest', limit: number): Promise<ThreadPage[]> {
    const pages: ThreadPage[] = [];
    let cursor: string | null = null;
    do {
      const page: ThreadPage = await reader.thread(site, url, { sort, limit, cursor: cursor ?? undefined });
      pages.push(page);
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(50);
    } while (cursor !== null);
    return pages;
  }

  describe('the article behind the thread', () => {
    it('opening an article nobody has commented on creates nothing; its first comment creates it, once', async () => {
      const url = newArticleUrl();
      const rows = async () =>
        (await kolom.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE site_id = $1 AND url = $2`, [site.id, url]))[0].n as number;
      const first = await reader.open(site, url);
      expect(first.status).toBe(200);
      expect(first.body.article).toEqual({ id: null, url, title: null });
      expect(await rows()).toBe(0);

      const comment = (await reader.post(site, { url })).comment;
      const second = await reader.open(site, url);
      expect(second.body.article.id).toBe(comment.articleId);
      expect((await reader.open(site, url)).body.article.id).toBe(comment.articleId);
      expect(await rows()).toBe(1);
    });

    it('a comment posted to the article lands in the thread readers opened', async () => {
      const url = newArticleUrl();
      const opened = await reader.open(site, url);
      expect(opened.body.lastEventId).toBe(0);
      const comment = (await reader.post(site, { url, body: 'Posted after the page loaded.' })).comment;
      const reread = await reader.open(site, url);
      expect(reread.body.article.id).toBe(comment.articleId);
      expect(reread.body.comments.map((c) => c.body)).toEqual(['Posted after the page loaded.']);
    });
  });

  describe('an article nobody has commented on yet', () => {
    it('shows an empty, open thread with no next page', async () => {
      const answer = await reader.open(site, newArticleUrl());
      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(0);
      expect(answer.body.comments).toEqual([]);
      expect(answer.body.open).toBe(true);
      expect(answer.body.nextCursor).toBeNull();
      expect(answer.body).not.toHaveProperty('formToken');
    });
  });

  describe('only approved comments are shown', () => {
    it('on a site that holds every comment, held comments are neither listed nor counted', async () => {
      const heldSite = await kolom.createSite({ premoderation: 'all' });
      const url = newArticleUrl();
      const held = await reader.send(commentForm(heldSite, { url, body: 'Waiting for a moderator.' }));
      expect(held.status).toBe(201);
      expect(held.body.status).toBe('pending');

      const thread = await reader.open(heldSite, url);
      expect(thread.status).toBe(200);
      expect(thread.body.total).toBe(0);
      expect(thread.body.comments).toEqual([]);
      expect(JSON.stringify(thread.body)).not.toContain('Waiting for a moderator.');
    });

    it('beside approved comments, a held comment and a held reply stay out of the thread and the count', async () => {
      const linksSite = await kolom.createSite({ premoderation: 'links' });
      const url = newArticleUrl();
      const approved = (await reader.post(linksSite, { url, body: 'Plain words, published at once.' })).comment;
      const held = await reader.send(commentForm(linksSite, { url, body: 'See https://elsewhere.example/x', email: 'newcomer.x@example.org' }));
      expect(held.body.status).toBe('pending');
      const heldReply = await reader.send(
        commentForm(linksSite, { url, parentId: approved.id, body: 'Reply with a link https://elsewhere.example/y', email: 'newcomer.y@example.org' }),
      );
      expect(heldReply.body.status).toBe('pending');

      const thread = await reader.open(linksSite, url);
      expect(thread.body.total).toBe(1);
      expect(thread.body.comments).toHaveLength(1);
      expect(thread.body.comments[0]).toEqual(expect.objectContaining({ id: approved.id, body: 'Plain words, published at once.', replies: [] }));
    });
  });

  describe('paging through a long thread', () => {
    it('oldest first: pages follow each other in ascending order and every comment appears exactly once', async () => {
      const url = newArticleUrl();
      const ids = await postTopLevel(url, 7);

      const pages = await walk(url, 'oldest', 3);
      expect(pages.map((p) => p.comments.length)).toEqual([3, 3, 1]);
      const seen = pages.flatMap((p) => p.comments.map((c) => c.id));
      expect(seen).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(seen).size).toBe(7);
      expect(pages.slice(0, -1).every((p) => typeof p.nextCursor === 'string')).toBe(true);
      expect(pages[pages.length - 1].nextCursor).toBeNull();
      expect(pages.every((p) => p.total === 7)).toBe(true);
    });

    it('newest first: pages follow each other in descending order and every comment appears exactly once', async () => {
      const url = newArticleUrl();
      const ids = await postTopLevel(url, 7);

      const pages = await walk(url, 'newest', 3);
      expect(pages.map((p) => p.comments.length)).toEqual([3, 3, 1]);
      const seen = pages.flatMap((p) => p.comments.map((c) => c.id));
      expect(seen).toEqual([...ids].sort((a, b) => b - a));
      expect(pages[pages.length - 1].nextCursor).toBeNull();
    });

    it('when the comments fill the last page exactly, that page says there is nothing more', async () => {
      const url = newArticleUrl();
      const ids = await postTopLevel(url, 4);

      for (const sort of ['oldest', 'newest'] as const) {
        const pages = await walk(url, sort, 2);
        expect(pages.map((p) => p.comments.length)).toEqual([2, 2]);
        expect(pages[1].nextCursor).toBeNull();
        expect(new Set(pages.flatMap((p) => p.comments.map((c) => c.id)))).toEqual(new Set(ids));
      }
    });

    it('a single page holding the whole thread has no next cursor', async () => {
      const url = newArticleUrl();
      await postTopLevel(url, 2);
      const answer = await reader.open(site, url, { limit: 5 });
      expect(answer.body.comments).toHaveLength(2);
      expect(answer.body.nextCursor).toBeNull();
    });

    it('without a limit a page holds 50 top-level comments, and the 51st comes on the next page', async () => {
      const url = newArticleUrl();
      const ids = await postTopLevel(url, 51);

      const first = await reader.open(site, url);
      expect(first.status).toBe(200);
      expect(first.body.comments).toHaveLength(50);
      expect(first.body.total).toBe(51);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect(first.body.comments.map((c) => c.id)).toEqual(ids.slice(0, 50));

      const second = await reader.open(site, url, { cursor: first.body.nextCursor });
      expect(second.status).toBe(200);
      expect(second.body.comments.map((c) => c.id)).toEqual([ids[50]]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('replies come nested under their parent on the page of that parent, oldest first, and count in the total', async () => {
      const url = newArticleUrl();
      const [a, b, c] = await postTopLevel(url, 3);
      const a1 = (await reader.post(site, { url, parentId: a, body: 'First reply to A.' })).comment;
      const c1 = (await reader.post(site, { url, parentId: c, body: 'First reply to C.' })).comment;
      const a2 = (await reader.post(site, { url, parentId: a, body: 'Second reply to A.' })).comment;
      const a1x = (await reader.post(site, { url, parentId: a1.id, body: 'Reply to the first reply to A.' })).comment;
      const c2 = (await reader.post(site, { url, parentId: c, body: 'Second reply to C.' })).comment;

      const pages = await walk(url, 'oldest', 2);
      expect(pages).toHaveLength(2);
      expect(pages.every((p) => p.total === 8)).toBe(true);

      const [first, second] = pages;
      expect(first.comments.map((x) => x.id)).toEqual([a, b]);
      const [nodeA, nodeB] = first.comments;
      expect(nodeA.replies.map((x) => x.id)).toEqual([a1.id, a2.id]);
      expect(nodeA.replies.map((x) => x.body)).toEqual(['First reply to A.', 'Second reply to A.']);
      expect(nodeA.replies[0].replies.map((x) => x.id)).toEqual([a1x.id]);
      expect(nodeA.replies[0].replies[0].parentId).toBe(a1.id);
      expect(nodeA.replies[1].replies).toEqual([]);
      expect(nodeB.replies).toEqual([]);

      expect(second.comments.map((x) => x.id)).toEqual([c]);
      expect(second.comments[0].replies.map((x) => x.id)).toEqual([c1.id, c2.id]);

      // No reply turns up at the top level or twice.
      const everyId = (nodes: PublicComment[]): number[] => nodes.flatMap((n) => [n.id, ...everyId(n.replies)]);
      const all = pages.flatMap((p) => everyId(p.comments));
      expect(all.sort((x, y) => x - y)).toEqual([a, b, c, a1.id, c1.id, a2.id, a1x.id, c2.id].sort((x, y) => x - y));
    });

    it('newest first orders the top-level comments only; replies under each stay oldest first', async () => {
      const url = newArticleUrl();
      const [a, b] = await postTopLevel(url, 2);
      const a1 = (await reader.post(site, { url, parentId: a })).comment;
      const a2 = (await reader.post(site, { url, parentId: a })).comment;

      const answer = await reader.open(site, url, { sort: 'newest' });
      expect(answer.body.comments.map((x) => x.id)).toEqual([b, a]);
      expect(answer.body.comments[1].replies.map((x) => x.id)).toEqual([a1.id, a2.id]);
      expect(answer.body.total).toBe(4);
    });
  });

  describe('a request the server cannot answer', () => {
    it.each([['0'], ['101'], ['abc'], ['-5'], ['2.5']])('limit=%s is refused with a message saying what limit may be', async (limit) => {
      const url = newArticleUrl();
      const answer = await reader.open(site, url, { limit });
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.limit).toMatch(/limit/i);
      expect(answer.body.fields?.limit).toMatch(/1.*100/);
      expect(answer.body.message).toContain(answer.body.fields?.limit);
    });

    it('limit=100 is the largest page allowed', async () => {
      const answer = await reader.open(site, newArticleUrl(), { limit: 100 });
      expect(answer.status).toBe(200);
    });

    it('a cursor handed out for oldest-first cannot be used for newest-first', async () => {
      const url = newArticleUrl();
      await postTopLevel(url, 3);
      const first = await reader.open(site, url, { sort: 'oldest', limit: 1 });
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const mixed = await reader.open(site, url, { sort: 'newest', limit: 1, cursor: first.body.nextCursor });
      expect(mixed.status).toBe(400);
      expect(mixed.body.fields?.cursor).toMatch(/cursor/);
    });

    it('a cursor handed out for newest-first cannot be used for oldest-first', async () => {
      const url = newArticleUrl();
      await postTopLevel(url, 3);
      const first = await reader.open(site, url, { sort: 'newest', limit: 1 });
      const mixed = await reader.open(site, url, { limit: 1, cursor: first.body.nextCursor });
      expect(mixed.status).toBe(400);
      expect(mixed.body.fields?.cursor).toMatch(/cursor/);
    });

    it.each([['not-a-cursor'], ['!!!'], ['bzEyMw'.repeat(20)], [Buffer.from('o-12').toString('base64url')]])(
      'a made-up cursor (%s) is refused',
      async (cursor) => {
        const answer = await reader.open(site, newArticleUrl(), { cursor });
        expect(answer.status).toBe(400);
        expect(answer.body.fields?.cursor).toMatch(/cursor/);
      },
    );

    it('an unknown sort order is refused', async () => {
      const answer = await reader.open(site, newArticleUrl(), { sort: 'best' });
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.sort).toMatch(/oldest, newest or top/);
    });

    it('a site that does not exist answers 404', async () => {
      const answer = await reader.open({ slug: 'no-such-site' }, newArticleUrl());
      expect(answer.status).toBe(404);
      expect(answer.body.message).toMatch(/no-such-site/);
    });

    it('a request without the article url is refused', async () => {
      const answer = await kolom.request<Refusal>('GET', `/api/v1/threads?site=${site.slug}`);
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.url).toMatch(/url is required/);
    });

    it('a request without the site is refused', async () => {
      const answer = await kolom.request<Refusal>('GET', `/api/v1/threads?url=${encodeURIComponent(newArticleUrl())}`);
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.site).toMatch(/site is required/);
    });
  });
});
