import type { Site } from '../../src/sites/site.entity.js';
import type { Refusal } from '../support/http.js';
import { bearer, type Moderator, moderatorOf, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { seedComments } from '../support/seed.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * The desk's article view (DESIGN.md, Moderation API): finding an article of one's sites by its
 * title or address, with how many comments it has in each state, and reading its thread as a
 * moderator — the held comments in place among the published ones.
 */

const ORIGIN = 'https://news.example';
/** An id no row has: what "does not exist at all" looks like. */
const NO_SUCH_ID = 999_999_999;
let articleCounter = 0;
const newArticle = () => `${ORIGIN}/desk/story-${++articleCounter}`;

describe('moderation: the article list and an article’s thread', () => {
  let kolom: TestKolom;
  let admin: Moderator;
  let reader: Reader;

  beforeAll(async () => {
    kolom = await startKolom();
    admin = await signInModerator(kolom, 'admin');
    reader = readerOf(kolom);
  });
  afterAll(() => kolom?.close());

  /** An article nobody has commented on exists only when a moderator set it up; its title comes with its first published comment. */
  const openArticle = (onSite: Site, url: string) => admin.articleAt(onSite, url);
  const ids = (list: Array<{ id: number }>) => list.map((entry) => entry.id);

  describe('the article list', () => {
    it('lists the articles of your sites newest first, each with its approved, pending and flagged comments', async () => {
      const paper = await kolom.createSite();
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const budgetUrl = newArticle();
      const budget = await reader.post(paper, { url: budgetUrl, title: 'Budget vote tonight' });
      const reported = await reader.post(paper, { url: budgetUrl });
      await reader.post(paper, { url: budgetUrl });
      expect((await reader.flag(reported.comment.id, { reason: 'abuse' })).status).toBe(201);
      // Neither spam, nor trash, nor what its author deleted counts: they are not in the thread.
      await reader.post(paper, { url: budgetUrl, body: 'Cheap watches', homepage: 'https://bot.example' });
      const trashed = await reader.post(paper, { url: budgetUrl });
      await desk.act(trashed.comment.id, 'trash');
      const withdrawn = await reader.post(paper, { url: budgetUrl });
      await reader.withdraw(withdrawn);

      const ferryUrl = newArticle();
      const ferry = await reader.post(paper, { url: ferryUrl, title: 'Ferry strike' });
      await desk.changeArticle(ferry.comment.articleId, { premoderation: 'all' });
      await reader.post(paper, { url: ferryUrl });
      await reader.post(paper, { url: ferryUrl });
      const quietId = await openArticle(paper, newArticle());

      const list = await desk.articles();
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.articles).toEqual([
        {
          id: quietId,
          site: paper.slug,
          url: expect.stringContaining('/desk/story-'),
          title: null,
          open: true,
          acceptingComments: true,
          premoderation: null,
          createdAt: expect.any(String),
          counts: { approved: 0, pending: 0, flagged: 0 },
        },
        expect.objectContaining({
          id: ferry.comment.articleId,
          url: ferryUrl,
          title: 'Ferry strike',
          premoderation: 'all',
          counts: { approved: 1, pending: 2, flagged: 0 },
        }),
        expect.objectContaining({
          id: budget.comment.articleId,
          url: budgetUrl,
          title: 'Budget vote tonight',
          counts: { approved: 3, pending: 0, flagged: 1 },
        }),
      ]);

      // Approving a reported comment dismisses its reports: it is no longer flagged.
      await desk.act(reported.comment.id, 'approve');
      const after = await desk.articles({ q: 'budget vote' });
      expect(after.body.articles.map((a: { counts: unknown }) => a.counts)).toEqual([{ approved: 3, pending: 0, flagged: 0 }]);
    });

    it('finds articles by title or address in any case, taking %, _ and \\ in the question literally', async () => {
      const paper = await kolom.createSite();
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const inflation = await reader.post(paper, { url: `${ORIGIN}/economy/prices-may`, title: 'Inflation hits 5% in May' });
      await reader.post(paper, { url: `${ORIGIN}/economy/rates`, title: 'Rates held at 50 basis points' });
      const election = await reader.post(paper, { url: `${ORIGIN}/politics/Election_Night`, title: 'Results, live' });
      const electionDay = await reader.post(paper, { url: `${ORIGIN}/politics/election-day`, title: 'Queues at the polls' });
      const slashed = await reader.post(paper, { url: `${ORIGIN}/tech/paths`, title: 'Why C:\\Windows still matters' });

      const find = async (q: string) => {
        const answer = await desk.articles({ q });
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
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const created: number[] = [];
      for (let i = 0; i < 5; i++) created.push((await reader.post(paper, { url: newArticle(), title: `Page test ${i}` })).comment.articleId);
      const newestFirst = [...created].reverse();

      const first = await desk.articles({ limit: 2 });
      expect(ids(first.body.articles)).toEqual(newestFirst.slice(0, 2));
      const second = await desk.articles({ limit: 2, cursor: first.body.nextCursor });
      expect(ids(second.body.articles)).toEqual(newestFirst.slice(2, 4));
      const third = await desk.articles({ limit: 2, cursor: second.body.nextCursor });
      expect(third.body).toEqual({ articles: [expect.objectContaining({ id: newestFirst[4] })], nextCursor: null });
      // The cursor carries the position, the question stays the client's: it pages a filtered list too.
      const filtered = await desk.articles({ q: 'page test', limit: 3, cursor: first.body.nextCursor });
      expect(ids(filtered.body.articles)).toEqual(newestFirst.slice(2, 5));
    });

    it('narrows to one of your sites, and knows nothing of another newspaper’s', async () => {
      const [paperA, paperB, paperC] = await Promise.all([kolom.createSite(), kolom.createSite(), kolom.createSite()]);
      const deskAB = await signInModerator(kolom, 'moderator', [paperA, paperB]);
      const deskC = await signInModerator(kolom, 'moderator', [paperC]);
      const a = await reader.post(paperA, { url: newArticle() });
      const b = await reader.post(paperB, { url: newArticle() });
      const c = await reader.post(paperC, { url: newArticle() });

      expect(ids((await deskAB.articles()).body.articles)).toEqual([b.comment.articleId, a.comment.articleId]);
      expect(ids((await deskAB.articles({ site: paperA.slug })).body.articles)).toEqual([a.comment.articleId]);
      expect(ids((await deskAB.articles({ site: paperB.slug.toUpperCase() })).body.articles)).toEqual([b.comment.articleId]);
      expect(ids((await deskC.articles()).body.articles)).toEqual([c.comment.articleId]);
      const admins = ids((await admin.articles({ limit: 100 })).body.articles);
      expect(admins).toEqual(expect.arrayContaining([a.comment.articleId, b.comment.articleId, c.comment.articleId]));

      // Another newspaper's site, article and thread answer exactly like ones that do not exist.
      const foreignSite = await deskC.articles({ site: paperA.slug });
      const unknownSite = await deskC.articles({ site: 'no-such-paper' });
      expect(foreignSite).toMatchObject({ status: 404, body: { message: `There is no site "${paperA.slug}".` } });
      expect(unknownSite).toMatchObject({ status: 404, body: { message: 'There is no site "no-such-paper".' } });
      for (const path of [`/articles/${a.comment.articleId}`, `/articles/${a.comment.articleId}/comments`]) {
        const foreign = await deskC.request<Refusal>('GET', path);
        const missing = await deskC.request<Refusal>('GET', path.replace(String(a.comment.articleId), String(NO_SUCH_ID)));
        expect(foreign).toMatchObject({ status: 404, body: { message: 'There is no such article.' } });
        expect(missing.status).toBe(404);
        expect(foreign.body).toEqual(missing.body);
      }
      expect((await deskAB.articleComments(a.comment.articleId)).status).toBe(200);
    });
  });

  describe('an article’s thread', () => {
    it('shows approved and held comments in place, oldest first, replies naming their parent — never spam, trash or withdrawn ones', async () => {
      const paper = await kolom.createSite();
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const url = newArticle();
      const first = await reader.post(paper, { url, name: 'Budi', body: 'The budget is too small for the schools.' });
      const reply = await reader.post(paper, { url, parentId: first.comment.id, body: 'It doubled since last year.' });
      // Two links are as many as the site allows: a newcomer's comment with them is held.
      const linky = await reader.post(paper, {
        url,
        parentId: reply.comment.id,
        email: 'newcomer@example.org',
        body: 'See https://a.example and https://b.example',
      });
      expect(linky.status).toBe('pending');
      const spam = await reader.post(paper, { url, body: 'Cheap watches', homepage: 'https://bot.example' });
      const trashed = await reader.post(paper, { url, body: 'Off topic entirely.' });
      await desk.act(trashed.comment.id, 'trash');
      const withdrawn = await reader.post(paper, { url, body: 'I take it back.' });
      await reader.withdraw(withdrawn);
      await desk.changeArticle(first.comment.articleId, { premoderation: 'all' });
      const heldTop = await reader.post(paper, { url, email: 'sari@example.org', name: 'Sari', body: 'Held: the whole article is pre-moderated.' });
      const approvedLater = await reader.post(paper, { url, parentId: first.comment.id, body: 'Held, then approved.' });
      await desk.act(approvedLater.comment.id, 'approve');
      expect(await kolom.verdictOf(spam.comment.id)).toMatchObject({ status: 'spam' });

      const thread = await desk.articleComments(first.comment.articleId);
      expect(thread.status).toBe(200);
      expect(thread.body.nextCursor).toBeNull();
      expect(thread.body.article).toEqual((await desk.article(first.comment.articleId)).body);
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
        author: { name: 'Sari', email: 'sari@example.org', website: null, ip: '127.0.0.1', userAgent: expect.any(String), verified: false },
        createdAt: expect.any(String),
        editedAt: null,
        editedFrom: null,
        newsroom: { staff: false, pinned: false, editorsPick: false, editedByModerator: false },
        article: { id: first.comment.articleId, url, title: null, open: true },
        parent: null,
        verdict: expect.objectContaining({ reasons: expect.any(Array) }),
        flags: { count: 0, reasons: {}, notes: [] },
        record: { pending: 1 },
      });
      expect(thread.body.comments[2].parent).toEqual({
        id: reply.comment.id,
        authorName: 'Ayu Lestari',
        body: 'It doubled since last year.',
        status: 'approved',
      });
    });

    it('pages through a long thread, 100 comments at a time unless asked for fewer', async () => {
      const paper = await kolom.createSite();
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const url = newArticle();
      const first = await reader.post(paper, { url, body: 'Comment number 0' });
      // 104 more as the post would store them, in one statement rather than 104 posts.
      const copies = await seedComments(
        kolom.dataSource,
        first.comment,
        Array.from({ length: 104 }, (_, i) => ({
          body: `Comment number ${i + 1}`,
          email: `reader${i + 1}@example.org`,
          status: i % 2 === 1 ? 'pending' : 'approved',
        })),
      );
      const all = [first.comment.id, ...copies].sort((x, y) => x - y);
      const articleId = first.comment.articleId;

      const page1 = await desk.articleComments(articleId);
      expect(ids(page1.body.comments)).toEqual(all.slice(0, 100));
      const page2 = await desk.articleComments(articleId, { cursor: page1.body.nextCursor });
      expect(page2.body).toMatchObject({ nextCursor: null });
      expect(ids(page2.body.comments)).toEqual(all.slice(100));

      const small = await desk.articleComments(articleId, { limit: 3 });
      expect(ids(small.body.comments)).toEqual(all.slice(0, 3));
      const next = await desk.articleComments(articleId, { limit: 3, cursor: small.body.nextCursor });
      expect(ids(next.body.comments)).toEqual(all.slice(3, 6));
    });

    it('answers an empty thread with no comments and no cursor', async () => {
      const paper = await kolom.createSite();
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const id = await openArticle(paper, newArticle());
      expect((await desk.articleComments(id)).body).toEqual({
        article: expect.objectContaining({ id, title: null }),
        comments: [],
        nextCursor: null,
      });
    });
  });

  describe('refusals', () => {
    it('wants a moderator’s token for both lists', async () => {
      const paper = await kolom.createSite();
      const { comment } = await reader.post(paper, { url: newArticle() });
      for (const path of ['/articles', `/articles/${comment.articleId}/comments`]) {
        expect((await moderatorOf(kolom, null).request<Refusal>('GET', path)).status).toBe(401);
        expect((await moderatorOf(kolom, bearer('not-a-token-at-all')).request<Refusal>('GET', path)).status).toBe(401);
      }
    });

    it('refuses a bad page question with the field at fault', async () => {
      const paper = await kolom.createSite();
      const desk = await signInModerator(kolom, 'moderator', [paper]);
      const url = newArticle();
      const { comment } = await reader.post(paper, { url });
      await reader.post(paper, { url });
      await reader.post(paper, { url: newArticle() });
      const articleCursor = (await desk.articles({ limit: 1 })).body.nextCursor;
      const threadCursor = (await desk.articleComments(comment.articleId, { limit: 1 })).body.nextCursor;
      expect(articleCursor).toEqual(expect.any(String));
      expect(threadCursor).toEqual(expect.any(String));

      const answers = await Promise.all([
        desk.articles({ limit: 0 }),
        desk.articles({ limit: 101 }),
        desk.articles({ limit: 'many' }),
        desk.articles({ cursor: 'not a cursor' }),
        desk.articles({ cursor: threadCursor }),
        desk.articles({ q: 'x'.repeat(201) }),
        desk.articleComments(comment.articleId, { limit: 101 }),
        desk.articleComments(comment.articleId, { cursor: articleCursor }),
        desk.articleComments(comment.articleId, { site: paper.slug }),
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
      expect(await desk.articleComments('abc')).toMatchObject({ status: 404, body: { message: 'There is no such article.' } });
    });
  });
});
