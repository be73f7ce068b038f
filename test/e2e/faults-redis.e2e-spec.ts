import { jest } from '@jest/globals';
import { httpTo } from '../support/http.js';
import { connectLive, type LiveClient, type LiveEvent } from '../support/live-client.js';
import { redisPrefixForThisRun, startArticle, type ServerDatabase, sharedDatabase, threadEvents, tryPostComment } from '../support/live-cluster.js';
import { health, postSteadily, recordFigures, spread, until, strayErrors } from '../support/faults.js';
import { bearer, moderatorOf, signInFirstAdmin } from '../support/moderator.js';
import { startOwnedRedis, type OwnedRedis } from '../support/owned-redis.js';
import { runNode, SERVER_ENTRY, type ServerProcess, startServer } from '../support/server-process.js';

jest.setTimeout(90_000);

const ORIGIN = 'https://news.example';
const article = (slug: string) => `${ORIGIN}/faults/${slug}-${process.pid}`;
const OUTAGE_MS = 10_000;

const stats = (articleId: number, viewers: number) => (e: LiveEvent) =>
  e.name === 'article.stats' && e.payload.articleId === articleId && e.payload.viewers === viewers;

describe('faults: Redis goes away under two nodes', () => {
  let redis: OwnedRedis | undefined;
  let database: ServerDatabase | undefined;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];
  const clients: LiveClient[] = [];
  const live = async (server: ServerProcess) => {
    const client = await connectLive(server.baseUrl, { origin: ORIGIN });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await startOwnedRedis();
    database = await sharedDatabase();
    env = { ...database.env, REDIS_URL: redis.url, REDIS_PREFIX: redisPrefixForThisRun(), PUBLIC_URL: ORIGIN, TRUST_PROXY: '1' };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    servers.push(a, b);
    await Promise.all(servers.map((server) => server.waitHealthy()));
    await Promise.all(['outage', 'late-node'].map((slug) => startArticle(a, article(slug))));
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await database?.drop();
    await redis?.dispose();
  });

  it('keeps every node serving for a 10 s outage, with every comment reaching a reader on the other node, in order, once', async () => {
    const [a, b] = servers;
    const url = article('outage');
    const reader = await live(b);
    const arrivals = new Map<number, number>();
    reader.socket.on('comment.created', (comment: { id: number }) => arrivals.set(comment.id, Date.now()));
    const { articleId } = await reader.join({ site: 'demo', url });
    const neighbour = await live(a);
    await neighbour.join({ site: 'demo', url });
    await reader.waitFor(stats(articleId, 2), 10_000);
    // A moderator's desk on B, signed in with a token that will be signed out on A during the outage.
    const { token } = await signInFirstAdmin(b.baseUrl, database!.env.DATA_DIR);
    const desk = await connectLive(b.baseUrl, { namespace: '/moderation', auth: { token } });
    clients.push(desk);
    const deskClosed = new Promise<number>((resolve) => desk.socket.once('disconnect', () => resolve(Date.now())));

    const posting = postSteadily(a, url, 'During a Redis outage');
    await new Promise((r) => setTimeout(r, 1_000));
    await redis!.stop();
    const stoppedAt = Date.now();

    // While Redis is away: both nodes say they are degraded, and keep answering 200.
    const degraded = await until('both nodes report Redis degraded', async () => {
      const answers = await Promise.all(servers.map(health));
      return answers.every((h) => h.body.checks.redis.status === 'degraded') ? answers : undefined;
    });
    for (const answer of degraded)
      expect(answer).toMatchObject({ status: 200, body: { status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'degraded' } } } });
    // Viewers change on A while Redis cannot tell B.
    const late = [await live(a), await live(a)];
    for (const client of late) await client.join({ site: 'demo', url });
    // Signed out on A: the word cannot reach B through Redis now.
    const signedOut = await moderatorOf(httpTo(a.baseUrl), bearer(token)).logout();
    expect(signedOut.status).toBeLessThan(300);

    await new Promise((r) => setTimeout(r, stoppedAt + OUTAGE_MS - Date.now()));
    await redis!.start();
    const restartedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2_000));
    const sent = await posting.stop();

    expect(posting.failures).toEqual([]);
    expect(sent.filter((p) => p.status >= 500)).toEqual([]);
    expect(sent.map((p) => p.status)).toEqual(sent.map(() => 201));
    const duringOutage = sent.filter((p) => p.sentAt >= stoppedAt && p.sentAt < restartedAt);
    expect(duringOutage.length).toBeGreaterThanOrEqual(25);

    // Every comment reached the reader on B, in the order posted, none twice, while Redis was away.
    const ids = sent.map((p) => p.body.comment.id);
    const last = ids[ids.length - 1];
    await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === last, 5_000);
    const received = threadEvents(reader.events);
    expect(received.map((e) => e.payload.id as number).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    // In commit order, which is the order of event ids (posts a few ms apart may commit either way round).
    const eventIds = received.map((e) => e.payload.eventId as number);
    expect(eventIds).toEqual([...eventIds].sort((x, y) => x - y));
    expect(new Set(eventIds).size).toBe(eventIds.length);
    // …and during the outage, not after it: PostgreSQL woke node B, not Redis. (Usually within tens
    // of milliseconds of the answer; the bound leaves room for a machine busy with other tests.)
    const lateness = duringOutage.map((post) => arrivals.get(post.body.comment.id)! - (post.sentAt + post.ms));
    expect(Math.max(...lateness)).toBeLessThan(3_000);
    for (const post of duringOutage.filter((p) => p.sentAt + p.ms < restartedAt - 3_000)) {
      expect(arrivals.get(post.body.comment.id)).toBeLessThan(restartedAt);
    }

    // Viewers are right again within a few seconds of Redis returning: 1 on B + 3 on A.
    const recounted = await reader.waitFor(stats(articleId, 4), 5_000, reader.events.length - 50);
    const recountedAfter = Date.now() - restartedAt;
    expect(recountedAfter).toBeLessThan(8_000);
    expect(recounted.payload.articleId).toBe(articleId);

    // B closes the signed-out desk during the outage (the sign-out is announced through PostgreSQL),
    // and at the latest when Redis is back (it rechecks its moderators' sessions then).
    const deskClosedAfter = (await deskClosed) - restartedAt;
    expect(deskClosedAfter).toBeLessThan(5_000);

    for (const server of servers) expect(server.child.exitCode).toBeNull();
    await until('both nodes report Redis up again', async () => {
      const answers = await Promise.all(servers.map(health));
      return answers.every((h) => h.status === 200 && h.body.status === 'ok' && h.body.checks.redis.status === 'up') ? true : undefined;
    });
    expect(a.output() + b.output()).toContain('Redis is unreachable');
    expect(a.output() + b.output()).toMatch(/Redis is back after \d+\.\d s/);
    const answers = spread(sent.map((p) => p.ms));
    const delivered = spread(lateness);
    recordFigures('redis-outage', {
      outageMs: restartedAt - stoppedAt,
      postsDuringOutage: duringOutage.length,
      postAnswerP50Ms: answers.p50,
      postAnswerMaxMs: answers.max,
      deliveryAfterAnswerP50Ms: delivered.p50,
      deliveryAfterAnswerMaxMs: delivered.max,
      viewersRightAfterRedisReturnedMs: recountedAfter,
      signedOutDeskClosedAfterRedisReturnedMs: deskClosedAfter,
    });
  });

  it('starts a node while Redis is down: degraded but serving, retrying until Redis is back', async () => {
    const [a, b] = servers;
    const url = article('late-node');
    await redis!.stop();
    const late = await startServer(env);
    servers.push(late);
    const startedAt = Date.now();
    await late.waitHealthy();
    const healthyAfter = Date.now() - startedAt;
    const started = await health(late);
    expect(started).toMatchObject({
      status: 200,
      body: { status: 'degraded', checks: { redis: { status: 'degraded' }, commitListener: { status: 'listening' } } },
    });
    await late.waitForOutput('Redis is unreachable');

    // Readers on the new node get comments posted on the others, and the other way round.
    const onLate = await live(late);
    const { articleId } = await onLate.join({ site: 'demo', url });
    const onB = await live(b);
    await onB.join({ site: 'demo', url });
    const fromA = await tryPostComment(a, url, 'Posted on A while the new node has never seen Redis.');
    const fromLate = await tryPostComment(late, url, 'Posted on the new node.');
    expect([fromA.status, fromLate.status]).toEqual([201, 201]);
    for (const client of [onLate, onB]) {
      await client.waitFor((e) => e.name === 'comment.created' && e.payload.id === fromLate.body.comment.id);
      expect(threadEvents(client.events).map((e) => e.payload.id)).toEqual([fromA.body.comment.id, fromLate.body.comment.id]);
    }

    await redis!.start();
    const returnedAt = Date.now();
    await until('the new node reports Redis up', async () => ((await health(late)).body.checks.redis.status === 'up' ? true : undefined));
    const upAfter = Date.now() - returnedAt;
    // Once Redis is there the nodes count each other's viewers.
    await onB.waitFor(stats(articleId, 2), 8_000);
    const countedAfter = Date.now() - returnedAt;
    expect(late.child.exitCode).toBeNull();
    recordFigures('redis-down-at-start', { startToHealthyMs: healthyAfter, redisUpInHealthAfterReturnMs: upAfter, viewersCountedAfterReturnMs: countedAfter });
  });

  it('still refuses to start on a malformed REDIS_URL, naming the variable', async () => {
    const result = await runNode([SERVER_ENTRY], { ...env, REDIS_URL: 'redis://cache:port', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    expect(result.stderr).not.toContain('cache:port');
  });

  it('handled every error of a dependency where it arose: nothing reached the process-level backstop', () => {
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const server of servers) expect(strayErrors(server)).toEqual([]);
  });
});
