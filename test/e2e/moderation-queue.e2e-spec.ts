import type { Site } from '../../src/sites/site.entity.js';
import type { Refusal } from '../support/http.js';
import { connectLive, type LiveClient, type LiveEvent } from '../support/live-client.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { seedComments } from '../support/seed.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Moderators clear the queues (DESIGN.md, Moderation API): what the pipeline held, what was marked
 * spam, what is in the trash; one comment at a time or 500 at once. Each decision reaches readers'
 * open pages, the counts, the spam classifier and the audit log.
 */

const ORIGIN = 'https://news.example';
let articleCounter = 0;
const newArticle = () => `${ORIGIN}/desk/story-${++articleCounter}`;

describe('moderation queues and actions', () => {
  let kolom: TestKolom;
  let site: Site;
  /** Holds every comment: the pending queue fills as readers post. */
  let held: Site;
  let admin: Moderator & SignedInModerator;
  let editor: Moderator & SignedInModerator;
  let reader: Reader;
  const clients: LiveClient[] = [];

  const statusOf = async (id: number) => (await kolom.verdictOf(id)).status;
  /** A reader's open page of the article, following it live. */
  const openPage = async (url: string, onSite: Site) => {
    const client = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    clients.push(client);
    await client.join({ site: onSite.slug, url });
    return client;
  };
  const threadIds = async (url: string, onSite: Site) => (await reader.thread(onSite, url)).comments.map((c) => c.id);
  const from = (address: string) => readerOf(kolom, { headers: { 'X-Forwarded-For': address } });

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite();
    held = await kolom.createSite({ premoderation: 'all' });
    [admin, editor] = await Promise.all([signInModerator(kolom, 'admin'), signInModerator(kolom, 'moderator', [site, held])]);
    reader = readerOf(kolom);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await kolom.close();
  });

  describe('the pending queue', () => {
    it('shows a held comment with its article, the comment it answers, the verdict and the author’s record', async () => {
      const url = newArticle();
      const worded = await kolom.createSite({ moderationWords: ['referendum'] });
      const parent = await reader.post(worded, { url, name: 'Budi', body: 'The budget is too small for the schools.' });
      const email = `regular-${articleCounter}@example.org`;
      await reader.post(worded, { url, email, body: 'An earlier, approved comment of mine.' });
      const heldReply = await reader.post(worded, { url, parentId: parent.comment.id, email, body: 'Put it to a referendum.' });
      expect(heldReply.status).toBe('pending');
      const reply = await from('203.0.113.9').post(held, { url, email, name: 'Sari', body: 'I disagree, it is enough.' });

      const page = await admin.queue({ status: 'pending', site: worded.slug });
      expect(page.status).toBe(200);
      const item = page.body.items.find((i: { id: number }) => i.id === heldReply.comment.id);
      expect(item).toMatchObject({
        id: heldReply.comment.id,
        site: { id: worded.id, slug: worded.slug },
        status: 'pending',
        queue: 'pending',
        body: 'Put it to a referendum.',
        author: { name: 'Ayu Lestari', email, website: null, ip: '127.0.0.1' },
        article: { id: parent.comment.articleId, url, open: true },
        parent: { id: parent.comment.id, authorName: 'Budi', body: 'The budget is too small for the schools.', status: 'approved' },
        verdict: { reasons: [expect.stringMatching(/^words: .*referendum/)] },
        flags: { count: 0, reasons: {}, notes: [] },
        record: { approved: 1, pending: 1 },
      });
      const other = await editor.queue({ status: 'pending', site: held.slug });
      expect(other.body.items.map((i: { id: number }) => i.id)).toContain(reply.comment.id);
      expect(other.body.items.find((i) => i.id === reply.comment.id)?.author.ip).toBe('203.0.113.9');
    });

    it('filters by article, author email and text, sorts either way and pages with a cursor', async () => {
      const url = newArticle();
      const ids: number[] = [];
      for (let i = 1; i <= 5; i++)
        ids.push((await reader.post(held, { url, email: `pager${i}@example.org`, body: `Queue paging test ${i} about the ferry` })).comment.id);
      const articleId = (await reader.post(held, { url, body: 'one more on the same article' })).comment.articleId;

      const first = await editor.queue({ site: held.slug, article: articleId, q: 'ferry', limit: 2 });
      expect(first.body.items.map((i: { id: number }) => i.id)).toEqual([ids[4], ids[3]]);
      const second = await editor.queue({ site: held.slug, article: articleId, q: 'ferry', limit: 2, cursor: first.body.nextCursor });
      expect(second.body.items.map((i: { id: number }) => i.id)).toEqual([ids[2], ids[1]]);
      const third = await editor.queue({ site: held.slug, article: articleId, q: 'ferry', limit: 2, cursor: second.body.nextCursor });
      expect(third.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });

      const oldest = await editor.queue({ site: held.slug, article: articleId, sort: 'oldest', limit: 3 });
      expect(oldest.body.items.map((i: { id: number }) => i.id)).toEqual(ids.slice(0, 3));
      const byEmail = await editor.queue({ email: 'PAGER3@example.org' });
      expect(byEmail.body.items.map((i: { id: number }) => i.id)).toEqual([ids[2]]);
      // A cursor belongs to its list and order.
      const crossed = await editor.queue({ site: held.slug, sort: 'oldest', cursor: first.body.nextCursor });
      expect(crossed).toMatchObject({ status: 400, body: { fields: { cursor: expect.any(String) } } });
    });

    it('refuses a bad queue question with the field at fault', async () => {
      const answers = await Promise.all([
        editor.queue({ status: 'archived' }),
        editor.queue({ limit: 500 }),
        editor.queue({ sort: 'random' }),
        editor.queue({ email: 'not-an-email' }),
      ]);
      expect(answers.map((a) => [a.status, Object.keys(a.body.fields ?? {})])).toEqual([
        [400, ['status']],
        [400, ['limit']],
        [400, ['sort']],
        [400, ['email']],
      ]);
    });
  });

  describe('actions', () => {
    it('approving a held comment publishes it to every open page of its article, and updates the counts', async () => {
      const url = newArticle();
      const page = await openPage(url, held);
      const before = (await editor.counts({ site: held.slug })).body;
      const posted = await reader.post(held, { url, body: 'Held until a moderator reads it.' });
      expect((await editor.counts({ site: held.slug })).body.pending).toBe(before.pending + 1);

      const approved = await editor.act(posted.comment.id, 'approve', { note: 'fine' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        item: { id: posted.comment.id, status: 'approved', queue: null },
        changed: [{ id: posted.comment.id, from: 'pending', to: 'approved' }],
        unchanged: [],
        bans: [],
      });
      const created = await page.waitFor((e) => e.name === 'comment.created' && e.payload.id === posted.comment.id);
      expect(created.payload.body).toBe('Held until a moderator reads it.');
      expect(await threadIds(url, held)).toContain(posted.comment.id);
      expect((await editor.counts({ site: held.slug })).body.pending).toBe(before.pending);
    });

    it('marking an approved comment as spam or trashing it removes it from every open page', async () => {
      const url = newArticle();
      const spam = await reader.post(site, { url, body: 'Buy cheap watches now' });
      const offTopic = await reader.post(site, { url, body: 'What about the football?' });
      const page = await openPage(url, site);

      expect((await editor.act(spam.comment.id, 'spam')).status).toBe(200);
      expect((await editor.act(offTopic.comment.id, 'trash', { note: 'off topic' })).status).toBe(200);
      await page.waitFor((e) => e.name === 'comment.removed' && e.payload.id === spam.comment.id);
      await page.waitFor((e) => e.name === 'comment.removed' && e.payload.id === offTopic.comment.id);
      expect(await threadIds(url, site)).toEqual([]);
      expect(await statusOf(spam.comment.id)).toBe('spam');
      expect(await statusOf(offTopic.comment.id)).toBe('trash');

      const spamQueue = await editor.queue({ status: 'spam', site: site.slug });
      expect(spamQueue.body.items.map((i: { id: number }) => i.id)).toContain(spam.comment.id);
      const trash = await editor.queue({ status: 'trash', site: site.slug });
      expect(trash.body.items.map((i: { id: number }) => i.id)).toContain(offTopic.comment.id);
    });

    it('restore puts a comment back where a moderator took it from, and a comment the checks caught into pending', async () => {
      const url = newArticle();
      const page = await openPage(url, site);
      const trashed = await reader.post(site, { url, body: 'Trashed by mistake.' });
      const isIt = (name: string) => (e: LiveEvent) => e.name === name && e.payload.id === trashed.comment.id;
      // Each step once the page has seen the one before: a page that first reads the article after
      // the trash is (rightly) never sent the trashed comment, so it would not see it appear.
      const appeared = await page.waitFor(isIt('comment.created'));
      await editor.act(trashed.comment.id, 'trash');
      await page.waitFor(isIt('comment.removed'));
      const restored = await editor.act(trashed.comment.id, 'restore');
      expect(restored.body.changed).toEqual([{ id: trashed.comment.id, from: 'trash', to: 'approved' }]);
      // It appeared, vanished and came back: the page saw each, in order.
      await page.waitFor(isIt('comment.created'), undefined, page.events.indexOf(appeared) + 1);
      expect(page.events.filter((e) => e.payload?.id === trashed.comment.id).map((e) => e.name)).toEqual([
        'comment.created',
        'comment.removed',
        'comment.created',
      ]);

      const caught = await reader.post(site, { url, body: 'Buy now', homepage: 'https://bot.example' });
      expect(await statusOf(caught.comment.id)).toBe('spam');
      const notSpam = await editor.act(caught.comment.id, 'restore');
      expect(notSpam.body.changed).toEqual([{ id: caught.comment.id, from: 'spam', to: 'pending' }]);
    });

    it('unapprove takes a published comment off every open page and back to pending, and only a published one', async () => {
      const url = newArticle();
      const page = await openPage(url, site);
      const published = await reader.post(site, { url, body: 'Approved a little too fast.' });
      const unapproved = await editor.act(published.comment.id, 'unapprove', { note: 'second look' });
      expect(unapproved.status).toBe(200);
      expect(unapproved.body.changed).toEqual([{ id: published.comment.id, from: 'approved', to: 'pending' }]);
      expect(unapproved.body.item.queue).toBe('pending');
      await page.waitFor((e) => e.name === 'comment.removed' && e.payload.id === published.comment.id);
      expect(await threadIds(url, site)).toEqual([]);
      const pending = await editor.queue({ status: 'pending', site: site.slug });
      expect(pending.body.items.map((i: { id: number }) => i.id)).toContain(published.comment.id);
      const audit = await editor.audit({ comment: published.comment.id });
      expect(audit.body.entries[0]).toMatchObject({ action: 'unapprove', from: 'approved', to: 'pending', note: 'second look' });

      expect(await editor.act(published.comment.id, 'unapprove')).toMatchObject({ status: 409, body: { message: 'This comment is already pending.' } });
      await editor.act(published.comment.id, 'spam');
      expect(await editor.act(published.comment.id, 'unapprove')).toMatchObject({
        status: 409,
        body: { message: 'Only approved comments can be unapproved.' },
      });
    });

    it('tells the second moderator that the first already decided, and changes nothing', async () => {
      const posted = await reader.post(held, { body: 'Two moderators, one comment.' });
      expect((await editor.act(posted.comment.id, 'spam')).status).toBe(200);
      const late = await admin.act(posted.comment.id, 'spam');
      expect(late).toMatchObject({ status: 409, body: { message: 'This comment is already marked as spam.' } });
      expect((await admin.act(posted.comment.id, 'restore')).body.changed).toEqual([{ id: posted.comment.id, from: 'spam', to: 'pending' }]);
      expect(await admin.act(posted.comment.id, 'restore')).toMatchObject({
        status: 409,
        body: { message: 'Only comments in spam or trash can be restored.' },
      });
    });

    it('leaves a comment its author deleted alone', async () => {
      const mine = await reader.post(site, { body: 'Mine to delete.' });
      await reader.withdraw(mine);
      expect(await editor.act(mine.comment.id, 'approve')).toMatchObject({ status: 409, body: { message: 'Its author deleted this comment.' } });
      expect(await statusOf(mine.comment.id)).toBe('deleted');
    });

    it('refuses an unknown action and a ban with anything but spam', async () => {
      const posted = await reader.post(held);
      expect((await editor.request<Refusal>('POST', `/comments/${posted.comment.id}/publish`, {})).status).toBe(404);
      const banTrash = await editor.act(posted.comment.id, 'trash', { ban: true });
      expect(banTrash).toMatchObject({ status: 400, body: { fields: { ban: 'Only marking as spam can also ban the author.' } } });
      expect((await editor.act(posted.comment.id, 'spam', { ban: 'forever' })).body.fields).toEqual({
        ban: 'ban must be true, email, domain, ip or account.',
      });
      expect(await statusOf(posted.comment.id)).toBe('pending');
    });
  });

  describe('bulk actions', () => {
    it('trashes a selection in one go and reports what another moderator had already done', async () => {
      const url = newArticle();
      const page = await openPage(url, site);
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push((await reader.post(site, { url, body: `Bulk ${i}` })).comment.id);
      await admin.act(ids[5], 'trash');

      const bulk = await editor.bulk(ids, 'trash', { note: 'thread derailed' });
      expect(bulk.status).toBe(200);
      expect(bulk.body.changed).toEqual(ids.slice(0, 5).map((id) => ({ id, from: 'approved', to: 'trash' })));
      expect(bulk.body.unchanged).toEqual([{ id: ids[5], status: 'trash', reason: 'This comment is already in the trash.' }]);
      for (const id of ids) await page.waitFor((e) => e.name === 'comment.removed' && e.payload.id === id);
      expect(await threadIds(url, site)).toEqual([]);

      const audit = await editor.audit({ site: site.slug, limit: 100 });
      const entries = audit.body.entries.filter((e) => e.commentId !== null && ids.includes(e.commentId) && e.note === 'thread derailed');
      expect(entries).toHaveLength(5);
      expect(entries[0]).toMatchObject({ action: 'trash', from: 'approved', to: 'trash', moderator: { id: editor.id, email: editor.email } });
    });

    it('takes up to 500 comments and refuses more, or a list that repeats itself', async () => {
      const many = Array.from({ length: 501 }, (_, i) => i + 1);
      expect((await editor.bulk(many, 'spam')).body.fields).toEqual({
        ids: 'ids can name at most 500 comments at once.',
      });
      expect((await editor.bulk([1, 1], 'spam')).body.fields).toEqual({ ids: 'ids must not repeat a comment.' });
      expect((await editor.bulk([], 'spam')).body.fields).toEqual({ ids: 'ids must name at least one comment.' });
      expect((await editor.request<Refusal>('POST', '/comments/bulk', { ids: [1], action: 'archive' })).body.fields).toEqual({
        action: 'action must be one of approve, unapprove, spam, trash, restore.',
      });
    });

    it('approves 500 held comments in one transaction', async () => {
      const url = newArticle();
      const first = await reader.post(held, { url, body: 'Held comment number 0' });
      // The other 499 as the post would store them, written in one statement rather than 499 posts.
      const copies = await seedComments(
        kolom.dataSource,
        first.comment,
        Array.from({ length: 499 }, (_, i) => ({ body: `Held comment number ${i + 1}`, email: `reader${i + 1}@example.org`, status: 'pending' })),
      );
      const ids = [first.comment.id, ...copies].sort((a, b) => a - b);
      const page = await openPage(url, held);

      const bulk = await editor.bulk(ids, 'approve');
      expect(bulk.status).toBe(200);
      expect(bulk.body.changed).toHaveLength(500);
      const last = ids[ids.length - 1];
      await page.waitFor((e) => e.name === 'comment.created' && e.payload.id === last, 15_000);
      expect(page.named('comment.created').map((c: { id: number }) => c.id)).toEqual(ids);
      const [{ n }] = await kolom.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE id = ANY($1) AND status = 'approved'`, [ids]);
      expect(n).toBe(500);
    });
  });

  describe('bans', () => {
    it('"spam and ban" sends the author’s next comments to spam, until the ban is lifted', async () => {
      const troll = `troll-${articleCounter}@example.org`;
      const first = await reader.post(site, { email: troll, body: 'You are all idiots.' });
      const banned = await editor.act(first.comment.id, 'spam', { ban: true, note: 'abuse' });
      expect(banned.status).toBe(200);
      expect(banned.body.bans).toEqual([{ id: expect.any(Number), kind: 'email', value: troll, created: true }]);

      const next = await reader.post(site, { email: troll, body: 'Still here.' });
      expect(next.status).toBe('pending');
      expect(await kolom.verdictOf(next.comment.id)).toMatchObject({ status: 'spam', reasons: ['bans: the email address is banned: abuse'] });

      const list = await editor.bans({ site: site.slug });
      expect(list.body).toContainEqual(expect.objectContaining({ id: banned.body.bans[0].id, kind: 'email', value: troll, active: true, note: 'abuse' }));
      // Banning again what is already banned adds nothing.
      const again = await editor.act(next.comment.id, 'spam', { ban: 'email' });
      expect(again).toMatchObject({ status: 409, body: { message: 'This comment is already marked as spam.' } });

      expect((await editor.liftBan(banned.body.bans[0].id)).status).toBe(204);
      expect((await reader.post(site, { email: troll, body: 'I promise to behave.' })).status).toBe('approved');
      const actions = (await editor.audit({ site: site.slug })).body.entries.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['ban', 'unban', 'spam']));
    });

    it('bans by email domain and by IP range from the bans page, with an expiry', async () => {
      const domain = await editor.ban({ site: site.slug, kind: 'domain', value: 'Spam-Farm.example', note: 'network' });
      expect(domain).toMatchObject({ status: 201, body: { kind: 'domain', value: 'spam-farm.example', active: true, expiresAt: null } });
      const until = new Date(Date.now() + 86_400_000).toISOString();
      const range = await editor.ban({ site: site.slug, kind: 'ip', value: '198.51.100.0/24', expiresAt: until });
      expect(range.body).toMatchObject({ kind: 'ip', value: '198.51.100.0/24', expiresAt: until });

      const fromDomain = await reader.post(site, { email: 'x@spam-farm.example' });
      const fromRange = await from('198.51.100.20').post(site, { email: 'someone@example.org', body: 'From the range' });
      expect((await kolom.verdictOf(fromDomain.comment.id)).status).toBe('spam');
      expect((await kolom.verdictOf(fromRange.comment.id)).status).toBe('spam');

      const bad = await editor.ban({ site: site.slug, kind: 'ip', value: '300.1.1.1' });
      expect(bad).toMatchObject({ status: 400, body: { fields: { value: 'An IP ban needs an address or a range such as 203.0.113.0/24.' } } });
      const badKind = await editor.ban({ site: site.slug, kind: 'name', value: 'x' });
      expect(badKind.body.fields).toEqual({ kind: 'kind must be email, domain, ip or account.' });
    });

    it('bans every author of a bulk spam selection by IP', async () => {
      const ids = [
        (await from('192.0.2.10').post(site, { email: 'a@example.org', body: 'bulk ban a' })).comment.id,
        (await from('192.0.2.11').post(site, { email: 'b@example.org', body: 'bulk ban b' })).comment.id,
      ];
      const bulk = await editor.bulk(ids, 'spam', { ban: 'ip' });
      expect(bulk.body.bans.map((b: { value: string }) => b.value).sort()).toEqual(['192.0.2.10', '192.0.2.11']);
    });
  });

  describe('what moderators teach the spam checks', () => {
    it('learns spam from "mark as spam" and ham from "approve"', async () => {
      const learner = await kolom.createSite();
      const lessons = await signInModerator(kolom, 'moderator', [learner]);
      const spam = await reader.post(learner, { body: 'Cheap replica watches, order today' });
      const ham = await reader.post(learner, { body: 'The council should publish the full budget.' });
      await lessons.act(spam.comment.id, 'spam');
      await lessons.act(ham.comment.id, 'approve').then((a) => expect(a.status).toBe(409));
      const heldHam = await reader.post(learner, { body: 'Held, then approved: a lesson in ham.' });
      expect((await lessons.act(heldHam.comment.id, 'unapprove')).status).toBe(200);
      await lessons.act(heldHam.comment.id, 'approve');

      // Learning follows the action, in the background.
      const deadline = Date.now() + 5_000;
      let corpus: unknown[] = [];
      while (Date.now() < deadline) {
        corpus = await kolom.dataSource.query('SELECT spam, ham FROM spam_corpus WHERE site_id = $1', [learner.id]);
        if (JSON.stringify(corpus) === JSON.stringify([{ spam: 1, ham: 1 }])) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(corpus).toEqual([{ spam: 1, ham: 1 }]);
      const [token] = await kolom.dataSource.query(`SELECT spam, ham FROM spam_tokens WHERE site_id = $1 AND token = 'replica'`, [learner.id]);
      expect(token).toEqual({ spam: 1, ham: 0 });
    });
  });
});
