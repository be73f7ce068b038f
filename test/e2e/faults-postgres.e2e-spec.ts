import { jest } from '@jest/globals';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { startArticle, threadEvents, tryPostComment } from '../support/live-cluster.js';
import { type OwnedPostgres, startOwnedPostgres } from '../support/owned-postgres.js';
import { type ServerProcess, startServer } from '../support/server-process.js';
import { health, postSteadily, recordFigures, spread, until, strayErrors } from '../support/faults.js';

jest.setTimeout(90_000);

const ORIGIN = 'https://news.example';
const url = `${ORIGIN}/faults/postgres-restart-${process.pid}`;
const DOWN_MS = 5_000;
const UNAVAILABLE = 'Comments are unavailable for a moment. Please try again shortly.';

/**
 * Two nodes and no Redis at all: PostgreSQL is the only thing they share, so it carries the live
 * events between them too (the outbox and its notifications).
 */
describe('faults: PostgreSQL restarts under two nodes', () => {
  let postgres: OwnedPostgres | undefined;
  const servers: ServerProcess[] = [];
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    postgres = await startOwnedPostgres();
    const env = { DATABASE_URL: postgres.url, PUBLIC_URL: ORIGIN, TRUST_PROXY: '1' };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    await Promise.all(servers.map((server) => server.waitHealthy()));
    await startArticle(servers[0], url);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await postgres?.dispose();
  });

  it('answers 503 quickly while it is down, recovers by itself, and readers get every comment that committed', async () => {
    const [a, b] = servers;
    const reader = await connectLive(b.baseUrl, { origin: ORIGIN });
    clients.push(reader);
    const { articleId } = await reader.join({ site: 'demo', url });

    const posting = postSteadily(a, url, 'Through a database restart');
    await new Promise((r) => setTimeout(r, 1_000));
    await postgres!.stop('fast');
    const stoppedAt = Date.now();

    // While it is down: the load balancer is told (503), a reader joining is told, nobody waits long.
    const down = await until('both nodes answer /health 503', async () => {
      const answers = await Promise.all(servers.map(health));
      return answers.every((h) => h.status === 503) ? answers : undefined;
    });
    for (const answer of down) expect(answer.body).toMatchObject({ status: 'error', checks: { database: { status: 'down' } } });
    // Not ready, but alive: an orchestrator must not restart every node for a database outage.
    for (const server of servers) {
      expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(503);
      expect(await (await fetch(`${server.baseUrl}/health/live`)).json()).toEqual({ status: 'alive' });
    }
    // A page opened now connects (B knows the allowed origins from before) and is told to try its
    // join again, as is a reader already connected who opens another article. (A join to an article
    // the node follows already may well succeed: everything it needs is in memory.)
    const elsewhere = `${url}-elsewhere`;
    const newcomer = await connectLive(b.baseUrl, { origin: ORIGIN });
    clients.push(newcomer);
    expect(await newcomer.join({ site: 'demo', url: elsewhere })).toEqual({ error: { status: 503, message: UNAVAILABLE } });
    expect(await reader.join({ site: 'demo', url: elsewhere })).toEqual({ error: { status: 503, message: UNAVAILABLE } });

    await new Promise((r) => setTimeout(r, stoppedAt + DOWN_MS - Date.now()));
    await postgres!.start();
    const restartedAt = Date.now();
    // Posting goes on until the pool has been back a while.
    await until('a post succeeds again', async () => (posting.sent.some((p) => p.sentAt > restartedAt && p.status === 201) ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const sent = await posting.stop();

    expect(posting.failures).toEqual([]);
    expect(new Set(sent.map((p) => p.status))).toEqual(new Set([201, 503]));
    const refused = sent.filter((p) => p.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const answer of refused) {
      expect(answer.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: UNAVAILABLE });
      expect(answer.retryAfter).toBe('5');
    }
    // Fail fast: no request waited on the dead database for more than a few seconds.
    expect(Math.max(...sent.map((p) => p.ms))).toBeLessThan(3_500);
    // The pool came back by itself: everything after the first success succeeded.
    const firstBack = sent.findIndex((p) => p.sentAt > restartedAt && p.status === 201);
    expect(sent.slice(firstBack).map((p) => p.status)).toEqual(sent.slice(firstBack).map(() => 201));

    // The reader on B (never disconnected) got every comment that was accepted, once each, in commit order.
    const accepted = sent.filter((p) => p.status === 201).map((p) => p.body.comment.id);
    await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === accepted[accepted.length - 1], 5_000);
    const received = threadEvents(reader.events);
    expect(received.map((e) => e.payload.id).sort((x, y) => x - y)).toEqual([...accepted].sort((x, y) => x - y));
    const eventIds = received.map((e) => e.payload.eventId as number);
    expect(eventIds).toEqual([...new Set(eventIds)].sort((x, y) => x - y));
    expect(received.every((e) => e.payload.articleId === articleId)).toBe(true);
    expect(reader.socket.connected).toBe(true);
    // The newcomer's connection, refused a join during the outage, joins now and is live.
    // Nobody has commented there: the newcomer awaits that article by its URL.
    expect(await newcomer.join({ site: 'demo', url: elsewhere })).toMatchObject({ articleId: null, lastEventId: 0 });
    expect(await newcomer.join({ site: 'demo', url })).toMatchObject({ articleId, lastEventId: eventIds[eventIds.length - 1] });
    const next = await tryPostComment(a, url, 'After the newcomer joined.');
    expect((await newcomer.waitFor((e) => e.name === 'comment.created' && e.payload.id === next.body.comment.id)).payload.articleId).toBe(articleId);

    for (const server of servers) expect(server.child.exitCode).toBeNull();
    const firstAccepted = sent[firstBack];
    const refusedIn = spread(refused.map((p) => p.ms));
    recordFigures('postgres-restart', {
      downMs: restartedAt - stoppedAt,
      refused503: refused.length,
      answer503P50Ms: refusedIn.p50,
      answer503MaxMs: refusedIn.max,
      firstCommentAcceptedAfterRestartMs: firstAccepted.sentAt + firstAccepted.ms - restartedAt,
    });
    await until('both nodes healthy and listening again', async () => {
      const answers = await Promise.all(servers.map(health));
      return answers.every((h) => h.status === 200 && h.body.checks.commitListener.status === 'listening') ? true : undefined;
    });
    // Said once in a while, not once per refused request; and never a driver's message to a reader.
    expect((a.output().match(/the database is unavailable: answering 503/g) ?? []).length).toBeLessThan(refused.length);
    expect(b.output()).toContain('not listening for commits');
    expect(b.output()).toMatch(/listening for commits again after \d+\.\d s/);
  });

  it('handled every error of a dependency where it arose: nothing reached the process-level backstop', () => {
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const server of servers) expect(strayErrors(server)).toEqual([]);
  });
});
