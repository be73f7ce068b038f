import { jest } from '@jest/globals';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Manager } from 'socket.io-client';
import { connectLive, type LiveClient, type LiveEvent } from '../support/live-client.js';
import { loadForm, postComment, type ServerDatabase, sharedDatabase, startArticle } from '../support/live-cluster.js';
import { signInFirstAdmin } from '../support/moderator.js';
import { freePort, type ServerProcess, startServer, waitRefused } from '../support/server-process.js';

jest.setTimeout(60_000);

const ORIGIN = 'https://news.example';
const article = (slug: string) => `${ORIGIN}/workers/${slug}-${process.pid}`;
/**
 * Live connections one address may hold on each worker. The readers here all come from 127.0.0.1,
 * so six readers admitted means three on each of the two workers, whichever way the primary handed
 * out their connections: each test knows its readers span both processes.
 */
const PER_WORKER = 3;
/** article.stats goes out at most once a second per article; another worker's count arrives over IPC. */
const STATS_WAIT_MS = 10_000;

const created = (id: number) => (e: LiveEvent) => e.name === 'comment.created' && e.payload.id === id;
const stats = (articleId: number, viewers: number) => (e: LiveEvent) =>
  e.name === 'article.stats' && e.payload.articleId === articleId && e.payload.viewers === viewers;

interface LogLine {
  pid: number;
  worker?: number;
  context?: string;
  msg?: string;
  req?: { url: string };
}

function logLines(server: ServerProcess): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Worker number → pid, as the primary last announced them ("worker 2 (pid 123) is serving"). */
function servingWorkers(server: ServerProcess): Map<number, number> {
  const serving = new Map<number, number>();
  for (const line of logLines(server)) {
    const match = line.context === 'Workers' ? /^worker (\d+) \(pid (\d+)\) is serving$/.exec(line.msg ?? '') : null;
    if (match) serving.set(Number(match[1]), Number(match[2]));
  }
  return serving;
}

/** A GET on a connection of its own (no keep-alive), so that the primary hands each to the next worker. */
function getOnNewConnection(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).once('error', reject);
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('KOLOM_WORKERS=2: two processes serving one port', () => {
  let database: ServerDatabase | undefined;
  let server: ServerProcess | undefined;
  const managers: Manager[] = [];

  /**
   * A page's live connection: one socket.io connection (so one worker) carrying a reader joined to
   * the article and, with `token`, the desk's /moderation namespace too. Undefined when the worker
   * it reached already holds PER_WORKER readers from this address.
   */
  async function openPage(url: string, token?: string): Promise<{ reader: LiveClient; desk?: LiveClient; joined: any } | undefined> {
    const manager = new Manager(server!.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { origin: ORIGIN } });
    managers.push(manager);
    let reader: LiveClient;
    try {
      reader = await connectLive(server!.baseUrl, { manager });
    } catch (refused) {
      expect((refused as Error).message).toContain('Too many live connections from one address');
      manager.engine?.close();
      return undefined;
    }
    const joined = await reader.join({ site: 'demo', url });
    const desk = token ? await connectLive(server!.baseUrl, { manager, namespace: '/moderation', auth: { token } }) : undefined;
    return { reader, desk, joined };
  }

  /** Opens pages until `count` are admitted (refused ones landed on a worker already full). */
  async function openPages(url: string, count: number, token?: string) {
    const pages: Array<{ reader: LiveClient; desk?: LiveClient; joined: any }> = [];
    for (let tries = 0; pages.length < count; tries++) {
      if (tries > count * 4) throw new Error(`only ${pages.length} of ${count} pages admitted after ${tries} connections`);
      const page = await openPage(url, token);
      if (page) pages.push(page);
    }
    return pages;
  }

  let metricsPort = 0;
  /** The value of a series in the primary's /metrics, summed over its labels. */
  const scraped = async (name: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const lines = text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
    return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  };

  beforeAll(async () => {
    database = await sharedDatabase();
    metricsPort = await freePort();
    server = await startServer({
      ...database.env,
      METRICS_PORT: String(metricsPort),
      KOLOM_WORKERS: '2',
      PUBLIC_URL: ORIGIN,
      TRUST_PROXY: '1',
      LIVE_CONNECTIONS_PER_ADDRESS: String(PER_WORKER),
    });
    await server.waitForOutput('2 workers serving on port', 60_000);
    await loadForm(server, article('held'));
  });
  afterEach(async () => {
    // Each test starts with no reader connected, so that its own fill the workers.
    for (const manager of managers.splice(0)) manager.engine?.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  it('starts the first worker alone (it migrates), then the second; both answer, and every log line says which', async () => {
    const serving = servingWorkers(server!);
    expect([...serving.keys()].sort()).toEqual([1, 2]);
    const lines = logLines(server!);
    const index = (text: string) => lines.findIndex((l) => l.msg?.includes(text));
    expect(index('worker 1 (pid')).toBeLessThan(index('worker 2 (pid'));
    expect(lines.filter((l) => l.msg?.startsWith('applied migrations')).map((l) => l.worker)).toEqual([1]);

    for (let i = 0; i < 6; i++) expect(await getOnNewConnection(server!.port, '/health/live')).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answered = logLines(server!).filter((l) => l.req?.url === '/health/live');
    expect(new Set(answered.map((l) => l.pid))).toEqual(new Set(serving.values()));
    for (const line of answered) expect(serving.get(line.worker!)).toBe(line.pid);
    // The primary's own lines are its context's, and it never loaded the application.
    const primary = lines.filter((l) => l.context === 'Workers');
    expect(new Set(primary.map((l) => l.pid)).size).toBe(1);
    expect(lines.filter((l) => l.pid === primary[0].pid && l.context !== 'Workers')).toEqual([]);
  });

  it("delivers comments posted through either worker to readers on both, counts both workers' viewers, and tells every moderator of a held comment", async () => {
    const url = article('live');
    const articleId = await startArticle(server!, url);
    const { token } = await signInFirstAdmin(server!.baseUrl, database!.env.DATA_DIR);
    const pages = await openPages(url, 2 * PER_WORKER, token);
    for (const { joined } of pages) expect(joined).toMatchObject({ articleId });

    // Each worker holds three of the six: only the count across both says six.
    await Promise.all(pages.map(({ reader }) => reader.waitFor(stats(articleId, 6), STATS_WAIT_MS)));

    // Two posts, each through whichever worker the primary picks: every reader on both gets both.
    const posted = [await postComment(server!, url, 'Through one worker.'), await postComment(server!, url, 'Through one worker or the other.')];
    for (const { comment } of posted) {
      const arrived = await Promise.all(pages.map(({ reader }) => reader.waitFor(created(comment.id))));
      for (const event of arrived) expect(event.payload).toEqual({ ...comment, eventId: expect.any(Number) });
    }

    // Held for a moderator (two links from a reader the site does not know): every desk hears of it.
    const held = await postComment(server!, article('held'), 'Both sides: https://council.example/minutes and https://harbour.example/plan');
    expect(held.status).toBe('pending');
    await Promise.all(pages.map(({ desk }) => desk!.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === held.comment.id)));

    // One scrape of METRICS_PORT answers for both workers: more connections than either may hold, every post counted.
    expect(await scraped('kolom_live_connections')).toBeGreaterThan(PER_WORKER);
    expect(await scraped('kolom_comments_posted_total')).toBeGreaterThanOrEqual(posted.length + 1);
  });

  it('replaces a worker that was killed while the other keeps serving, and drops its readers from the count at once', async () => {
    const url = article('replaced');
    const articleId = await startArticle(server!, url);
    const pages = await openPages(url, 2 * PER_WORKER);
    await Promise.all(pages.map(({ reader }) => reader.waitFor(stats(articleId, 6), STATS_WAIT_MS)));

    const killed = servingWorkers(server!).get(2)!;
    const dropped = pages.map(({ reader }) => new Promise<boolean>((resolve) => reader.socket.once('disconnect', () => resolve(true))));
    process.kill(killed, 'SIGKILL');
    await server!.waitForOutput(`worker 2 (pid ${killed}) was killed (SIGKILL)`);
    const gone = await Promise.all(dropped.map((d) => Promise.race([d, new Promise<boolean>((r) => setTimeout(() => r(false), 1_000))])));
    const survivors = pages.filter((_, i) => !gone[i]);
    expect(survivors).toHaveLength(PER_WORKER);
    // The primary told worker 1 at once; without it the count would wait for the heartbeat's 20 s.
    await Promise.all(survivors.map(({ reader }) => reader.waitFor(stats(articleId, PER_WORKER), 5_000)));

    // Meanwhile worker 1 serves.
    const duringRestart = await postComment(server!, url, 'While worker 2 restarts.');
    await Promise.all(survivors.map(({ reader }) => reader.waitFor(created(duringRestart.comment.id))));

    expect(server!.output()).toContain('the others keep serving; starting a new one in 1 s');
    let replacement = servingWorkers(server!).get(2)!;
    for (let i = 0; replacement === killed && i < 150; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      replacement = servingWorkers(server!).get(2)!;
    }
    expect(replacement).not.toBe(killed);
    expect(isRunning(killed)).toBe(false);

    // Worker 1 is full: a reader admitted now is on the new worker 2, and sees everything.
    const [newcomer] = await openPages(url, 1);
    await newcomer.reader.waitFor(stats(articleId, PER_WORKER + 1), STATS_WAIT_MS);
    const afterRestart = await postComment(server!, url, 'After worker 2 came back.');
    await Promise.all([...survivors, newcomer].map(({ reader }) => reader.waitFor(created(afterRestart.comment.id))));
  });

  it('on SIGTERM drains both workers and exits 0, leaving no process behind', async () => {
    const pids = [...servingWorkers(server!).values(), server!.child.pid!];
    expect(await server!.stop('SIGTERM')).toBe(0);
    expect(pids.filter(isRunning)).toEqual([]);
    await waitRefused(server!.port, 'the primary', 1_000);
    const lines = logLines(server!);
    for (const worker of [1, 2]) expect(lines.some((l) => l.worker === worker && l.msg === 'stopped')).toBe(true);
    expect(lines.filter((l) => l.context === 'Workers').at(-1)).toMatchObject({ msg: 'every worker has stopped' });
  });

  it('exits 1 when the first worker cannot start, saying why, and forks no other', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const failing = await startServer({ ...database!.env, KOLOM_WORKERS: '2', PUBLIC_URL: ORIGIN, PORT: String(port) });
      expect(await failing.exited).toBe(1);
      expect(failing.output()).toContain('Kolom could not start (worker 1):');
      expect(failing.output()).toContain('EADDRINUSE');
      expect(failing.output()).toContain('Kolom could not start: the first worker stopped before it listened');
      expect(failing.output()).not.toMatch(/"worker":2/);
    } finally {
      taken.close();
    }
  });
});
