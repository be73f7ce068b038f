import type { Site } from '../../src/sites/site.entity.js';
import { PATH_DIGITS } from '../../src/threads/sort-path.js';
import { commentForm, type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * The desk's article view (DESIGN.md, Moderation API): finding an article of one's sites by its
 * title or address, with how many comments it has in each state, and reading its thread as a
 * moderator — the held comments in place among the published ones.
 */

const ORIGIN = 'https://news.example';
const API = '/api/v1/moderation';
/** An id no row has: what "does not exist at all" looks like. */
const NO_SUCH_ID = 999_999_999;
let articleCounter = 0;
const newArticle = () => `${ORIGIN}/desk/story-${++articleCounter}`;

interface Posted {
  comment: { id: number; articleId: number };
  status: string;
  editToken: string;
}

describe('moderation: the article list and an article’s thread', () => {
  let kolom: TestKolom;
  let admin: SignedInModerator;

  beforeAll(async () => {
    kolom = await startKolom();
    admin = await kolom.signIn('admin');
  });
  afterAll(() => kolom?.close());

  const post = async (onSite: Site, fields: Record<string, unknown> = {}): Promise<Posted> => {
    const answer = await kolom.request('POST', '/api/v1/comments', commentForm(onSite, fields));
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const as = (moderator: SignedInModerator | null) => ({
    get: (path: string) => kolom.request('GET', API + path, undefined, moderator?.headers ?? {}),
    post: (path: string, body: unknown = {}) => kolom.request('POST', API + path, body, moderator?.headers ?? {}),
    patch: (path: string, body: unknown) => kolom.request('PATCH', API + path, body, moderator?.headers ?? {}),
  });
  /** An article exists once a page of it has loaded the thread, before anyone comments. */
  const openArticle = async (onSite: Site, url: string, title: string) => {
    const page = await kolom.request('GET', `/api/v1/threads?site=${onSite.slug}&url=${encodeURIComponent(url)}&title=${encodeURIComponent(title)}`);
    expect(page.status).toBe(200);
    const [row] = await kolom.dataSource.query('SELECT id FROM articles WHERE site_id = $1 AND url = $2', [onSite.id, url]);
    return Number(row.id);
  };
  const ids = (list: Array<{ id: number }>) => list.map((entry) => entry.id);

  describe('the article list', () => {
    it('lists the articles of your sites newest first, each with its approved, pending and flagged comments', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const budgetUrl = newArticle();
      const budget = await post(paper, { url: budgetUrl, title: 'Budget vote tonight' });
      const reported = await post(paper, { url: budgetUrl });
      await post(paper, { url: budgetUrl });
      expect((await kolom.request('POST', `/api/v1/comments/${reported.comment.id}/flags`, { reason: 'abuse' })).status).toBe(201);
      // Neither spam, nor trash, nor what its author deleted counts: they are not in the thread.
      await post(paper, { url: budgetUrl, body: 'Cheap watches', homepage: 'https://bot.example' });
      const trashed = await post(paper, { url: budgetUrl });
      await as(desk).post(`/comments/${trashed.comment.id}/trash`);
      const withdrawn = await post(paper, { url: budgetUrl });
      await kolom.request('DELETE', `/api/v1/comments/${withdrawn.comment.id}`, undefined, { 'X-Edit-Token': withdrawn.editToken });

      const ferryUrl = newArticle();
      const ferry = await post(paper, { url: ferryUrl, title: 'Ferry strike' });
      await as(desk).patch(`/articles/${ferry.comment.articleId}`, { premoderation: 'all' });
      await post(paper, { url: ferryUrl });
      await post(paper, { url: ferryUrl });
      const quietId = await openArticle(paper, newArticle(), 'Nobody has commented yet');

      const list = await as(desk).get('/articles');
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.articles).toEqual([
        {
          id: quietId,
          site: paper.slug,
          url: expect.stringContaining('/desk/story-'),
          title: 'Nobody has commented yet',
          open: true,
          acceptingComments: true,
          premoderation: null,
          createdAt: expect.any(String),
          counts: { approved: 0, pending: 0, flagged: 0 },
        },
        expect.objectContaining({ id: ferry.comment.articleId, url: ferryUrl, title: 'Ferry strike', premoderation: 'all', counts: { approved: 1, pending: 2, flagged: 0 } }),
        expect.objectContaining({ id: budget.comment.articleId, url: budgetUrl, title: 'Budget vote tonight', counts: { approved: 3, pending: 0, flagged: 1 } }),
      ]);

      // Approving a reported comment dismisses its reports: it is no longer flagged.
      await as(desk).post(`/comments/${reported.comment.id}/approve`);
      const after = await as(desk).get(`/articles?q=${encodeURIComponent('budget vote')}`);
      expect(after.body.articles.map((a: { counts: unknown }) => a.counts)).toEqual([{ approved: 3, pending: 0, flagged: 0 }]);
    });

    it('finds articles by title or address in any case, taking %, _ and \\ in the question literally', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const inflation = await post(paper, { url: `${ORIGIN}/economy/prices-may`, title: 'Inflation hits 5% in May' });
      await post(paper, { url: `${ORIGIN}/economy/rates`, title: 'Rates held at 50 basis points' });
      const election = await post(paper, { url: `${ORIGIN}/politics/Election_Night`, title: 'Results, live' });
      const electionDay = await post(paper, { url: `${ORIGIN}/politics/election-day`, title: 'Queues at the polls' });
      const slashed = await post(paper, { url: `${ORIGIN}/tech/paths`, title: 'Why C:\\Windows still matters' });

      const find = async (q: string) => {
        const answer = await as(desk).get(`/articles?q=${encodeURIComponent(q)}`);
        expect(answer.status).toBe(200);
        return ids(answer.body.articles);
      };
      expect(await find('5%')).toEqual([inflation.comment.articleId]);
      expect(await find('  INFLATION ')).toEqual([inflation.comment.articleId]);
      expect(await find('election_')).toEqual([election.comment.articleId]);
      expect(await find('/POLITICS/')).toEqual([electionDay.comment.articleId, election.comment.articleId]);
      expect(await find('c:\\win')).toEqual([slashed.comment.articleId]);
      expect(await find('nothing like this')).toEqual([]);
      // A blank question is no question.
      expect(await find('   ')).toHaveLength(5);
    });

    it('pages through the articles with a cursor', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const created: number[] = [];
      for (let i = 0; i < 5; i++) created.push((await post(paper, { url: newArticle(), title: `Page test ${i}` })).comment.articleId);
      const newestFirst = [...created].reverse();

      const first = await as(desk).get('/articles?limit=2');
      expect(ids(first.body.articles)).toEqual(newestFirst.slice(0, 2));
      const second = await as(desk).get(`/articles?limit=2&cursor=${first.body.nextCursor}`);
      expect(ids(second.body.articles)).toEqual(newestFirst.slice(2, 4));
      const third = await as(desk).get(`/articles?limit=2&cursor=${second.body.nextCursor}`);
      expect(third.body).toEqual({ articles: [expect.objectContaining({ id: newestFirst[4] })], nextCursor: null });
      // The cursor carries the position, the question stays the client's: it pages a filtered list too.
      const filtered = await as(desk).get(`/articles?q=page%20test&limit=3&cursor=${first.body.nextCursor}`);
      expect(ids(filtered.body.articles)).toEqual(newestFirst.slice(2, 5));
    });

    it('narrows to one of your sites, and knows nothing of another newspaper’s', async () => {
      const [paperA, paperB, paperC] = await Promise.all([kolom.createSite(), kolom.createSite(), kolom.createSite()]);
      const deskAB = await kolom.signIn('moderator', [paperA, paperB]);
      const deskC = await kolom.signIn('moderator', [paperC]);
      const a = await post(paperA, { url: newArticle() });
      const b = await post(paperB, { url: newArticle() });
      const c = await post(paperC, { url: newArticle() });

      expect(ids((await as(deskAB).get('/articles')).body.articles)).toEqual([b.comment.articleId, a.comment.articleId]);
      expect(ids((await as(deskAB).get(`/articles?site=${paperA.slug}`)).body.articles)).toEqual([a.comment.articleId]);
      expect(ids((await as(deskAB).get(`/articles?site=${paperB.slug.toUpperCase()}`)).body.articles)).toEqual([b.comment.articleId]);
      expect(ids((await as(deskC).get('/articles')).body.articles)).toEqual([c.comment.articleId]);
      const admins = ids((await as(admin).get('/articles?limit=100')).body.articles);
      expect(admins).toEqual(expect.arrayContaining([a.comment.articleId, b.comment.articleId, c.comment.articleId]));

      // Another newspaper's site, article and thread answer exactly like ones that do not exist.
      const foreignSite = await as(deskC).get(`/articles?site=${paperA.slug}`);
      const unknownSite = await as(deskC).get('/articles?site=no-such-paper');
      expect(foreignSite).toMatchObject({ status: 404, body: { message: `There is no site "${paperA.slug}".` } });
      expect(unknownSite).toMatchObject({ status: 404, body: { message: 'There is no site "no-such-paper".' } });
      for (const path of [`/articles/${a.comment.articleId}`, `/articles/${a.comment.articleId}/comments`]) {
        const foreign = await as(deskC).get(path);
        const missing = await as(deskC).get(path.replace(String(a.comment.articleId), String(NO_SUCH_ID)));
        expect(foreign).toMatchObject({ status: 404, body: { message: 'There is no such article.' } });
        expect(missing.status).toBe(404);
        expect(foreign.body).toEqual(missing.body);
      }
      expect((await as(deskAB).get(`/articles/${a.comment.articleId}/comments`)).status).toBe(200);
    });
  });

  describe('an article’s thread', () => {
    it('shows approved and held comments in place, oldest first, replies naming their parent — never spam, trash or withdrawn ones', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const url = newArticle();
      const first = await post(paper, { url, name: 'Budi', body: 'The budget is too small for the schools.' });
      const reply = await post(paper, { url, parentId: first.comment.id, body: 'It doubled since last year.' });
      // Two links are as many as the site allows: a newcomer's comment with them is held.
      const linky = await post(paper, { url, parentId: reply.comment.id, email: 'newcomer@example.org', body: 'See https://a.example and https://b.example' });
      expect(linky.status).toBe('pending');
      const spam = await post(paper, { url, body: 'Cheap watches', homepage: 'https://bot.example' });
      const trashed = await post(paper, { url, body: 'Off topic entirely.' });
      await as(desk).post(`/comments/${trashed.comment.id}/trash`);
      const withdrawn = await post(paper, { url, body: 'I take it back.' });
      await kolom.request('DELETE', `/api/v1/comments/${withdrawn.comment.id}`, undefined, { 'X-Edit-Token': withdrawn.editToken });
      await as(desk).patch(`/articles/${first.comment.articleId}`, { premoderation: 'all' });
      const heldTop = await post(paper, { url, email: 'sari@example.org', name: 'Sari', body: 'Held: the whole article is pre-moderated.' });
      const approvedLater = await post(paper, { url, parentId: first.comment.id, body: 'Held, then approved.' });
      await as(desk).post(`/comments/${approvedLater.comment.id}/approve`);
      expect(await kolom.verdictOf(spam.comment.id)).toMatchObject({ status: 'spam' });

      const thread = await as(desk).get(`/articles/${first.comment.articleId}/comments`);
      expect(thread.status).toBe(200);
      expect(thread.body.nextCursor).toBeNull();
      expect(thread.body.article).toEqual((await as(desk).get(`/articles/${first.comment.articleId}`)).body);
      expect(thread.body.article).toMatchObject({ id: first.comment.articleId, url, premoderation: 'all' });
      expect(thread.body.comments.map((c: { id: number; status: string; parent: { id: number } | null }) => [c.id, c.status, c.parent?.id ?? null])).toEqual([
        [first.comment.id, 'approved', null],
        [reply.comment.id, 'approved', first.comment.id],
        [linky.comment.id, 'pending', reply.comment.id],
        [heldTop.comment.id, 'pending', null],
        [approvedLater.comment.id, 'approved', first.comment.id],
      ]);
      // Each one a full queue item: what it takes to decide, right in the thread.
      expect(thread.body.comments[3]).toEqual({
        id: heldTop.comment.id,
        site: { id: paper.id, slug: paper.slug },
        status: 'pending',
        queue: 'pending',
        body: 'Held: the whole article is pre-moderated.',
        author: { name: 'Sari', email: 'sari@example.org', website: null, ip: '127.0.0.1', userAgent: expect.any(String) },
        createdAt: expect.any(String),
        editedAt: null,
        article: { id: first.comment.articleId, url, title: null, open: true },
        parent: null,
        verdict: expect.objectContaining({ reasons: expect.any(Array) }),
        flags: { count: 0, reasons: {}, notes: [] },
        record: { pending: 1 },
      });
      expect(thread.body.comments[2].parent).toEqual({ id: reply.comment.id, authorName: 'Ayu Lestari', body: 'It doubled since last year.', status: 'approved' });
    });

    it('pages through a long thread, 100 comments at a time unless asked for fewer', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const url = newArticle();
      const first = await post(paper, { url, body: 'Comment number 0' });
      // 104 more as the post would store them, in one statement rather than 104 posts.
      const copies: Array<{ id: string }> = await kolom.dataSource.query(
        `WITH ids AS (SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id, n FROM generate_series(1, 104) AS n)
         INSERT INTO comments (id, site_id, article_id, root_id, depth, sort_path, author_name, author_email, body, body_hash, status, edit_token_hash)
         SELECT ids.id, c.site_id, c.article_id, ids.id, 1, lpad(ids.id::text, $2, '0'), c.author_name, 'reader' || n || '@example.org',
                'Comment number ' || n, md5(n::text), CASE WHEN n % 2 = 0 THEN 'pending' ELSE 'approved' END, c.edit_token_hash
           FROM ids, comments c WHERE c.id = $1
         RETURNING id`,
        [first.comment.id, PATH_DIGITS],
      );
      const all = [first.comment.id, ...copies.map((c) => Number(c.id))].sort((x, y) => x - y);
      const path = `/articles/${first.comment.articleId}/comments`;

      const page1 = await as(desk).get(path);
      expect(ids(page1.body.comments)).toEqual(all.slice(0, 100));
      const page2 = await as(desk).get(`${path}?cursor=${page1.body.nextCursor}`);
      expect(page2.body).toMatchObject({ nextCursor: null });
      expect(ids(page2.body.comments)).toEqual(all.slice(100));

      const small = await as(desk).get(`${path}?limit=3`);
      expect(ids(small.body.comments)).toEqual(all.slice(0, 3));
      const next = await as(desk).get(`${path}?limit=3&cursor=${small.body.nextCursor}`);
      expect(ids(next.body.comments)).toEqual(all.slice(3, 6));
    });

    it('answers an empty thread with no comments and no cursor', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const id = await openArticle(paper, newArticle(), 'Quiet');
      expect((await as(desk).get(`/articles/${id}/comments`)).body).toEqual({
        article: expect.objectContaining({ id, title: 'Quiet' }),
        comments: [],
        nextCursor: null,
      });
    });
  });

  describe('refusals', () => {
    it('wants a moderator’s token for both lists', async () => {
      const paper = await kolom.createSite();
      const { comment } = await post(paper, { url: newArticle() });
      for (const path of ['/articles', `/articles/${comment.articleId}/comments`]) {
        expect((await as(null).get(path)).status).toBe(401);
        expect((await kolom.request('GET', API + path, undefined, { authorization: 'Bearer not-a-token-at-all' })).status).toBe(401);
      }
    });

    it('refuses a bad page question with the field at fault', async () => {
      const paper = await kolom.createSite();
      const desk = await kolom.signIn('moderator', [paper]);
      const url = newArticle();
      const { comment } = await post(paper, { url });
      await post(paper, { url });
      await post(paper, { url: newArticle() });
      const articleCursor = (await as(desk).get('/articles?limit=1')).body.nextCursor;
      const threadCursor = (await as(desk).get(`/articles/${comment.articleId}/comments?limit=1`)).body.nextCursor;
      expect(articleCursor).toEqual(expect.any(String));
      expect(threadCursor).toEqual(expect.any(String));

      const thread = `/articles/${comment.articleId}/comments`;
      const answers = await Promise.all([
        as(desk).get('/articles?limit=0'),
        as(desk).get('/articles?limit=101'),
        as(desk).get('/articles?limit=many'),
        as(desk).get('/articles?cursor=not%20a%20cursor'),
        as(desk).get(`/articles?cursor=${threadCursor}`),
        as(desk).get(`/articles?q=${'x'.repeat(201)}`),
        as(desk).get(`${thread}?limit=101`),
        as(desk).get(`${thread}?cursor=${articleCursor}`),
        as(desk).get(`${thread}?site=${paper.slug}`),
      ]);
      expect(answers.map((a) => [a.status, a.body.fields])).toEqual([
        [400, { limit: 'limit must be a whole number from 1 to 100.' }],
        [400, { limit: 'limit must be a whole number from 1 to 100.' }],
        [400, { limit: 'limit must be a whole number from 1 to 100.' }],
        [400, { cursor: 'cursor is not one this server handed out.' }],
        [400, { cursor: 'cursor is not one this server handed out for this list and order.' }],
        [400, { q: 'q is too long (200 characters at most).' }],
        [400, { limit: 'limit must be a whole number from 1 to 100.' }],
        [400, { cursor: 'cursor is not one this server handed out for this list and order.' }],
        [400, { site: 'Unknown field "site".' }],
      ]);
      expect(answers[0].body.message).toEqual(['limit must be a whole number from 1 to 100.']);
      expect((await as(desk).get('/articles/abc/comments'))).toMatchObject({ status: 404, body: { message: 'There is no such article.' } });
    });
  });
});
