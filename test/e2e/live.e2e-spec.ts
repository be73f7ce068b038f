import type { Site } from '../../src/sites/site.entity.js';
import { connectLive, type LiveClient, receivedEvents } from '../support/live-client.js';
import { followArticle } from '../support/live-reader.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { seedComments } from '../support/seed.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Readers of an article see comments arrive, change and vanish without reloading (DESIGN.md,
 * Realtime): a real socket.io-client against the real server and database.
 */

const ORIGIN = 'https://news.example';
let articleCounter = 0;
/** A fresh article per test, so events and counts of one test never meet another's. */
const newArticle = () => `${ORIGIN}/live/story-${++articleCounter}`;

describe('live comments over socket.io', () => {
  let kolom: TestKolom;
  let site: Site;
  /** Posts and reads over HTTP, beside the sockets. */
  let browser: Reader;
  let admin: Moderator;
  const clients: LiveClient[] = [];

  const live = async (origin: string | undefined = ORIGIN) => {
    const client = await connectLive(kolom.baseUrl, { origin });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
    browser = readerOf(kolom);
    admin = await signInModerator(kolom, 'admin');
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await kolom.close();
  });

  describe('join', () => {
    it('joins an article by site and URL and receives a new comment as posted', async () => {
      const url = newArticle();
      const reader = await live();
      // Nobody has commented yet: the article has no id, and the reader awaits it by its canonical URL.
      const ack = await reader.join({ site: site.slug, url: `${url}?utm_source=x` });
      expect(ack).toEqual({ articleId: null, url, viewers: 0, lastEventId: 0, replayed: 0, held: [] });

      const posted = await browser.post(site, { url });
      const created = await reader.waitFor((e) => e.name === 'comment.created');
      expect(created.payload).toEqual({ ...posted.comment, eventId: expect.any(Number) });
      // The article's id came first, so the reader knows whose events follow.
      expect(reader.events.map((e) => e.name).slice(0, 2)).toEqual(['article.started', 'comment.created']);
      expect(reader.events[0].payload).toEqual({ articleId: posted.comment.articleId, url });

      // Joined again (a reconnect), it is an article like any other.
      expect(await reader.join({ site: site.slug, url, lastSeenId: created.payload.eventId })).toMatchObject({
        articleId: posted.comment.articleId,
        viewers: 1,
        lastEventId: created.payload.eventId,
        replayed: 0,
      });
    });

    it('moves every reader awaiting an article into its room when its first comment is held, within a sweep', async () => {
      const moderated = await kolom.createSite({ premoderation: 'all' });
      const url = newArticle();
      const reader = await live();
      expect((await reader.join({ site: moderated.slug, url })).articleId).toBeNull();
      const held = await browser.post(moderated, { url });
      expect(held.status).toBe('pending');
      const started = await reader.waitFor((e) => e.name === 'article.started', 15_000);
      expect(started.payload).toEqual({ articleId: held.comment.articleId, url });
      expect((await admin.act(held.comment.id, 'approve')).status).toBe(200);
      const created = await reader.waitFor((e) => e.name === 'comment.created');
      expect(created.payload.id).toBe(held.comment.id);
    }, 30_000);

    it('joins by articleId, as given by the thread page, and the URL is canonicalised like the page', async () => {
      const url = newArticle();
      await browser.post(site, { url });
      const page = await browser.thread(site, url);
      const reader = await live();
      const byId = await reader.join({ articleId: page.article.id, lastSeenId: page.lastEventId });
      expect(byId).toMatchObject({ articleId: page.article.id, lastEventId: page.lastEventId, replayed: 0 });
      const byUrl = await reader.join({ site: site.slug, url: `${url}/?utm_source=newsletter#comments` });
      expect(byUrl.articleId).toBe(page.article.id);
    });

    it.each([
      ['an unknown site', () => ({ site: 'no-such-site', url: newArticle() }), 404, /no site "no-such-site"/],
      [
        'a URL on an origin the site does not allow',
        () => ({ site: site.slug, url: 'https://elsewhere.example/story' }),
        403,
        /not allowed on https:\/\/elsewhere\.example/,
      ],
      ['an unknown article id', () => ({ articleId: 987654321 }), 404, /no such article/],
      ['no article at all', () => ({}), 400, /site is required/],
      ['a malformed lastSeenId', () => ({ site: site.slug, url: newArticle(), lastSeenId: 'yesterday' }), 400, /lastSeenId must be/],
      ['unknown fields', () => ({ site: site.slug, url: newArticle(), admin: true }), 400, /Unknown field "admin"/],
      ['a payload that is not an object', () => 'article-1', 400, /Send an object/],
    ])('refuses a join with %s, with a clear error and no room', async (_case, payload, status, message) => {
      const reader = await live();
      const ack = await reader.join(payload());
      expect(ack.error).toEqual(expect.objectContaining({ status, message: expect.stringMatching(message) }));
      expect(ack.articleId).toBeUndefined();
      // The socket is still usable: a good join afterwards works.
      const good = await reader.join({ site: site.slug, url: newArticle() });
      expect(good.error).toBeUndefined();
    });

    it('names the bad field of a refused join', async () => {
      const reader = await live();
      const ack = await reader.join({ site: site.slug, url: newArticle(), lastSeenId: -1 });
      expect(ack.error.status).toBe(400);
      expect(ack.error.fields).toEqual({ lastSeenId: expect.stringMatching(/lastSeenId must be/) });
    });

    it("refuses a page on an origin the article's site does not allow", async () => {
      const other = await kolom.app.get((await import('../../src/sites/sites.service.js')).SitesService).create({
        slug: `other-${process.pid}`,
        origins: ['https://other-paper.example'],
      });
      const reader = await live('https://other-paper.example');
      const ack = await reader.join({ site: site.slug, url: newArticle() });
      expect(ack.error).toEqual({ status: 403, message: `Comments for site "${site.slug}" cannot be shown on https://other-paper.example.` });
      const own = await reader.join({ site: other.slug, url: 'https://other-paper.example/a-story' });
      expect(own.error).toBeUndefined();
    });

    it('refuses the connection itself from an origin no site allows', async () => {
      await expect(connectLive(kolom.baseUrl, { origin: 'https://spam-farm.example' })).rejects.toThrow(
        'Origin https://spam-farm.example is not allowed by any site on this Kolom server.',
      );
    });

    it('lets one connection follow at most 10 articles, and leave one to follow another', async () => {
      const reader = await live();
      const joined: number[] = [];
      const awaited: string[] = [];
      // Articles with comments and articles awaited by URL count alike.
      for (let i = 0; i < 10; i += 1) {
        const url = newArticle();
        if (i < 5) await browser.post(site, { url });
        const ack = await reader.join({ site: site.slug, url });
        expect(ack.error).toBeUndefined();
        if (ack.articleId === null) awaited.push(url);
        else joined.push(ack.articleId);
      }
      expect([joined.length, awaited.length]).toEqual([5, 5]);
      const eleventh = await reader.join({ site: site.slug, url: newArticle() });
      expect(eleventh.error).toEqual({ status: 400, message: 'A connection can follow at most 10 articles at once: leave one first.' });
      // Joining one it already follows is fine.
      expect((await reader.join({ articleId: joined[3] })).error).toBeUndefined();
      expect((await reader.join({ site: site.slug, url: awaited[2] })).error).toBeUndefined();
      expect(await reader.emit('leave', { articleId: joined[0] })).toEqual({ articleId: joined[0] });
      expect((await reader.join({ site: site.slug, url: newArticle() })).error).toBeUndefined();
    });

    it('closes a connection that sends an oversized payload', async () => {
      const reader = await live();
      const closed = new Promise<string>((resolve) => reader.socket.once('disconnect', (reason) => resolve(reason)));
      reader.socket.emit('join', { site: site.slug, url: newArticle(), padding: 'x'.repeat(20_000) });
      expect(await closed).toBe('transport close');
    });
  });

  describe('events', () => {
    it('sends edits and removals by the author to the room', async () => {
      const url = newArticle();
      const reader = await live();
      await reader.join({ site: site.slug, url });
      const posted = await browser.post(site, { url });
      const id = posted.comment.id;
      expect((await browser.edit(id, { body: 'On second thought, the budget is fine.' }, posted.editToken)).status).toBe(200);
      const updated = await reader.waitFor((e) => e.name === 'comment.updated');
      expect(updated.payload).toMatchObject({ id, body: 'On second thought, the budget is fine.', editedAt: expect.any(String) });

      expect((await browser.delete(id, posted.editToken)).status).toBe(204);
      const removed = await reader.waitFor((e) => e.name === 'comment.removed');
      expect(removed.payload).toEqual({ id, articleId: posted.comment.articleId, eventId: expect.any(Number) });
      const ids = reader.events.filter((e) => e.name.startsWith('comment.')).map((e) => e.payload.eventId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    });

    it('delivers concurrent posts once each, in commit order, as the outbox holds them', async () => {
      const url = newArticle();
      const reader = await live();
      await reader.join({ site: site.slug, url });
      const posted = await Promise.all(Array.from({ length: 25 }, (_, i) => browser.post(site, { url, email: `reader${i}@example.org` })));
      const { articleId } = posted[0].comment;
      await reader.waitFor(() => reader.named('comment.created').length === 25, 10_000).catch(() => undefined);
      const created = reader.named('comment.created');
      expect(created.map((c) => c.id).sort()).toEqual(posted.map((p) => p.comment.id).sort());
      const outbox: Array<{ id: string; comment_id: string }> = await kolom.dataSource.query(
        `SELECT id, comment_id FROM article_events WHERE article_id = $1 ORDER BY id`,
        [articleId],
      );
      expect(created.map((c) => [c.eventId, c.id])).toEqual(outbox.map((row) => [Number(row.id), Number(row.comment_id)]));
    });

    it('never broadcasts a held comment, nor a refused one', async () => {
      const moderated = await kolom.createSite({ premoderation: 'links' });
      const url = newArticle();
      const reader = await live();
      await reader.join({ site: moderated.slug, url });
      const held = await browser.post(moderated, { url, body: 'Cheap pills at https://pills.example' });
      expect(held.status).toBe('pending');
      const first = await browser.post(moderated, { url, body: 'The vote was close.' });
      const duplicate = await browser.tryPost(moderated, { url, body: 'The vote was close.' });
      expect(duplicate.status).toBe(409);
      const last = await browser.post(moderated, { url, body: 'And the turnout was low.' });
      // Events come in commit order: once the last one is here, anything earlier would be too.
      await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === last.comment.id);
      expect(reader.named('comment.created').map((c) => c.id)).toEqual([first.comment.id, last.comment.id]);
      expect(JSON.stringify(reader.events)).not.toContain('pills.example');
    });

    it("shows a held comment to its author's socket, proven by the edit token, and to no one else", async () => {
      const moderated = await kolom.createSite({ premoderation: 'all' });
      const url = newArticle();
      const held = await browser.post(moderated, { url, body: 'Please publish my view on the bus timetable.' });
      expect(held.status).toBe('pending');

      const author = await live();
      const ack = await author.join({ site: moderated.slug, url, own: [{ id: held.comment.id, editToken: held.editToken }] });
      expect(ack.held).toEqual([held.comment.id]);
      const shown = await author.waitFor((e) => e.name === 'comment.held');
      expect(shown.payload).toMatchObject({ id: held.comment.id, body: 'Please publish my view on the bus timetable.', removed: false });

      const impostor = await live();
      const guess = await impostor.join({ site: moderated.slug, url, own: [{ id: held.comment.id, editToken: 'guessed-token' }] });
      expect(guess.held).toEqual([]);
      expect(impostor.named('comment.held')).toEqual([]);
    });

    it('goes out only after the transaction commits: a rolled-back change sends nothing', async () => {
      const url = newArticle();
      const reader = await live();
      await reader.join({ site: site.slug, url });
      const kept = await browser.post(site, { url });
      const { articleId } = kept.comment;
      await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === kept.comment.id);
      const runner = kolom.dataSource.createQueryRunner();
      await runner.startTransaction();
      await runner.query(`UPDATE comments SET status = 'spam' WHERE id = $1`, [kept.comment.id]);
      await runner.rollbackTransaction();
      await runner.release();
      const outbox = await kolom.dataSource.query(`SELECT kind FROM article_events WHERE article_id = $1`, [articleId]);
      expect(outbox).toEqual([{ kind: 'comment.created' }]);
      // A later change arrives, and nothing came before it.
      const next = await browser.post(site, { url });
      await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === next.comment.id);
      expect(reader.events.filter((e) => e.name === 'comment.removed')).toEqual([]);
    });

    it("broadcasts a moderator's approval of a held comment, and removal of an approved one, on comment.moderated", async () => {
      const moderated = await kolom.createSite({ premoderation: 'links' });
      const url = newArticle();
      const reader = await live();
      await reader.join({ site: moderated.slug, url });
      const held = await browser.post(moderated, { url, body: 'Source: https://budget.example/report' });
      const shown = await browser.post(moderated, { url, body: 'Visit my shop' });
      await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === shown.comment.id);

      expect((await admin.act(held.comment.id, 'approve')).status).toBe(200);
      const approved = await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === held.comment.id);
      expect(approved.payload).toMatchObject({ body: 'Source: https://budget.example/report', removed: false });
      expect((await admin.act(shown.comment.id, 'spam')).status).toBe(200);
      await reader.waitFor((e) => e.name === 'comment.removed' && e.payload.id === shown.comment.id);

      const names = reader.events.filter((e) => e.name.startsWith('comment.')).map((e) => `${e.name}:${e.payload.id}`);
      expect(names).toEqual([`comment.created:${shown.comment.id}`, `comment.created:${held.comment.id}`, `comment.removed:${shown.comment.id}`]);
      // And a fresh page agrees.
      expect((await browser.thread(moderated, url)).comments.map((c) => c.id)).toEqual([held.comment.id]);
    });
  });

  describe('catching up', () => {
    it('replays what a reader missed after lastSeenId, in order, then goes on live', async () => {
      const url = newArticle();
      const before = await browser.post(site, { url });
      const page = await browser.thread(site, url);
      expect(page.comments.map((c) => c.id)).toEqual([before.comment.id]);

      const missedOne = await browser.post(site, { url });
      const missedTwo = await browser.post(site, { url });
      await browser.withdraw(missedOne);

      const reader = await live();
      const ack = await reader.join({ site: site.slug, url, lastSeenId: page.lastEventId });
      expect(ack.replayed).toBe(2);
      const replayed = reader.events.filter((e) => e.name.startsWith('comment.')).map((e) => `${e.name}:${e.payload.id}`);
      // The first comment was removed since: its creation is not shown again, its removal is.
      expect(replayed).toEqual([`comment.created:${missedTwo.comment.id}`, `comment.removed:${missedOne.comment.id}`]);
      expect(ack.lastEventId).toBe(reader.named('comment.removed')[0].eventId);

      const after = await browser.post(site, { url });
      await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === after.comment.id);
      // What the reader holds is what the database holds.
      const shown = new Set([before.comment.id]);
      for (const e of reader.events) {
        if (e.name === 'comment.created') shown.add(e.payload.id);
        if (e.name === 'comment.removed') shown.delete(e.payload.id);
      }
      expect([...shown].sort()).toEqual((await browser.thread(site, url)).comments.map((c) => c.id).sort());
    });

    it('asks a reader too far behind to reload instead of replaying without end', async () => {
      const url = newArticle();
      const page = await browser.thread(site, url);
      await (await live()).join({ site: site.slug, url });
      // 501 events, the last 500 written in one statement, as a bulk action writes them.
      const first = await browser.post(site, { url });
      await seedComments(
        kolom.dataSource,
        first.comment,
        Array.from({ length: 500 }, (_, g) => ({ body: `bulk ${g + 1}`, email: 'bulk@example.org', status: 'approved' })),
      );
      const reader = await live();
      const ack = await reader.join({ site: site.slug, url, lastSeenId: page.lastEventId });
      expect(ack).toMatchObject({ resync: true, replayed: 0 });
      expect(reader.named('comment.created')).toEqual([]);
      expect(first.comment.id).toBeGreaterThan(0);
    });

    it('gives a reader whose connection drops for a moment what it missed, once, when it re-joins with lastSeenId', async () => {
      const url = newArticle();
      const watcher = await live();
      await watcher.join({ site: site.slug, url });
      const reader = followArticle(kolom.baseUrl, { origin: ORIGIN, site: site.slug, url });
      try {
        await reader.waitForJoins(1);
        const seen = await browser.post(site, { url });
        await reader.waitForComments([seen.comment.id]);
        const dropped = new Promise((resolve) => reader.socket.once('disconnect', resolve));
        // The network drops. The client would reconnect by itself within 100 ms; it is held back
        // until the missed comment is in, however long a busy machine takes to post it.
        reader.socket.io.reconnection(false);
        reader.socket.io.engine.close();
        await dropped;
        const missed = await browser.post(site, { url });
        reader.socket.io.reconnection(true);
        reader.socket.connect();
        await reader.waitForJoins(2);
        // No connection-state recovery: the re-join, from the outbox, is the one path back.
        expect(reader.socket.recovered).not.toBe(true);
        expect(reader.acks[1]).toMatchObject({ replayed: 1 });
        const after = await browser.post(site, { url });
        await reader.waitForComments([after.comment.id]);
        await watcher.waitFor((e) => e.name === 'comment.created' && e.payload.id === after.comment.id);
        expect(reader.events.map((e) => e.id)).toEqual([seen.comment.id, missed.comment.id, after.comment.id]);
      } finally {
        reader.close();
      }
    });
  });

  describe('presence', () => {
    it('counts viewers, and sends article.stats when they or the comments change', async () => {
      const url = newArticle();
      await browser.post(site, { url });
      const first = await live();
      const { articleId } = await first.join({ site: site.slug, url });
      const second = await live();
      expect((await second.join({ site: site.slug, url })).viewers).toBe(2);
      await first.waitFor((e) => e.name === 'article.stats' && e.payload.viewers === 2);

      await browser.post(site, { url });
      await first.waitFor((e) => e.name === 'article.stats' && e.payload.count === 2, 3_000);
      const seen = first.events.length;
      second.close();
      const last = await first.waitFor((e) => e.name === 'article.stats' && e.payload.viewers === 1, 3_000, seen);
      expect(last.payload).toEqual({ articleId, count: 2, viewers: 1 });
    });

    it('sends article.stats at most once a second per article', async () => {
      const url = newArticle();
      const reader = await live();
      await reader.join({ site: site.slug, url });
      const stamps: number[] = [];
      reader.socket.on('article.stats', () => stamps.push(Date.now()));
      for (let i = 0; i < 6; i += 1) {
        const visitor = await live();
        await visitor.join({ site: site.slug, url });
        await browser.post(site, { url });
        await new Promise((resolve) => setTimeout(resolve, 250));
        visitor.close();
      }
      await reader.waitFor((e) => e.name === 'article.stats' && e.payload.viewers === 1 && e.payload.count === 6, 3_000);
      expect(stamps.length).toBeGreaterThanOrEqual(2);
      // The server spaces them by a full second; receipt may jitter by a few ms under load.
      for (let i = 1; i < stamps.length; i += 1) expect(stamps[i] - stamps[i - 1]).toBeGreaterThanOrEqual(900);
    });
  });

  it('never sends an email, IP, user agent, spam data or token in any event', async () => {
    const url = newArticle();
    const reader = await live();
    await reader.join({ site: site.slug, url });
    const posted = await readerOf(kolom, { headers: { 'X-Forwarded-For': '198.51.100.23', 'User-Agent': 'PrivateAgent/1.0' } }).tryPost(site, {
      url,
      email: 'private.reader@example.org',
      website: 'https://reader.example',
    });
    await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === posted.body.comment.id);
    const text = JSON.stringify(receivedEvents);
    for (const secret of ['private.reader@example.org', '198.51.100.23', 'PrivateAgent', posted.body.editToken]) {
      expect(text).not.toContain(secret);
    }
    const keys = new Set<string>();
    const walk = (value: unknown): void => {
      if (!value || typeof value !== 'object') return;
      for (const [k, v] of Object.entries(value)) {
        keys.add(k.toLowerCase());
        walk(v);
      }
    };
    walk(receivedEvents.map((e) => e.payload));
    for (const key of ['email', 'authoremail', 'ip', 'useragent', 'spamscore', 'spamreasons', 'edittoken', 'edittokenhash', 'idempotencykey']) {
      expect(keys).not.toContain(key);
    }
    expect(receivedEvents.length).toBeGreaterThan(30);
  });
});
