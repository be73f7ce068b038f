import { jest } from '@jest/globals';
import { httpTo } from '../support/http.js';
import { connectLive, type LiveClient, type LiveEvent } from '../support/live-client.js';
import {
  applyLiveEvents,
  assertRedisReachable,
  commentsOfThread,
  deleteComment,
  fromNow,
  getThread,
  loadForm,
  postComment,
  startArticle,
  type ServerDatabase,
  sharedDatabase,
  singleNodeDatabase,
  redisPrefixForThisRun,
  TEST_REDIS_URL,
  threadEvents,
} from '../support/live-cluster.js';
import { bearer, moderatorOf, signInFirstAdmin } from '../support/moderator.js';
import { type ServerProcess, startServer } from '../support/server-process.js';

// Server processes boot in 2–4 s each; waits on article.stats can take a few seconds.
jest.setTimeout(60_000);

/**
 * Every node gets the same PUBLIC_URL, so the demo site allows this origin whichever node created it,
 * and articles on it belong to the demo site on both.
 */
const ORIGIN = 'https://news.example';
const article = (slug: string) => `${ORIGIN}/live/${slug}-${process.pid}`;

/** article.stats goes out at most once a second per article, and a node hears the other's viewers over Redis. */
const STATS_WAIT_MS = 10_000;

const created = (id: number) => (e: LiveEvent) => e.name === 'comment.created' && e.payload.id === id;
const stats = (articleId: number, viewers: number) => (e: LiveEvent) =>
  e.name === 'article.stats' && e.payload.articleId === articleId && e.payload.viewers === viewers;
const both = (a: (e: LiveEvent) => boolean, b: (e: LiveEvent) => boolean) => (e: LiveEvent) => a(e) && b(e);

describe('live comments across server processes', () => {
  const clients: LiveClient[] = [];
  const live = async (server: ServerProcess) => {
    const client = await connectLive(server.baseUrl, { origin: ORIGIN });
    clients.push(client);
    return client;
  };

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  describe('two nodes on one PostgreSQL, sharing rooms through Redis', () => {
    let database: ServerDatabase | undefined;
    let nodeA: ServerProcess | undefined;
    let nodeB: ServerProcess | undefined;
    const nodes = () => [nodeA!, nodeB!] as const;

    beforeAll(async () => {
      await assertRedisReachable();
      database = await sharedDatabase();
      const env = { ...database.env, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefixForThisRun(), PUBLIC_URL: ORIGIN, TRUST_PROXY: '1' };
      // Together, as a deployment starts them: both migrate and set up the demo site at once.
      [nodeA, nodeB] = await Promise.all([startServer(env), startServer(env)]);
      await Promise.all([nodeA.waitHealthy(), nodeB.waitHealthy()]);
      // Readers load the page before they write: the forms' time starts now, for every test at once.
      // Three articles nobody has commented on yet (readers await them by URL), one with a first comment.
      await Promise.all(['crossing', 'moderated', 'switching-nodes'].map((slug) => loadForm(nodeA!, article(slug))));
      await startArticle(nodeA!, article('presence'));
    });
    afterAll(async () => {
      await Promise.all([nodeA?.stop('SIGKILL'), nodeB?.stop('SIGKILL')]);
      await database?.drop();
    });

    it('delivers a comment posted on one node to a reader on the other, both ways, once each', async () => {
      const [a, b] = nodes();
      const url = article('crossing');
      const onA = await live(a);
      const onB = await live(b);
      // Nobody has commented yet: both await the article by its URL, each on its own node.
      const awaiting = { articleId: null, url, viewers: 0, lastEventId: 0, replayed: 0, held: [] };
      expect(await onA.join({ site: 'demo', url })).toEqual(awaiting);
      expect(await onB.join({ site: 'demo', url })).toEqual(awaiting);

      // The first comment, on B, creates the article: A hears of it through PostgreSQL and moves its reader in.
      const postedOnB = await postComment(b, url, 'Posted through node B.');
      const reachedA = await onA.waitFor(created(postedOnB.comment.id));
      expect(reachedA.payload).toEqual({ ...postedOnB.comment, eventId: expect.any(Number) });
      for (const reader of [onA, onB]) expect(reader.named('article.started')).toEqual([{ articleId: postedOnB.comment.articleId, url }]);
      expect((await onB.waitFor(created(postedOnB.comment.id))).payload).toEqual(reachedA.payload);

      const postedOnA = await postComment(a, url, 'Posted through node A.');
      const reachedB = await onB.waitFor(created(postedOnA.comment.id));
      expect(reachedB.payload).toEqual({ ...postedOnA.comment, eventId: expect.any(Number) });
      expect(reachedB.payload.eventId).toBeGreaterThan(reachedA.payload.eventId);
      expect((await onA.waitFor(created(postedOnA.comment.id))).payload).toEqual(reachedB.payload);

      const order = [postedOnB.comment.id, postedOnA.comment.id];
      expect(threadEvents(onA.events).map((e) => e.payload.id)).toEqual(order);
      expect(threadEvents(onB.events).map((e) => e.payload.id)).toEqual(order);
    });

    it('sums viewers across the nodes in article.stats, and takes a leaving reader off on the other node', async () => {
      const [a, b] = nodes();
      const url = article('presence');
      const onA = await live(a);
      const { articleId } = await onA.join({ site: 'demo', url });
      const onB = await live(b);
      expect(await onB.join({ site: 'demo', url })).toMatchObject({ articleId });

      const seenOnA = await onA.waitFor(stats(articleId, 2), STATS_WAIT_MS);
      const seenOnB = await onB.waitFor(stats(articleId, 2), STATS_WAIT_MS);
      expect(seenOnA.payload).toEqual({ articleId, count: 1, viewers: 2 });
      expect(seenOnB.payload).toEqual({ articleId, count: 1, viewers: 2 });

      const afterLeaving = fromNow(onA);
      onB.close();
      const left = await onA.waitFor(both(afterLeaving, stats(articleId, 1)), STATS_WAIT_MS);
      expect(left.payload).toEqual({ articleId, count: 1, viewers: 1 });
    });

    it('replays what a reader missed when it comes back on the other node with lastSeenId', async () => {
      const [a, b] = nodes();
      const url = article('switching-nodes');
      const reader = await live(a);
      await reader.join({ site: 'demo', url });
      const first = await postComment(a, url, 'Seen live on node A.');
      const { articleId } = first.comment;
      const lastSeen = await reader.waitFor(created(first.comment.id));
      reader.close();

      // Missed while away: a comment through the other node, and the first one deleted by its author.
      const second = await postComment(b, url, 'Posted while the reader was away.');
      await deleteComment(a, first);

      const back = await live(b);
      const rejoined = await back.join({ site: 'demo', url, lastSeenId: lastSeen.payload.eventId });
      const beforeAck = threadEvents(back.events);
      expect(rejoined).toMatchObject({ articleId, replayed: 2, held: [] });
      expect(rejoined.resync).toBeUndefined();
      await back.waitFor((e) => e.name === 'comment.removed' && e.payload.id === first.comment.id);
      const replayed = threadEvents(back.events);
      expect(replayed).toEqual([
        { name: 'comment.created', payload: { ...second.comment, eventId: expect.any(Number) } },
        { name: 'comment.removed', payload: { id: first.comment.id, articleId, eventId: rejoined.lastEventId } },
      ]);
      expect(replayed[0].payload.eventId).toBeGreaterThan(lastSeen.payload.eventId);
      expect(replayed[0].payload.eventId).toBeLessThan(rejoined.lastEventId);

      const thread = await getThread(b, url);
      const page = applyLiveEvents(applyLiveEvents(new Map(), threadEvents(reader.events)), replayed);
      expect(page).toEqual(commentsOfThread(thread));
      expect([...page.keys()]).toEqual([second.comment.id]);
      expect(thread.lastEventId).toBe(rejoined.lastEventId);

      // And it is in the room again: what comes next arrives live.
      const third = await postComment(a, url, 'After the reader came back.');
      expect((await back.waitFor(created(third.comment.id))).payload.eventId).toBeGreaterThan(rejoined.lastEventId);

      // The ack promises the replay came before it (JoinAck.replayed): a client may treat the ack as
      // "caught up", and a live event must not overtake the replay.
      expect(beforeAck).toEqual(replayed);
    });

    it("tells a moderator on one node of a comment held on the other, and publishes the other node's approval to its readers", async () => {
      const [a, b] = nodes();
      const url = article('moderated');
      // One of the two nodes created the first admin as they started together, and wrote its password in the shared data folder.
      const { token } = await signInFirstAdmin(b.baseUrl, database!.env.DATA_DIR);
      const desk = await connectLive(b.baseUrl, { namespace: '/moderation', auth: { token } });
      clients.push(desk);
      const reader = await live(b);
      await reader.join({ site: 'demo', url });

      // Two links from a reader the site does not know yet: held for a moderator (the links check).
      const held = await postComment(a, url, 'Both sides: https://council.example/minutes and https://harbour.example/plan');
      expect(held.status).toBe('pending');
      const added = await desk.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === held.comment.id);
      expect(added.payload.item).toMatchObject({ queue: 'pending', site: { slug: 'demo' }, verdict: { reasons: ['links: 2 links (limit 2)'] } });

      const approved = await moderatorOf(httpTo(a.baseUrl), bearer(token)).act(held.comment.id, 'approve');
      expect(approved.status).toBe(200);
      const updated = await desk.waitFor((e) => e.name === 'queue.updated');
      expect(updated.payload.changes).toEqual([{ id: held.comment.id, from: 'pending', to: 'approved' }]);
      expect((await reader.waitFor(created(held.comment.id))).payload.body).toBe(held.comment.body);
    });
  });

  describe('one server killed between two posts', () => {
    let database: ServerDatabase | undefined;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      // PostgreSQL with DATABASE_URL; otherwise a PGlite data folder the restarted server reopens.
      database = await singleNodeDatabase();
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await database?.drop();
    });

    it('gives a reader who rejoins after the restart with lastSeenId exactly the thread the database holds', async () => {
      const env = { ...database!.env, PUBLIC_URL: ORIGIN, TRUST_PROXY: '1' };
      server = await startServer(env);
      await server.waitHealthy();
      const url = article('restart');

      const reader = await live(server);
      expect(await reader.join({ site: 'demo', url })).toEqual({ articleId: null, url, viewers: 0, lastEventId: 0, replayed: 0, held: [] });
      const first = await postComment(server, url, 'Posted before the crash.');
      const lastSeen = await reader.waitFor(created(first.comment.id));
      expect(lastSeen.payload).toEqual({ ...first.comment, eventId: expect.any(Number) });

      const dropped = new Promise((resolve) => reader.socket.once('disconnect', resolve));
      await server.stop('SIGKILL');
      await dropped;

      server = await startServer(env);
      await server.waitHealthy();
      const second = await postComment(server, url, 'Posted after the restart.');
      await deleteComment(server, first);

      const back = await live(server);
      const rejoined = await back.join({ site: 'demo', url, lastSeenId: lastSeen.payload.eventId });
      expect(rejoined).toMatchObject({ articleId: first.comment.articleId, replayed: 2, held: [] });
      expect(rejoined.resync).toBeUndefined();
      // Taken at the ack: the replay must have come before it (JoinAck.replayed).
      const replayed = threadEvents(back.events);
      expect(replayed).toEqual([
        { name: 'comment.created', payload: { ...second.comment, eventId: expect.any(Number) } },
        { name: 'comment.removed', payload: { id: first.comment.id, articleId: first.comment.articleId, eventId: rejoined.lastEventId } },
      ]);
      expect(replayed[0].payload.eventId).toBeGreaterThan(lastSeen.payload.eventId);

      const thread = await getThread(server, url);
      const page = applyLiveEvents(applyLiveEvents(new Map(), threadEvents(reader.events)), replayed);
      expect(page).toEqual(commentsOfThread(thread));
      expect([...page.keys()]).toEqual([second.comment.id]);
      expect(thread).toMatchObject({ total: 1, lastEventId: rejoined.lastEventId });

      const third = await postComment(server, url, 'Live again after the restart.');
      expect((await back.waitFor(created(third.comment.id))).payload.eventId).toBeGreaterThan(rejoined.lastEventId);
    });
  });
});
