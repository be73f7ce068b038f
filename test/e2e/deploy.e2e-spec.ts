import { jest } from '@jest/globals';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type ServerDatabase, sharedDatabase, TEST_REDIS_URL } from '../support/live-cluster.js';
import { readerOf } from '../support/reader.js';
import { httpTo } from '../support/http.js';
import { freePort, runCli, type ServerProcess, startServer } from '../support/server-process.js';

jest.setTimeout(120_000);

const ORIGIN = 'https://news.example';
/** The newsroom's site, made with the CLI as the README says: the deployment has no demo site. */
const SITE = { slug: 'courier' };

/**
 * The deployment a newsroom runs (docker-compose.yml and deploy/nginx.conf): there is no Docker
 * engine here, so the compose file is checked by Debian's docker-compose, and the nginx config runs
 * for real, with its own binary, in front of two Kolom processes on one PostgreSQL and Redis.
 */
describe('the two-node deployment behind nginx', () => {
  let database: ServerDatabase;
  const servers: ServerProcess[] = [];
  let nginx: ChildProcess | undefined;
  let prefix: string;
  let proxyUrl: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    database = await sharedDatabase();
    const env = {
      ...database.env,
      REDIS_URL: TEST_REDIS_URL,
      PUBLIC_URL: ORIGIN,
      TRUST_PROXY: '1',
      KOLOM_SECRET: 'a-shared-secret-for-both-nodes-of-the-test',
      // As docker-compose.yml runs them: production (the Dockerfile's NODE_ENV), no KOLOM_DEMO.
      KOLOM_DEMO: undefined,
    };
    const created = await runCli(['site:create', '--slug', SITE.slug, '--origin', ORIGIN, '--name', 'The Courier'], env);
    expect(created.code).toBe(0);
    servers.push(await startServer(env));
    await servers[0].waitHealthy();
    servers.push(await startServer(env));
    await servers[1].waitHealthy();
    // The shipped config, pointed at this test's nodes and port instead of compose's names.
    const port = await freePort();
    prefix = mkdtempSync(join(tmpdir(), 'kolom-nginx-'));
    const config = readFileSync('deploy/nginx.conf', 'utf8')
      .replace('kolom-a:3000', `127.0.0.1:${servers[0].port}`)
      .replace('kolom-b:3000', `127.0.0.1:${servers[1].port}`)
      .replace('listen 80;', `listen 127.0.0.1:${port};`);
    writeFileSync(join(prefix, 'nginx.conf'), config);
    const global = `daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;`;
    execFileSync('nginx', ['-t', '-q', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', global]);
    nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', global], { stdio: 'ignore' });
    proxyUrl = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries += 1) {
      const healthy = await fetch(`${proxyUrl}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) break;
      if (tries > 100) throw new Error('nginx did not come up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    nginx?.kill('SIGQUIT');
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await database?.drop();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  it('docker-compose.yml parses: PostgreSQL, Redis, two Kolom nodes sharing one secret behind the proxy, each with a health check', () => {
    const config = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { encoding: 'utf8' });
    for (const service of ['postgres:', 'redis:', 'kolom-a:', 'kolom-b:', 'proxy:']) expect(config).toContain(`  ${service}`);
    expect(config.match(/TRUST_PROXY: '1'/g)).toHaveLength(2);
    expect(config.match(/KOLOM_SECRET: change-me/g)).toHaveLength(2);
    expect(config).toContain('nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(config).toContain('stop_grace_period: 20s');
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/^HEALTHCHECK /m);
    expect(config).not.toContain('KOLOM_DEMO');
  });

  it('has no demo: / is a plain page without a comment form, and there is no demo site to post to', async () => {
    const home = await fetch(`${proxyUrl}/`);
    expect(home.status).toBe(200);
    const page = await home.text();
    expect(page).toContain('Kolom comments server');
    expect(page).toContain('href="/moderate"');
    expect(page).toContain('href="/docs"');
    expect(page).not.toMatch(/<form|<script|data-site="demo"/);
    expect((await fetch(`${proxyUrl}/news/harbour-town-keeps-night-ferry`)).status).toBe(404);
    expect((await readerOf(httpTo(proxyUrl)).open({ slug: 'demo' }, `${ORIGIN}/deploy/no-demo`)).status).toBe(404);
    for (const server of servers) expect(server.output()).not.toContain('demo site');
  });

  it('carries posts and live readers through nginx, and sends everyone to the other node when theirs dies', async () => {
    const url = `${ORIGIN}/deploy/behind-nginx-${process.pid}`;
    const reader = await connectLive(proxyUrl, { origin: ORIGIN });
    clients.push(reader);
    await reader.join({ site: SITE.slug, url });
    // A site asks for a form token a few seconds old by default, as a reader's page would have.
    const formToken = await readerOf(httpTo(proxyUrl)).formToken(SITE, url);
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const first = await readerOf(httpTo(proxyUrl)).tryPost(SITE, { url, body: 'Posted through the proxy.', formToken });
    expect(first.status).toBe(201);
    await reader.waitFor((e) => e.name === 'article.started' || (e.name === 'comment.created' && e.payload.id === first.body.comment.id), 15_000);

    // Which node this client's address is pinned to (ip_hash): the one whose log has the probe.
    const probe = `probe-${process.pid}-${Date.now()}`;
    expect((await fetch(`${proxyUrl}/health?${probe}=1`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pinned = servers.find((server) => server.output().includes(probe));
    expect(pinned).toBeDefined();
    await pinned!.stop('SIGKILL');

    // nginx takes the next upstream: the same address keeps being served, by the node left.
    const thread = await readerOf(httpTo(proxyUrl)).thread(SITE, url);
    expect(thread.comments.map((c) => c.id)).toContain(first.body.comment.id);
    const again = await connectLive(proxyUrl, { origin: ORIGIN });
    clients.push(again);
    const ack = await again.join({ site: SITE.slug, url, lastSeenId: 0 });
    expect(ack.articleId).toBe(first.body.comment.articleId);
    expect(again.named('comment.created').map((c: { id: number }) => c.id)).toContain(first.body.comment.id);
  });
});
