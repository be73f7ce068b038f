import { HOUSEKEEPING_BATCH, HousekeepingService } from '../../src/housekeeping/housekeeping.service.js';
import type { Site } from '../../src/sites/site.entity.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { seedComments } from '../support/seed.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Housekeeping keeps what Kolom stores within each site's settings: spam and trash are emptied
 * after purgeSpamTrashDays (as WordPress's EMPTY_TRASH_DAYS), IP addresses and user agents erased
 * after keepAddressesDays, the live outbox cut to its replay horizon. Each round runs "as if" at a
 * date the test gives, so nothing waits for days to pass.
 */

const ORIGIN = 'https://news.example';
const USER_AGENT = 'Mozilla/5.0 (KolomHousekeeping; rv:1.0) Gecko/20100101 Firefox/140.0';
const DAY_MS = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);
let articleCounter = 0;
const newArticle = () => `${ORIGIN}/housekeeping/story-${++articleCounter}`;

describe('Housekeeping', () => {
  let kolom: TestKolom;
  let housekeeping: HousekeepingService;
  let reader: Reader;
  let admin: Moderator;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    kolom = await startKolom();
    housekeeping = kolom.app.get(HousekeepingService);
    reader = readerOf(kolom, { headers: { 'User-Agent': USER_AGENT } });
    admin = await signInModerator(kolom, 'admin');
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await kolom.close();
  });

  const stored = async (ids: number[]) => {
    const rows: Array<{ id: string; status: string; body: string; author_email: string; ip: string | null; user_agent: string | null }> =
      await kolom.dataSource.query(`SELECT id, status, body, author_email, host(ip) AS ip, user_agent FROM comments WHERE id = ANY($1) ORDER BY id`, [ids]);
    return new Map(rows.map((row) => [Number(row.id), row]));
  };

  /** Marking spam teaches the classifier after the action's commit: waits for that lesson. */
  const lessonLearnt = async (commentId: number) => {
    for (let tries = 0; tries < 100; tries += 1) {
      if ((await kolom.dataSource.query(`SELECT 1 FROM spam_training WHERE comment_id = $1`, [commentId])).length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`comment ${commentId} taught the classifier nothing`);
  };

  describe('spam and trash', () => {
    let site: Site;
    beforeAll(async () => {
      site = await kolom.createSite();
    });

    it('are deleted for good 30 days after a moderator put them there, not a day before', async () => {
      const url = newArticle();
      const kept = await reader.publish(site, { url });
      const spam = await reader.publish(site, { url });
      const trash = await reader.publish(site, { url });
      expect((await admin.act(spam.comment.id, 'spam')).status).toBe(200);
      expect((await admin.act(trash.comment.id, 'trash')).status).toBe(200);
      await lessonLearnt(spam.comment.id);
      const ids = [kept.comment.id, spam.comment.id, trash.comment.id];

      await housekeeping.round(daysFromNow(29));
      expect([...(await stored(ids)).keys()]).toEqual(ids);

      await housekeeping.round(daysFromNow(31));
      expect([...(await stored(ids)).keys()]).toEqual([kept.comment.id]);
    });

    it('take their reports and classifier lesson with them, and the classifier keeps what it learned', async () => {
      const url = newArticle();
      const reported = await reader.publish(site, { url, body: 'Discount watches here, follow the link in my profile.' });
      expect((await reader.flag(reported.comment.id)).status).toBe(201);
      expect((await admin.act(reported.comment.id, 'spam')).status).toBe(200);
      const learned = async () =>
        (await kolom.dataSource.query(`SELECT coalesce(sum(spam), 0)::int AS spam FROM spam_tokens WHERE site_id = $1`, [site.id]))[0].spam as number;
      await lessonLearnt(reported.comment.id);
      const before = await learned();
      expect(before).toBeGreaterThan(0);

      await housekeeping.round(daysFromNow(31));
      const left = async (table: string) =>
        (await kolom.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE comment_id = $1`, [reported.comment.id]))[0].n;
      expect(await stored([reported.comment.id])).toEqual(new Map());
      expect({ flags: await left('flags'), training: await left('spam_training'), mail: await left('mail_events') }).toEqual({
        flags: 0,
        training: 0,
        mail: 0,
      });
      expect(await learned()).toBe(before);
    });

    it('leave a placeholder where approved replies hang under them, and the thread still shows the replies', async () => {
      const deep = await kolom.createSite({ maxDepth: 2 });
      const url = newArticle();
      const root = await reader.publish(deep, { url, body: 'The budget vote is tomorrow.' });
      const answer = await reader.publish(deep, { url, parentId: root.comment.id, body: 'It was moved to Friday.' });
      // At the deepest level a reply hangs from the root but answers `answer` (reply_to_id).
      const rebuttal = await reader.publish(deep, { url, parentId: answer.comment.id, body: 'Friday is right, I checked.' });
      const lone = await reader.publish(deep, { url, parentId: root.comment.id, body: 'A reply nobody answered.' });
      expect(rebuttal.comment).toMatchObject({ parentId: root.comment.id, replyToId: answer.comment.id });
      for (const id of [root.comment.id, answer.comment.id, lone.comment.id]) expect((await admin.act(id, 'trash')).status).toBe(200);

      const report = await housekeeping.round(daysFromNow(31));
      expect(report.placeholders).toEqual([2]);
      const after = await stored([root.comment.id, answer.comment.id, rebuttal.comment.id, lone.comment.id]);
      expect(after.has(lone.comment.id)).toBe(false);
      for (const id of [root.comment.id, answer.comment.id])
        expect(after.get(id)).toMatchObject({ status: 'deleted', body: '', author_email: '', ip: null, user_agent: null });
      expect(after.get(rebuttal.comment.id)).toMatchObject({ status: 'approved', body: 'Friday is right, I checked.' });

      const page = await reader.thread(deep, url);
      expect(page.comments).toHaveLength(1);
      expect(page.comments[0]).toMatchObject({ id: root.comment.id, removed: true, body: null, author: null });
      expect(page.comments[0].replies).toEqual([
        expect.objectContaining({ id: rebuttal.comment.id, replyToId: answer.comment.id, body: 'Friday is right, I checked.' }),
      ]);
    });

    it('stay on a site that keeps them (0 days)', async () => {
      const keeping = await kolom.createSite({ purgeSpamTrashDays: 0, keepAddressesDays: 0 });
      const trashed = await reader.publish(keeping, { url: newArticle() });
      expect((await admin.act(trashed.comment.id, 'trash')).status).toBe(200);
      await housekeeping.round(daysFromNow(3650));
      expect((await stored([trashed.comment.id])).get(trashed.comment.id)).toMatchObject({ status: 'trash', user_agent: USER_AGENT, ip: expect.any(String) });
    });

    it('go in batches of 500: 1,200 take three', async () => {
      const url = newArticle();
      const like = await reader.publish(site, { url });
      // Whatever earlier tests left due goes first, so the round below sees only these.
      await housekeeping.round(daysFromNow(31));
      const ids = await seedComments(
        kolom.dataSource,
        like.comment,
        Array.from({ length: 1200 }, (_, n) => ({ body: `Spam ${n}`, status: 'spam' as const, email: `spam${n}@example.org` })),
      );
      expect(HOUSEKEEPING_BATCH).toBe(500);
      const report = await housekeeping.round(daysFromNow(31));
      expect(report.purged).toEqual([500, 500, 200]);
      expect(await stored(ids)).toEqual(new Map());
    });
  });

  describe('IP addresses and user agents', () => {
    it('are erased from every comment 90 days after it was posted, not before, and nothing else changes', async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      const shown = await reader.publish(site, { url, body: 'Kept, without my address.' });
      const spam = await reader.publish(site, { url });
      expect((await admin.act(spam.comment.id, 'spam')).status).toBe(200);
      await lessonLearnt(spam.comment.id);
      const ids = [shown.comment.id, spam.comment.id];
      for (const row of (await stored(ids)).values()) expect(row).toMatchObject({ ip: expect.any(String), user_agent: USER_AGENT });

      await housekeeping.round(daysFromNow(89));
      for (const row of (await stored(ids)).values()) expect(row).toMatchObject({ ip: expect.any(String), user_agent: USER_AGENT });

      await housekeeping.round(daysFromNow(91));
      const after = await stored(ids);
      // 91 days on, spam's 30 days are long past: it went altogether.
      expect([...after.keys()]).toEqual([shown.comment.id]);
      expect(after.get(shown.comment.id)).toMatchObject({ status: 'approved', body: 'Kept, without my address.', ip: null, user_agent: null });
      expect((await reader.thread(site, url)).comments.map((c) => c.body)).toEqual(['Kept, without my address.']);
    });
  });

  describe('live events', () => {
    it('older than the replay horizon are deleted, but not the newest, and a reader joining with the page’s lastEventId replays correctly', async () => {
      const site = await kolom.createSite();
      const url = newArticle();
      const posted = [];
      for (let n = 0; n < 3; n += 1) posted.push(await reader.publish(site, { url }));
      const page = await reader.thread(site, url);
      const articleId = posted[0].comment.articleId;
      const events = async () =>
        (await kolom.dataSource.query(`SELECT id FROM article_events WHERE article_id = $1 ORDER BY id`, [articleId])).map((row: { id: string }) =>
          Number(row.id),
        );
      const [first] = await events();
      expect(await events()).toHaveLength(3);

      await housekeeping.round(daysFromNow(6));
      expect(await events()).toHaveLength(3);
      await housekeeping.round(daysFromNow(8));
      expect(await events()).toEqual([page.lastEventId]);
      expect((await reader.thread(site, url)).lastEventId).toBe(page.lastEventId);

      const live = await connectLive(kolom.baseUrl, { origin: ORIGIN });
      clients.push(live);
      expect(await live.join({ site: site.slug, url, lastSeenId: page.lastEventId })).toMatchObject({ lastEventId: page.lastEventId, replayed: 0 });
      const next = await reader.publish(site, { url });
      await live.waitFor((e) => e.name === 'comment.created' && e.payload.id === next.comment.id);

      // A page loaded before the deleted events asks for one that is gone: it reloads instead.
      const stale = await connectLive(kolom.baseUrl, { origin: ORIGIN });
      clients.push(stale);
      expect(await stale.join({ site: site.slug, url, lastSeenId: first })).toMatchObject({ resync: true, replayed: 0 });
    });
  });
});
