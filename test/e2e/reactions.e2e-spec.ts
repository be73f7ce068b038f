import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createKolomApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { DATABASE_TARGET } from '../../src/database/database.module.js';
import type { DatabaseTarget } from '../../src/database/database-target.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { PublicComment } from '../../src/threads/thread-answers.js';
import type { ThreadPage } from '../../src/threads/thread-page.js';
import { expectStatus, type Answer } from '../support/http.js';
import { connectLive, type LiveClient, receivedEvents } from '../support/live-client.js';
import { type Reader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Readers' likes (issue 19): one per reader per comment, counted without accounts as reports are,
 * sent live in batches, and the `top` sort they drive. Through HTTP and real sockets only.
 */

interface Likes {
  likes: number;
  liked: boolean;
}

const ORIGIN = 'https://news.example';
let articleCounter = 0;
const newArticle = () => `${ORIGIN}/reactions/story-${++articleCounter}`;
/** A distinct IPv4 reader for each call: 198.18.x.y (a benchmarking range no test shares). */
let networkCounter = 0;
const newNetwork = () => `198.18.${Math.floor(++networkCounter / 250)}.${(networkCounter % 250) + 1}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reactions: likes on comments', () => {
  let kolom: TestKolom;
  let site: Site;
  let author: Reader;
  const clients: LiveClient[] = [];
  /** Every address a like came from, to be found in no answer. */
  const addresses = new Set<string>();

  const from = (address: string) => {
    addresses.add(address);
    return { 'X-Forwarded-For': address };
  };
  const like = (id: number, address = newNetwork()): Promise<Answer<Likes>> =>
    kolom.request('POST', `/api/v1/comments/${id}/reactions`, undefined, from(address));
  const unlike = (id: number, address: string): Promise<Answer<Likes>> => kolom.request('DELETE', `/api/v1/comments/${id}/reactions`, undefined, from(address));
  const likesOf = (page: ThreadPage, id: number): number | undefined => {
    const walk = (comments: PublicComment[]): PublicComment | undefined => {
      for (const comment of comments) {
        if (comment.id === id) return comment;
        const found = walk(comment.replies);
        if (found) return found;
      }
      return undefined;
    };
    return walk(page.comments)?.likes;
  };
  const live = async () => {
    const client = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // One trusted proxy hop: each request chooses its reader's address with X-Forwarded-For.
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite();
    author = readerOf(kolom, { headers: from('192.0.2.10') });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await kolom.close();
  });

  it('a like counts once per reader, shows in the thread, and can be taken back', async () => {
    const url = newArticle();
    const posted = await author.publish(site, { url });
    expect(posted.comment.likes).toBe(0);
    const id = posted.comment.id;

    expect(expectStatus(await like(id, '203.0.113.7'), 200).body).toEqual({ likes: 1, liked: true });
    // Again from the same reader: nothing changes.
    expect(expectStatus(await like(id, '203.0.113.7'), 200).body).toEqual({ likes: 1, liked: true });
    expect(expectStatus(await like(id, '203.0.113.8'), 200).body).toEqual({ likes: 2, liked: true });
    expect(likesOf(await author.thread(site, url), id)).toBe(2);

    expect(expectStatus(await unlike(id, '203.0.113.7'), 200).body).toEqual({ likes: 1, liked: false });
    // Taking back a like one never gave changes nothing either.
    expect(expectStatus(await unlike(id, '203.0.113.7'), 200).body).toEqual({ likes: 1, liked: false });
    expect(likesOf(await author.thread(site, url), id)).toBe(1);
    const [row] = await kolom.dataSource.query(
      'SELECT like_count, (SELECT count(*)::int FROM comment_reactions WHERE comment_id = $1) AS rows FROM comments WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ like_count: 1, rows: 1 });
  });

  it('an IPv6 reader is their /64: another address in it is the same reader, another /64 is not', async () => {
    const { comment } = await author.publish(site, { url: newArticle() });
    expect((await like(comment.id, '2001:db8:aa:1::1')).body.likes).toBe(1);
    expect((await like(comment.id, '2001:db8:aa:1:ffff::99')).body.likes).toBe(1);
    expect((await like(comment.id, '2001:db8:aa:2::1')).body.likes).toBe(2);
    // An IPv4 address written as IPv6 is that IPv4 reader.
    expect((await like(comment.id, '198.51.100.4')).body.likes).toBe(3);
    expect((await like(comment.id, '::ffff:198.51.100.4')).body.likes).toBe(3);
  });

  it('held, spam and unknown comments answer 404 as for any unknown comment', async () => {
    const held = await readerOf(kolom, { headers: from('192.0.2.11') }).post(await kolom.createSite({ premoderation: 'all' }), { url: newArticle() });
    expect(held.status).toBe('pending');
    const spam = await readerOf(kolom, { headers: from('192.0.2.12') }).post(await kolom.createSite({ blockedWords: ['casino'] }), {
      url: newArticle(),
      body: 'Best casino offers here.',
    });
    expect(await kolom.verdictOf(spam.comment.id)).toMatchObject({ status: 'spam' });

    for (const id of [held.comment.id, spam.comment.id, 987654321]) {
      const liked = await like(id);
      expect([liked.status, liked.body.message]).toEqual([404, 'There is no such comment.']);
      expect((await unlike(id, newNetwork())).status).toBe(404);
    }
    expect((await kolom.request('POST', '/api/v1/comments/abc/reactions')).status).toBe(404);
    const [{ rows }] = await kolom.dataSource.query('SELECT count(*)::int AS rows FROM comment_reactions WHERE comment_id = ANY($1)', [
      [held.comment.id, spam.comment.id],
    ]);
    expect(rows).toBe(0);
  });

  it('20 readers liking at once give exactly 20', async () => {
    const { comment } = await author.publish(site, { url: newArticle() });
    const answers = await Promise.all(Array.from({ length: 20 }, () => like(comment.id)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    // Every answer saw a different count: each like added to the one before it.
    expect(answers.map((a) => a.body.likes).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const [row] = await kolom.dataSource.query(
      'SELECT like_count, (SELECT count(*)::int FROM comment_reactions WHERE comment_id = $1) AS rows FROM comments WHERE id = $1',
      [comment.id],
    );
    expect(row).toEqual({ like_count: 20, rows: 20 });
  });

  it('open pages get the counts in batches, at most one a second, ending with the final counts', async () => {
    const url = newArticle();
    const first = await author.publish(site, { url });
    const second = await author.publish(site, { url });
    const watcher = await live();
    await watcher.join({ articleId: first.comment.articleId });

    // 45 likes over about 1.5 seconds, on two comments.
    const started = Date.now();
    const sent: Array<Promise<unknown>> = [];
    for (let i = 0; i < 15; i += 1) {
      sent.push(like(first.comment.id), like(second.comment.id));
      if (i % 2 === 0) sent.push(like(first.comment.id));
      await sleep(100);
    }
    await Promise.all(sent);
    await sleep(2_200);

    const batches = watcher.events.filter((e) => e.name === 'comment.reactions');
    const seconds = (Date.now() - started) / 1000;
    // One at once, then one a second at most: never more than the seconds that passed, plus the first.
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    const latest = new Map<number, number>();
    for (const { payload } of batches) {
      expect(payload.articleId).toBe(first.comment.articleId);
      expect(Object.keys(payload).sort()).toEqual(['articleId', 'counts']);
      for (const count of payload.counts) {
        expect(Object.keys(count).sort()).toEqual(['id', 'likes']);
        latest.set(count.id, count.likes);
      }
    }
    expect(Object.fromEntries(latest)).toEqual({ [first.comment.id]: 23, [second.comment.id]: 15 });
  });

  it('batches are spaced a second apart', async () => {
    const { comment } = await author.publish(site, { url: newArticle() });
    const watcher = await live();
    await watcher.join({ articleId: comment.articleId });
    const arrivals: number[] = [];
    watcher.socket.on('comment.reactions', () => arrivals.push(Date.now()));
    for (let i = 0; i < 25; i += 1) {
      void like(comment.id);
      await sleep(100);
    }
    await sleep(1_500);
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < arrivals.length; i += 1) expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(900);
    expect(watcher.named('comment.reactions').at(-1).counts).toEqual([{ id: comment.id, likes: 25 }]);
  });

  it('a cached thread page shows a like at once', async () => {
    const url = newArticle();
    const { comment } = await author.publish(site, { url });
    expect(likesOf(await author.thread(site, url), comment.id)).toBe(0);
    expect(likesOf(await author.thread(site, url), comment.id)).toBe(0);
    await like(comment.id);
    expect(likesOf(await author.thread(site, url), comment.id)).toBe(1);
  });

  describe('sort=top', () => {
    it('ranks top-level comments by likes, unliked ones newest first, replies under their comment', async () => {
      const url = newArticle();
      const posted = [];
      for (let i = 0; i < 5; i += 1) posted.push((await author.publish(site, { url, body: `Top-level comment ${i + 1}.` })).comment);
      const reply = (await author.publish(site, { url, parentId: posted[0].id })).comment;
      const give = async (id: number, count: number) => {
        for (let i = 0; i < count; i += 1) await like(id);
      };
      await give(posted[2].id, 3);
      await give(posted[0].id, 2);
      await give(posted[4].id, 1);
      await give(reply.id, 5);

      const page = await author.thread(site, url, { sort: 'top' });
      expect(page.comments.map((c) => c.id)).toEqual([posted[2].id, posted[0].id, posted[4].id, posted[3].id, posted[1].id]);
      expect(page.comments.map((c) => c.likes)).toEqual([3, 2, 1, 0, 0]);
      expect(page.comments[1].replies.map((r) => [r.id, r.likes])).toEqual([[reply.id, 5]]);
      expect(page.nextCursor).toBeNull();
    });

    it('an older comment needs more likes than a new one: the score decays with age', async () => {
      const url = newArticle();
      const old = (await author.publish(site, { url, body: 'Posted a day ago.' })).comment;
      const fresh = (await author.publish(site, { url, body: 'Posted just now.' })).comment;
      await kolom.dataSource.query(`UPDATE comments SET created_at = now() - interval '24 hours' WHERE id = $1`, [old.id]);
      // 3 likes a day old: 3 / 26^1.5 ≈ 0.023; 1 like now: 1 / 2^1.5 ≈ 0.35.
      for (let i = 0; i < 3; i += 1) await like(old.id);
      await like(fresh.id);
      expect((await author.thread(site, url, { sort: 'top' })).comments.map((c) => c.id)).toEqual([fresh.id, old.id]);
    });

    it('pages after the first keep the ranking the first was read in, whatever likes do meanwhile', async () => {
      const url = newArticle();
      const ids: number[] = [];
      for (let i = 0; i < 7; i += 1) ids.push((await author.publish(site, { url, body: `Ranked comment ${i + 1}.` })).comment.id);
      // Likes 6, 5, 4, 3, 2, 1, 0 from the first posted down: the ranking is ids in posting order.
      const voters = ids.map(() => [] as string[]);
      for (const [i, id] of ids.entries()) {
        for (let n = 0; n < 6 - i; n += 1) {
          const address = newNetwork();
          voters[i].push(address);
          await like(id, address);
        }
      }

      const first = await author.thread(site, url, { sort: 'top', limit: 3 });
      expect(first.comments.map((c) => c.id)).toEqual(ids.slice(0, 3));
      // Meanwhile: the last on page 1 loses every like, and the last of all gains ten.
      for (const address of voters[2]) await unlike(ids[2], address);
      for (let n = 0; n < 10; n += 1) await like(ids[6]);
      const second = await author.thread(site, url, { sort: 'top', limit: 3, cursor: first.nextCursor! });
      const third = await author.thread(site, url, { sort: 'top', limit: 3, cursor: second.nextCursor! });
      expect(second.comments.map((c) => c.id)).toEqual(ids.slice(3, 6));
      expect(third.comments.map((c) => c.id)).toEqual(ids.slice(6));
      expect(third.nextCursor).toBeNull();
      // The counts shown are today's; only the order is the first page's.
      expect(third.comments[0].likes).toBe(10);

      // A reader starting now gets today's ranking.
      const fresh = await author.thread(site, url, { sort: 'top', limit: 3 });
      expect(fresh.comments.map((c) => c.id)).toEqual([ids[6], ids[0], ids[1]]);
    });

    it('a cursor of another sort, or a made-up one, is refused', async () => {
      const url = newArticle();
      for (let i = 0; i < 3; i += 1) await author.publish(site, { url });
      const oldest = await author.thread(site, url, { limit: 1 });
      const refused = await author.open(site, url, { sort: 'top', cursor: oldest.nextCursor! });
      expect(refused.status).toBe(400);
      const unknown = await author.open(site, url, { sort: 'top', cursor: Buffer.from('top:999999999.1').toString('base64url') });
      expect([unknown.status, unknown.body.fields]).toEqual([400, { cursor: 'This ordering of the thread has expired: load its first page again.' }]);
    });
  });

  // Two processes cannot share the embedded database: across nodes needs PostgreSQL.
  (process.env.DATABASE_URL ? describe : describe.skip)('across nodes (a second node on the same PostgreSQL, no Redis)', () => {
    let other: NestExpressApplication;
    let otherUrl: string;

    beforeAll(async () => {
      const target = kolom.app.get<DatabaseTarget>(DATABASE_TARGET);
      other = await createKolomApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', TRUST_PROXY: '1' }), target);
      await other.listen(0, '127.0.0.1');
      otherUrl = `http://127.0.0.1:${(other.getHttpServer().address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await other.close();
    });

    it("a reader on the other node gets the batch, and that node's cached page the count", async () => {
      const url = newArticle();
      const { comment } = await author.publish(site, { url });
      const otherPage = async () =>
        (await fetch(`${otherUrl}/api/v1/threads?${new URLSearchParams({ site: site.slug, url })}`).then((r) => r.json())) as ThreadPage;
      expect(likesOf(await otherPage(), comment.id)).toBe(0);
      const watcher = await connectLive(otherUrl, { origin: ORIGIN });
      clients.push(watcher);
      await watcher.join({ articleId: comment.articleId });
      // Give the other node's listening connection a moment to be up.
      await sleep(300);

      await like(comment.id);
      await like(comment.id);
      const batch = await watcher.waitFor((e) => e.name === 'comment.reactions' && e.payload.counts.some((c: { likes: number }) => c.likes === 2), 4_000);
      expect(batch.payload).toEqual({ articleId: comment.articleId, counts: [{ id: comment.id, likes: 2 }] });
      expect(likesOf(await otherPage(), comment.id)).toBe(2);
    });
  });

  it('no answer or live event says who liked', async () => {
    const reactors: Array<{ reactor: string }> = await kolom.dataSource.query('SELECT reactor FROM comment_reactions');
    expect(reactors.length).toBeGreaterThan(50);
    const seen = JSON.stringify([kolom.answers, receivedEvents]);
    for (const { reactor } of reactors) expect(seen).not.toContain(reactor);
    for (const address of addresses) expect(seen).not.toContain(address);
    expect(seen).not.toMatch(/reactor|fingerprint/i);
  });
});
