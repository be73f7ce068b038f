import { DataSource } from 'typeorm';
import type { Queue } from '../../src/moderation/queue/queue.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { PostedComment } from '../../src/threads/posted-comment.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type Moderator, moderatorOf, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Moderation as a newsroom lives it, through the public HTTP API and real socket.io clients:
 * readers report comments and enough reports take one off the page; moderators close articles,
 * hold one article's comments, tune a site's rules; and the moderators' live view
 * (namespace /moderation) hears of every comment that needs them, on their own sites only.
 */

const ORIGIN = 'https://news.example';
const THANKS = 'Thank you. A moderator will look at this comment.';
const AWAITING = 'Your comment is awaiting moderation.';
const CLOSED = 'Sorry, comments are closed for this item.';

let articleCounter = 0;
/** A fresh article per test, so one test's events and counts never meet another's. */
const newArticle = () => `${ORIGIN}/moderation/story-${++articleCounter}`;
let authorCounter = 0;
let readerCounter = 0;

describe('moderation: reader flags, article controls, site settings and the live queue', () => {
  let kolom: TestKolom;
  /** Sites the moderators of site A look after: every comment held on one, none on the other. */
  let heldA: Site;
  let openA: Site;
  /** A site moderator A does not moderate. */
  let heldB: Site;
  let admin: Moderator & SignedInModerator;
  let moderatorA1: Moderator & SignedInModerator;
  let moderatorA2: Moderator & SignedInModerator;
  /** Someone reading the articles, who neither posts nor reports. */
  let reader: Reader;
  const clients: LiveClient[] = [];
  /** Every socket a reader opened in this file, kept for the private-data check at the end. */
  const readerClients: LiveClient[] = [];

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    heldA = await kolom.createSite({ premoderation: 'all' });
    openA = await kolom.createSite();
    heldB = await kolom.createSite({ premoderation: 'all' });
    admin = await signInModerator(kolom, 'admin');
    moderatorA1 = await signInModerator(kolom, 'moderator', [heldA, openA]);
    moderatorA2 = await signInModerator(kolom, 'moderator', [heldA, openA]);
    reader = readerOf(kolom);
  }, 90_000); // a start and three scrypt sign-ins: slow on a busy machine
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    await kolom.close();
  });

  /** Each comment from an author of its own (email and address), so no flood or trust rule interferes. */
  const newAuthor = () => {
    authorCounter += 1;
    return readerOf(kolom, { fields: { email: `author${authorCounter}@example.org` }, headers: { 'X-Forwarded-For': `203.0.113.${authorCounter}` } });
  };
  /** A reader is known to the flags by its address: TRUST_PROXY lets each test reader bring its own. */
  const newReader = () => readerOf(kolom, { headers: { 'X-Forwarded-For': `198.51.100.${++readerCounter}` } });
  const shownIds = async (onSite: Site, url: string): Promise<number[]> => (await reader.thread(onSite, url)).comments.map((c) => c.id);
  const queue = async (onSite: Site, status: Queue) => {
    const answer = await admin.queue({ status, site: onSite.slug });
    expect(answer.status).toBe(200);
    return answer.body.items;
  };
  const counts = async (onSite: Site) => (await admin.counts({ site: onSite.slug })).body;
  const audit = async (onSite: Site, query: { comment?: number } = {}) => {
    const answer = await admin.audit({ site: onSite.slug, ...query });
    expect(answer.status).toBe(200);
    return answer.body.entries;
  };
  /** A reader's open page of the article, following it live. */
  const openPage = async (onSite: Site, url: string) => {
    const client = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    clients.push(client);
    readerClients.push(client);
    await client.join({ site: onSite.slug, url });
    return client;
  };
  const desk = async (by: SignedInModerator) => {
    const client = await connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: by.token } });
    clients.push(client);
    return client;
  };

  describe('readers reporting a comment', () => {
    it('thanks a reader for a report, and tells the same reader who reports it again that it is already reported', async () => {
      const url = newArticle();
      const { comment } = await newAuthor().post(openA, { url });
      const reporter = newReader();
      const first = await reporter.flag(comment.id, { reason: 'abuse' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ message: THANKS });
      const again = await reporter.flag(comment.id, { reason: 'off-topic' });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('You have already reported this comment.');
      // Another reader's report still counts.
      expect((await newReader().flag(comment.id, { reason: 'off-topic' })).status).toBe(201);
    });

    it('refuses a report with an unknown or missing reason, or "other" without saying what is wrong, naming the field', async () => {
      const { comment } = await newAuthor().post(openA, { url: newArticle() });
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ reason: 'boring' }, 'reason', 'reason must be one of spam, abuse, off-topic, other.'],
        [{}, 'reason', 'reason must be one of spam, abuse, off-topic, other.'],
        [{ reason: 'other' }, 'text', 'Please say what is wrong with this comment.'],
        [{ reason: 'other', text: '   ' }, 'text', 'Please say what is wrong with this comment.'],
        [{ reason: 'abuse', text: 'x'.repeat(501) }, 'text', 'Your report is too long (500 characters at most).'],
        [{ reason: 'spam', email: 'snitch@example.org' }, 'email', 'Unknown field "email".'],
      ];
      for (const [report, field, message] of cases) {
        const answer = await newReader().flag(comment.id, report);
        expect({ report, status: answer.status }).toEqual({ report, status: 400 });
        expect(answer.body.fields).toEqual({ [field]: message });
      }
      // None of them counted as a report.
      expect(await queue(openA, 'flagged')).not.toContainEqual(expect.objectContaining({ id: comment.id }));
    });

    it('answers 404 for a comment readers cannot see: one held for moderation, or one that does not exist', async () => {
      const held = await newAuthor().post(heldA, { url: newArticle() });
      expect(held.status).toBe('pending');
      for (const id of [held.comment.id, 987654321, 'abc']) {
        const answer = await newReader().flag(id);
        expect({ id, status: answer.status, message: answer.body.message }).toEqual({ id, status: 404, message: 'There is no such comment.' });
      }
    });

    it('puts a reported comment in the flagged queue with every reason and note, and counts it', async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      const before = await counts(site);
      expect(before.flagged).toBe(0);
      const { comment } = await newAuthor().post(site, { url });
      expect((await newReader().flag(comment.id, { reason: 'spam' })).status).toBe(201);
      expect((await newReader().flag(comment.id, { reason: 'other', text: '  It repeats a hoax about the vote.  ' })).status).toBe(201);

      const [item] = await queue(site, 'flagged');
      expect(item).toMatchObject({
        id: comment.id,
        status: 'approved',
        queue: 'flagged',
        flags: { count: 2, reasons: { spam: 1, other: 1 }, notes: ['It repeats a hoax about the vote.'] },
      });
      expect(await counts(site)).toEqual({ ...before, flagged: 1 });
      // Below the threshold, readers still see it.
      expect(await shownIds(site, url)).toEqual([comment.id]);
    });

    it("takes a comment off the page at the third report, live, logs the hold as Kolom's own, and a moderator's approval puts it back", async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      const watcher = await openPage(site, url);
      const { comment } = await newAuthor().post(site, { url });
      await watcher.waitFor((e) => e.name === 'comment.created' && e.payload.id === comment.id);

      expect((await newReader().flag(comment.id, { reason: 'abuse' })).status).toBe(201);
      expect((await newReader().flag(comment.id, { reason: 'abuse' })).status).toBe(201);
      expect(await shownIds(site, url)).toEqual([comment.id]);
      expect((await counts(site)).flagged).toBe(1);
      const third = await newReader().flag(comment.id, { reason: 'other', text: 'Names a private person.' });
      expect(third.status).toBe(201);
      expect(third.body).toEqual({ message: THANKS });

      const removed = await watcher.waitFor((e) => e.name === 'comment.removed' && e.payload.id === comment.id);
      expect(removed.payload).toEqual({ id: comment.id, articleId: comment.articleId, eventId: expect.any(Number) });
      expect(await shownIds(site, url)).toEqual([]);
      const [held] = await queue(site, 'pending');
      expect(held).toMatchObject({
        id: comment.id,
        status: 'pending',
        queue: 'pending',
        flags: { count: 3, reasons: { abuse: 2, other: 1 }, notes: ['Names a private person.'] },
      });
      expect(await counts(site)).toMatchObject({ pending: 1, flagged: 0 });
      const [hold] = await audit(site, { comment: comment.id });
      expect(hold).toMatchObject({ action: 'hold', moderator: null, commentId: comment.id, articleId: comment.articleId, from: 'approved', to: 'pending' });
      // Once held, it is no longer a comment readers can report.
      expect((await newReader().flag(comment.id)).status).toBe(404);

      const approved = await admin.act(comment.id, 'approve', { note: 'Reviewed: fair comment.' });
      expect(approved.status).toBe(200);
      expect(approved.body.changed).toEqual([{ id: comment.id, from: 'pending', to: 'approved' }]);
      await watcher.waitFor((e) => e.name === 'comment.created' && e.payload.id === comment.id, 5_000, watcher.events.indexOf(removed));
      expect(await shownIds(site, url)).toEqual([comment.id]);
      expect(await queue(site, 'flagged')).toEqual([]);
      expect(await counts(site)).toMatchObject({ pending: 0, flagged: 0 });
      expect((await audit(site, { comment: comment.id })).map((e) => e.action)).toEqual(['approve', 'hold']);

      // The decided reports are settled: a new reader's report starts a fresh count.
      expect((await newReader().flag(comment.id, { reason: 'spam' })).status).toBe(201);
      expect((await queue(site, 'flagged')).map((i) => [i.id, i.flags.count])).toEqual([[comment.id, 1]]);
      expect(await shownIds(site, url)).toEqual([comment.id]);
    });

    it('holds at the number of reports the site sets: 2 on a site with flagThreshold 2', async () => {
      const site = await kolom.createSite({ flagThreshold: 2 });
      const url = newArticle();
      const watcher = await openPage(site, url);
      const { comment } = await newAuthor().post(site, { url });
      const other = await newAuthor().post(site, { url });
      expect((await newReader().flag(comment.id)).status).toBe(201);
      expect(await shownIds(site, url)).toEqual([comment.id, other.comment.id]);
      expect((await newReader().flag(comment.id, { reason: 'off-topic' })).status).toBe(201);
      await watcher.waitFor((e) => e.name === 'comment.removed' && e.payload.id === comment.id);
      expect(await shownIds(site, url)).toEqual([other.comment.id]);
      expect((await queue(site, 'pending')).map((i) => [i.id, i.flags.count])).toEqual([[comment.id, 2]]);
      expect((await audit(site, { comment: comment.id }))[0]).toMatchObject({ action: 'hold', moderator: null });
    });

    it('stops a reader who reports more than 10 comments within 10 minutes, and only that reader', async () => {
      const site = await kolom.createSite({ flagThreshold: 5 });
      const url = newArticle();
      const comments: PostedComment[] = [];
      for (let i = 0; i < 11; i += 1) comments.push(await newAuthor().post(site, { url }));
      const busy = newReader();
      for (const posted of comments.slice(0, 10)) expect((await busy.flag(posted.comment.id)).status).toBe(201);
      const eleventh = await busy.flag(comments[10].comment.id);
      expect(eleventh.status).toBe(429);
      expect(eleventh.body.message).toMatch(/^You have reported many comments in a short time\. Try again in \d+ (seconds|minutes)\.$/);
      expect(eleventh.body.retryAfter).toBeGreaterThan(0);
      expect((await newReader().flag(comments[10].comment.id)).status).toBe(201);
      expect((await counts(site)).flagged).toBe(11);
    });

    it('never puts an email or an IP address in an answer to a report or in what readers receive', async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      const watcher = await openPage(site, url);
      const { comment } = await newAuthor().post(site, { url, website: 'https://reader.example' });
      for (let i = 0; i < 3; i += 1) expect((await newReader().flag(comment.id, { reason: 'abuse' })).status).toBe(201);
      await watcher.waitFor((e) => e.name === 'comment.removed' && e.payload.id === comment.id);

      const flagAnswers = kolom.answers.filter((a) => /\/flags$/.test(a.path));
      expect(flagAnswers.length).toBeGreaterThanOrEqual(3);
      const readersSaw = readerClients.flatMap((c) => c.events);
      expect(readersSaw.filter((e) => e.name === 'comment.removed').length).toBeGreaterThanOrEqual(3);
      const text = JSON.stringify([flagAnswers, readersSaw]);
      expect(text).not.toMatch(/@|198\.51\.100\.|203\.0\.113\.|127\.0\.0\.1|::1/);
    });
  });

  describe('closing an article and holding its comments', () => {
    it("closes an article at once, even a page just served from the cache, with WordPress's words; reopening accepts comments again", async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      expect((await reader.thread(site, url)).open).toBe(true);
      const articleId = await admin.articleAt(site, url);

      const closed = await admin.changeArticle(articleId, { open: false });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ id: articleId, site: site.slug, open: false, acceptingComments: false, premoderation: null });
      expect((await reader.thread(site, url)).open).toBe(false);
      const refused = await newAuthor().tryPost(site, { url });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe(CLOSED);

      const reopened = await admin.changeArticle(articleId, { open: true });
      expect(reopened.body).toMatchObject({ open: true, acceptingComments: true });
      expect((await reader.thread(site, url)).open).toBe(true);
      const accepted = await newAuthor().post(site, { url });
      expect(accepted.status).toBe('approved');

      const entries = (await audit(site)).filter((e) => e.articleId === articleId);
      expect(entries.map((e) => [e.action, e.moderator?.id])).toEqual([
        ['article.reopen', admin.id],
        ['article.close', admin.id],
      ]);
    });

    it("holds every comment on one article under its own pre-moderation while the site's other articles publish at once; null follows the site again", async () => {
      const site = await kolom.createSite();
      const sensitive = newArticle();
      const ordinary = newArticle();
      // Set up before its first comment: a sensitive story is held in full from the start.
      const articleId = await admin.articleAt(site, sensitive);

      const strict = await admin.changeArticle(articleId, { premoderation: 'all' });
      expect(strict.status).toBe(200);
      expect(strict.body).toMatchObject({ open: true, premoderation: 'all' });
      const held = await newAuthor().post(site, { url: sensitive });
      expect(held).toMatchObject({ status: 'pending', message: AWAITING });
      expect((await newAuthor().post(site, { url: ordinary })).status).toBe('approved');
      expect(await shownIds(site, sensitive)).toEqual([]);
      expect((await queue(site, 'pending')).map((i) => i.id)).toEqual([held.comment.id]);

      const relaxed = await admin.changeArticle(articleId, { premoderation: null });
      expect(relaxed.body).toMatchObject({ premoderation: null });
      const published = await newAuthor().post(site, { url: sensitive });
      expect(published.status).toBe('approved');
      expect(await shownIds(site, sensitive)).toEqual([published.comment.id]);

      const entries = (await audit(site)).filter((e) => e.articleId === articleId);
      expect(entries.map((e) => [e.action, e.detail])).toEqual([
        ['article.premoderation', { from: 'all', to: null }],
        ['article.premoderation', { from: null, to: 'all' }],
      ]);
    });

    it('refuses invalid article controls, naming the field, and changes nothing', async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      const articleId = await admin.articleAt(site, url);
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ open: 'no' }, 'open', 'open must be true or false.'],
        [{ premoderation: 'sometimes' }, 'premoderation', 'premoderation must be off, links, first-time, all or null.'],
        [{ closed: true }, 'closed', 'Unknown field "closed".'],
      ];
      for (const [controls, field, message] of cases) {
        const answer = await admin.changeArticle(articleId, controls);
        expect({ controls, status: answer.status }).toEqual({ controls, status: 400 });
        expect(answer.body.fields).toEqual({ [field]: message });
      }
      expect((await admin.changeArticle(987654321, { open: false })).status).toBe(404);
      // A moderator of other sites is told the article does not exist.
      const elsewhere = await moderatorA1.changeArticle(articleId, { open: false });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.message).toBe('There is no such article.');
      expect((await reader.thread(site, url)).open).toBe(true);
      expect((await audit(site)).filter((e) => e.articleId === articleId)).toEqual([]);
    });
  });

  describe("a site's settings", () => {
    it("applies an admin's new settings to the very next comment, shows them, and logs each change with its old and new value", async () => {
      const site = await kolom.createSite();
      const changed = await admin.changeSite(site.slug, { maxLinks: 1, blockedWords: ['  casino ', ''], floodSeconds: 60 });
      expect(changed.status).toBe(200);
      expect(changed.body.settings).toMatchObject({ maxLinks: 1, blockedWords: ['casino'], floodSeconds: 60, maxDepth: 5 });

      const sourced = await newAuthor().post(site, { url: newArticle(), body: 'The figures: https://budget.example/2026' });
      expect(sourced).toMatchObject({ status: 'pending', message: AWAITING });
      expect((await queue(site, 'pending')).find((i) => i.id === sourced.comment.id)?.verdict.reasons).toEqual(['links: 1 links (limit 1)']);

      const blocked = await newAuthor().post(site, { url: newArticle(), body: 'Win big at the CASINO tonight' });
      expect(blocked).toMatchObject({ status: 'pending', message: AWAITING });
      expect((await queue(site, 'spam')).map((i) => i.id)).toEqual([blocked.comment.id]);

      const author = newAuthor();
      const url = newArticle();
      const first = await author.tryPost(site, { url });
      expect(first.status).toBe(201);
      const tooSoon = await author.tryPost(site, { url });
      expect(tooSoon.status).toBe(429);
      expect(tooSoon.body.message).toBe('You are posting comments too quickly. Slow down.');

      const listed = await admin.sites();
      expect(listed.body.find((s: { slug: string }) => s.slug === site.slug)).toMatchObject({
        id: site.id,
        settings: { maxLinks: 1, blockedWords: ['casino'], floodSeconds: 60, flagThreshold: 3 },
      });
      const [entry] = await audit(site);
      expect(entry).toMatchObject({
        action: 'site.settings',
        moderator: { id: admin.id, email: admin.email },
        siteId: site.id,
        detail: { maxLinks: { from: 2, to: 1 }, blockedWords: { from: [], to: ['casino'] }, floodSeconds: { from: 0, to: 60 } },
      });
    });

    it('shows moderators the sites they moderate, and only those', async () => {
      const listed = await moderatorA1.sites();
      expect(listed.status).toBe(200);
      expect(listed.body.map((s: { slug: string }) => s.slug).sort()).toEqual([heldA.slug, openA.slug].sort());
      expect(listed.body.find((s) => s.slug === heldA.slug)?.settings).toMatchObject({ premoderation: 'all', maxDepth: 5 });
    });

    it('refuses invalid settings, naming each as settings.<name>, and changes nothing', async () => {
      const site = await kolom.createSite();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ maxDepth: 0 }, 'settings.maxDepth', 'maxDepth must be a whole number from 1 to 10.'],
        [{ premoderation: 'sometimes' }, 'settings.premoderation', 'premoderation must be one of off, links, first-time, all.'],
        [{ flagThreshold: 'x' }, 'settings.flagThreshold', 'flagThreshold must be a whole number from 0 to 100.'],
        [{ colour: 'red' }, 'settings.colour', 'Unknown field "colour".'],
      ];
      for (const [settings, field, message] of cases) {
        const answer = await admin.changeSite(site.slug, settings);
        expect({ settings, status: answer.status }).toEqual({ settings, status: 400 });
        expect(answer.body.fields).toEqual({ [field]: message });
      }
      const mixed = await admin.changeSite(site.slug, { maxLinks: 3, maxDepth: 11 });
      expect(mixed.status).toBe(400);
      expect(Object.keys(mixed.body.fields ?? {})).toEqual(['settings.maxDepth']);

      const listed = await admin.sites();
      expect(listed.body.find((s) => s.slug === site.slug)?.settings).toMatchObject({ maxDepth: 5, maxLinks: 2, premoderation: 'off', flagThreshold: 3 });
      expect(await audit(site)).toEqual([]);
    });

    it("lets only admins change a site's settings", async () => {
      const forbidden = await moderatorA1.changeSite(openA.slug, { maxLinks: 0 });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.message).toBe('Only admins may do this.');
      const anonymous = await moderatorOf(kolom, null).changeSite(openA.slug, { maxLinks: 0 });
      expect(anonymous.status).toBe(401);
      expect((await admin.sites()).body.find((s) => s.slug === openA.slug)?.settings.maxLinks).toBe(2);
      expect(await audit(openA)).not.toContainEqual(expect.objectContaining({ action: 'site.settings' }));
    });
  });

  describe('the live queue for moderators', () => {
    it('refuses a live connection without a token, or with one that is not signed in', async () => {
      await expect(connectLive(kolom.baseUrl, { namespace: '/moderation' })).rejects.toThrow(/^Sign in first/);
      await expect(connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: 'x'.repeat(43) } })).rejects.toThrow(
        'Your session has ended: sign in again.',
      );
    });

    it('closes a live connection when its session runs out, and refuses that token afterwards', async () => {
      const shortLived = await signInModerator(kolom, 'moderator', [heldA]);
      await kolom.app.get(DataSource).query(`UPDATE moderator_sessions SET expires_at = now() + interval '1 second' WHERE moderator_id = $1`, [shortLived.id]);
      const client = await connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: shortLived.token } });
      const reason = await new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
      expect(reason).toBe('io server disconnect');
      await expect(connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: shortLived.token } })).rejects.toThrow(
        'Your session has ended: sign in again.',
      );
    });

    it("tells a site's moderators of a held comment, with the author's email, and nothing of another site's; an admin hears of both", async () => {
      const mine = await desk(moderatorA1);
      const all = await desk(admin);

      const elsewhere = await newAuthor().post(heldB, { url: newArticle() });
      expect(elsewhere.status).toBe('pending');
      // The admin has it, so it went out to whoever was meant to have it.
      await all.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === elsewhere.comment.id);

      const held = await newAuthor().post(heldA, { url: newArticle(), name: 'Budi Santoso', email: 'budi.santoso@example.org' });
      const added = await mine.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === held.comment.id);
      expect(added.payload.item).toMatchObject({
        id: held.comment.id,
        site: { id: heldA.id, slug: heldA.slug },
        status: 'pending',
        queue: 'pending',
        author: { name: 'Budi Santoso', email: 'budi.santoso@example.org' },
        flags: { count: 0, reasons: {}, notes: [] },
      });
      expect(added.payload.counts).toEqual(await counts(heldA));
      await all.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === held.comment.id);

      expect(mine.named('queue.added').map((p) => p.item.site.id)).not.toContain(heldB.id);
      expect(JSON.stringify(mine.events)).not.toContain(`"${heldB.slug}"`);
    });

    it('tells the other moderators when one approves a comment or marks it as spam', async () => {
      const other = await desk(moderatorA2);
      const url = newArticle();
      const good = await newAuthor().post(heldA, { url });
      const bad = await newAuthor().post(heldA, { url });
      await other.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === bad.comment.id);

      expect((await moderatorA1.act(good.comment.id, 'approve', {})).status).toBe(200);
      const approved = await other.waitFor((e) => e.name === 'queue.updated' && e.payload.changes.some((c: { id: number }) => c.id === good.comment.id));
      expect(approved.payload).toEqual({
        siteId: heldA.id,
        action: 'approve',
        changes: [{ id: good.comment.id, from: 'pending', to: 'approved' }],
        by: { id: moderatorA1.id, name: expect.any(String) },
        counts: expect.objectContaining({ pending: expect.any(Number) }),
      });

      expect((await moderatorA1.act(bad.comment.id, 'spam', { note: 'Advert.' })).status).toBe(200);
      const spammed = await other.waitFor((e) => e.name === 'queue.updated' && e.payload.changes.some((c: { id: number }) => c.id === bad.comment.id));
      expect(spammed.payload).toMatchObject({
        siteId: heldA.id,
        action: 'spam',
        changes: [{ id: bad.comment.id, from: 'pending', to: 'spam' }],
        by: { id: moderatorA1.id },
      });
      expect(spammed.payload.counts).toEqual(await counts(heldA));
      expect(spammed.payload.counts.pending).toBe(approved.payload.counts.pending - 1);
    });

    it("tells moderators of a reader's report, with the comment in the flagged queue, and of the hold when reports reach the threshold", async () => {
      const watching = await desk(moderatorA2);
      const { comment } = await newAuthor().post(openA, { url: newArticle() });
      expect((await newReader().flag(comment.id, { reason: 'abuse', text: 'Insults another reader.' })).status).toBe(201);
      const added = await watching.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === comment.id);
      expect(added.payload.item).toMatchObject({
        status: 'approved',
        queue: 'flagged',
        flags: { count: 1, reasons: { abuse: 1 }, notes: ['Insults another reader.'] },
      });
      expect(added.payload.counts.flagged).toBeGreaterThanOrEqual(1);

      expect((await newReader().flag(comment.id, { reason: 'abuse' })).status).toBe(201);
      expect((await newReader().flag(comment.id, { reason: 'spam' })).status).toBe(201);
      const held = await watching.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === comment.id && e.payload.item.queue === 'pending');
      expect(held.payload.item.flags).toEqual({ count: 3, reasons: { abuse: 2, spam: 1 }, notes: ['Insults another reader.'] });
    });

    it("closes a moderator's live connection on signing out, and only that one", async () => {
      const leaving = await signInModerator(kolom, 'moderator', [heldA]);
      const leavingDesk = await desk(leaving);
      const staying = await desk(moderatorA1);
      const disconnected = new Promise<string>((resolve) => leavingDesk.socket.once('disconnect', (reason) => resolve(reason)));

      const out = await leaving.logout();
      expect(out.status).toBe(204);
      expect(await disconnected).toBe('io server disconnect');
      expect((await leaving.counts()).status).toBe(401);
      await expect(connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: leaving.token } })).rejects.toThrow(
        'Your session has ended: sign in again.',
      );

      // The moderator still signed in goes on hearing of new comments.
      const held = await newAuthor().post(heldA, { url: newArticle() });
      await staying.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === held.comment.id);
      expect(staying.socket.connected).toBe(true);
    });
  });
});
