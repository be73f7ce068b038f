import { jest } from '@jest/globals';
import { connectLive, type LiveClient, type LiveEvent } from '../support/live-client.js';
import {
  assertRedisReachable,
  fromNow,
  getThread,
  loadForm,
  startArticle,
  postComment,
  redisPrefixForThisRun,
  type ServerDatabase,
  sharedDatabase,
  TEST_REDIS_URL,
  tryPostComment,
} from '../support/live-cluster.js';
import { followArticle, type LiveReader } from '../support/live-reader.js';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer.js';
import { recordFigures, strayErrors } from '../support/faults.js';
import { type ServerProcess, startServer } from '../support/server-process.js';

jest.setTimeout(120_000);

const ORIGIN = 'https://news.example';
const article = (slug: string) => `${ORIGIN}/faults/${slug}-${process.pid}`;
/** docker-compose's stop_grace_period: after it, Docker sends SIGKILL. */
const STOP_GRACE_MS = 20_000;

const stats = (articleId: number, viewers: number) => (e: LiveEvent) =>
  e.name === 'article.stats' && e.payload.articleId === articleId && e.payload.viewers === viewers;

/** Each comment once, in commit (event id) order: what a reader's page must have been sent. */
function expectExactly(reader: LiveReader, ids: number[]): void {
  const created = reader.events.filter((e) => e.name === 'comment.created');
  expect(created.map((e) => e.id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
  const eventIds = created.map((e) => e.eventId);
  expect(eventIds).toEqual([...new Set(eventIds)].sort((x, y) => x - y));
}

describe('faults: a node goes away behind a load balancer', () => {
  let database: ServerDatabase | undefined;
  let env: Record<string, string>;
  let balancer: LoadBalancer | undefined;
  const servers: ServerProcess[] = [];
  const readers: LiveReader[] = [];
  const clients: LiveClient[] = [];
  const start = async () => {
    const server = await startServer(env);
    servers.push(server);
    await server.waitHealthy();
    return server;
  };

  beforeAll(async () => {
    await assertRedisReachable();
    database = await sharedDatabase();
    env = {
      ...database.env,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefixForThisRun(),
      PUBLIC_URL: ORIGIN,
      TRUST_PROXY: '1',
      // The 1,000 simulated readers all connect from this machine.
      LIVE_CONNECTIONS_PER_ADDRESS: '0',
    };
    const [a, b] = await Promise.all([start(), start()]);
    balancer = await startLoadBalancer([a.port, b.port]);
    await Promise.all(['killed', 'sigterm'].map((slug) => loadForm(b, article(slug))));
  });
  afterEach(() => {
    for (const reader of readers.splice(0)) reader.close();
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await balancer?.close();
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await database?.drop();
  });

  it('sends the readers of a node killed with SIGKILL to the other, with exactly what they missed, and drops its viewers within 30 s', async () => {
    const [a, b] = servers;
    const url = article('killed');
    const articleId = await startArticle(b, url);
    for (let i = 0; i < 20; i++) readers.push(followArticle(balancer!.baseUrl, { origin: ORIGIN, site: 'demo', url }));
    await Promise.all(readers.map((reader) => reader.waitForJoins(1)));
    const watcher = await connectLive(b.baseUrl, { origin: ORIGIN });
    clients.push(watcher);
    await watcher.join({ site: 'demo', url });
    await watcher.waitFor(stats(articleId, 21), 10_000);

    const before = [await postComment(b, url, 'Before the crash, one.'), await postComment(b, url, 'Before the crash, two.')];
    await Promise.all(readers.map((reader) => reader.waitForComments(before.map((p) => p.comment.id))));

    const afterKill = fromNow(watcher);
    await a.stop('SIGKILL');
    const killedAt = Date.now();
    // Posted while A's readers are on their way to B.
    const during = await Promise.all([1, 2, 3].map((n) => postComment(b, url, `While node A is gone, ${n}.`)));
    const all = [...before, ...during].map((p) => p.comment.id);
    await Promise.all(readers.map((reader) => reader.waitForComments(all)));
    const caughtUpAfter = Date.now() - killedAt;
    // A replay arrives before its join's acknowledgement: wait for that too.
    await Promise.all(readers.map((reader) => reader.waitForJoins(2)));
    for (const reader of readers) {
      expect(reader.acks).toHaveLength(2);
      expect(reader.acks[1]).toMatchObject({ articleId, held: [] });
      expect(reader.disconnects).toEqual(['transport close']);
      expectExactly(reader, all);
    }
    expect(threadEventsOf(watcher).sort((x, y) => x - y)).toEqual([...all].sort((x, y) => x - y));

    // B counted A's 20 readers twice for a while (its own now, A's last report): A's report expires.
    // (Counted once every comment is in: a report with 21 viewers may come before the last posts.)
    const recounted = await watcher.waitFor((e) => afterKill(e) && stats(articleId, 21)(e) && e.payload.count === 6, 30_000);
    expect(recounted.payload).toEqual({ articleId, count: 6, viewers: 21 });
    const recountedAfter = Date.now() - killedAt;
    expect(recountedAfter).toBeLessThan(30_000);
    expect(b.child.exitCode).toBeNull();
    recordFigures('node-killed', { readers: readers.length, allCaughtUpOnOtherNodeMs: caughtUpAfter, deadNodesViewersDroppedMs: recountedAfter });
  });

  it('on SIGTERM under load finishes the posts in flight, sends 1,000 readers to the other node, and exits 0 in time', async () => {
    const b = servers[1];
    const c = await start();
    balancer!.backends.splice(0, balancer!.backends.length, c.port, b.port);
    const url = article('sigterm');
    const first = await postComment(c, url, 'The first comment, which starts the thread.');
    for (let i = 0; i < 1_000; i++) readers.push(followArticle(balancer!.baseUrl, { origin: ORIGIN, site: 'demo', url }));
    await Promise.all(readers.map((reader) => reader.waitForJoins(1, 30_000)));

    // 50 posts at once, and the signal once the node has them all, while most are still being handled.
    const posts = Array.from({ length: 50 }, (_, n) =>
      tryPostComment(c, url, `Posted as the node stops, ${n}.`).then(
        (answer) => ({ ...answer, answeredAt: Date.now() }),
        (error: Error) => ({ status: 0, body: `${error.message}: ${(error.cause as Error | undefined)?.message}`, answeredAt: Date.now() }),
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const signalledAt = Date.now();
    c.child.kill('SIGTERM');
    const answers = await Promise.all(posts);
    const code = await c.exited;
    const stoppedIn = Date.now() - signalledAt;

    expect(code).toBe(0);
    expect(stoppedIn).toBeLessThan(STOP_GRACE_MS);
    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    const inFlight = answers.filter((answer) => answer.answeredAt > signalledAt).length;
    expect(inFlight).toBeGreaterThanOrEqual(25);
    // All answered 201 (above), so each body is the posted comment.
    const accepted = answers.flatMap((answer) => (typeof answer.body === 'string' ? [] : [answer.body.comment.id]));
    // Nothing acknowledged was lost: the other node serves every one of them.
    const thread = await getThread(b, url);
    expect(thread.comments.map((comment: { id: number }) => comment.id).sort((x: number, y: number) => x - y)).toEqual(
      [first.comment.id, ...accepted].sort((x, y) => x - y),
    );

    // Every reader was told to go (a reconnectable close), came back through the balancer on B and
    // has every comment once, whether it arrived live before the close or replayed after.
    await Promise.all(readers.map((reader) => reader.waitForComments(accepted, 30_000)));
    const caughtUpAfter = Date.now() - signalledAt;
    await Promise.all(readers.map((reader) => reader.waitForJoins(2)));
    for (const reader of readers) {
      expect(reader.disconnects).toEqual(['transport close']);
      expect(reader.acks).toHaveLength(2);
      expectExactly(reader, accepted);
    }
    expect(c.output()).toContain('SIGTERM: shutting down');
    expect(c.output()).toContain('"msg":"stopped"');
    recordFigures('node-sigterm', {
      readers: readers.length,
      posts: answers.length,
      postsInFlightAtSignal: inFlight,
      exitedAfterMs: stoppedIn,
      allReadersCaughtUpOnOtherNodeMs: caughtUpAfter,
    });
  });

  it('handled every error of a dependency where it arose: nothing reached the process-level backstop', () => {
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const server of servers) expect(strayErrors(server)).toEqual([]);
  });
});

function threadEventsOf(client: LiveClient): number[] {
  return client.events.filter((e) => e.name === 'comment.created').map((e) => e.payload.id);
}
