import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runNode, SERVER_ENTRY, ServerProcess, startServer } from '../support/server-process.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';

jest.setTimeout(120_000);

const READER_EMAIL = 'quiet.reader@example.org';

let reader = 0;
/** The demo article, on the first server's origin (the demo site keeps allowing it after a restart). */
let articleUrl = '';
const article = (server: ServerProcess) => (articleUrl ||= `http://localhost:${server.port}/news/harbour-town-keeps-night-ferry`);

/**
 * The form as a reader's page sends it: with the thread's form token, loaded at least the demo
 * site's minSubmitSeconds (3 s) before; the margin covers the server counting whole seconds.
 */
let form: { token: string; loadedAt: number } | null = null;
async function loadForm(server: ServerProcess): Promise<void> {
  form = { token: (await thread(server)).formToken, loadedAt: Date.now() };
}
async function formReady(): Promise<void> {
  const wait = form!.loadedAt + 3_300 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** Each post as another reader (own address via X-Forwarded-For), so the flood check lets them all in. */
async function post(server: ServerProcess, body: string): Promise<{ status: number; json: any }> {
  reader += 1;
  const response = await fetch(`${server.baseUrl}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${reader}` },
    body: JSON.stringify({
      site: 'demo',
      url: article(server),
      body,
      name: 'Quiet Reader',
      email: reader === 1 ? READER_EMAIL : `reader${reader}@example.org`,
      formToken: form?.token,
    }),
  });
  return { status: response.status, json: await response.json() };
}

async function thread(server: ServerProcess): Promise<any> {
  const url = encodeURIComponent(article(server));
  return (await fetch(`${server.baseUrl}/api/v1/threads?site=demo&url=${url}`)).json();
}

describe('the server as `npm start` runs it', () => {
  it('refuses to start on a bad variable and names it', async () => {
    const result = await runNode([SERVER_ENTRY], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a port number');
  });

  describe('on the embedded database', () => {
    let dataDir: string;
    let server: ServerProcess;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'kolom-data-'));
      server = await startServer({ DATA_DIR: dataDir, TRUST_PROXY: '1' });
      await server.waitHealthy();
      await loadForm(server);
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates the demo site, serves the demo article and says what it did', async () => {
      const page = await fetch(`${server.baseUrl}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Harbour town votes to keep its night ferry');
      expect(server.output()).toContain('created the demo site');
      expect(server.output()).toContain('applied migrations');
      expect(server.output()).toContain(`embedded PGlite in ${dataDir}`);
      const docs = await fetch(`${server.baseUrl}/docs/openapi.json`);
      expect(((await docs.json()) as { paths: object }).paths).toHaveProperty('/api/v1/comments');
    });

    it('creates the first admin on the first start and logs its password once, which signs in', async () => {
      const [, email, password] = /First admin created: email (\S+), password (\S+) /.exec(server.output()) ?? [];
      expect(email).toBe('admin@localhost');
      const login = await fetch(`${server.baseUrl}/api/v1/moderation/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(login.status).toBe(200);
      const signedIn = (await login.json()) as { token: string };
      expect(signedIn).toMatchObject({ token: expect.any(String), moderator: { email, role: 'admin', sites: 'all' } });
      // Searching the queue by a reader's email keeps that email out of the log.
      const search = await fetch(`${server.baseUrl}/api/v1/moderation/queue?status=spam&email=${READER_EMAIL}`, {
        headers: { authorization: `Bearer ${signedIn.token}` },
      });
      expect(search.status).toBe(200);
      await server.waitForOutput('/api/v1/moderation/queue?status=spam&email=[hidden]');
      expect(server.output()).not.toContain(READER_EMAIL);
      expect(server.output()).not.toContain(signedIn.token);
    });

    it('takes a comment on the demo site and never writes the email or IP to its log', async () => {
      const answer = await post(server, 'The night ferry is a lifeline.');
      expect(answer.status).toBe(201);
      await server.waitForOutput('"url":"/api/v1/comments"');
      expect(server.output()).not.toContain(READER_EMAIL);
      expect(server.output()).not.toMatch(/remoteAddress|198\.51\.100|user-agent/i);
    });

    it('keeps a second server, and the CLI, off a data folder in use', async () => {
      const second = await startServer({ DATA_DIR: dataDir, TRUST_PROXY: '1' });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain('is in use by process');
      const cli = await runCli(['site:list'], { DATA_DIR: dataDir });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('is in use by process');
    });

    it('on SIGTERM finishes the requests in flight, exits 0, and keeps every acknowledged comment', async () => {
      await formReady();
      const posts = Array.from({ length: 30 }, (_, i) =>
        post(server, `In flight ${i}`).then(
          (answer) => answer,
          () => ({ status: 0, json: null }), // refused: the server had stopped accepting
        ),
      );
      await new Promise((r) => setTimeout(r, 30));
      const exitCode = server.stop('SIGTERM');
      const answers = await Promise.all(posts);
      expect(await exitCode).toBe(0);
      expect(answers.filter((a) => a.status !== 201 && a.status !== 0)).toEqual([]);
      const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.json.comment.id);
      expect(acknowledged.length).toBeGreaterThan(0);

      server = await startServer({ DATA_DIR: dataDir, TRUST_PROXY: '1' });
      await server.waitHealthy();
      expect(server.output()).toContain('schema is up to date');
      expect(server.output()).not.toContain('First admin created');
      const ids = (await thread(server)).comments.map((c: any) => c.id);
      expect(ids).toEqual(expect.arrayContaining(acknowledged));
    });

    it('manages sites from the command line once the server is stopped', async () => {
      expect(await server.stop()).toBe(0);
      const created = await runCli(['site:create', '--slug', 'courier', '--origin', 'https://Courier.Example/', '--name', 'The Courier'], { DATA_DIR: dataDir });
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('Created site "courier" (The Courier) for https://courier.example');
      const listed = await runCli(['site:list'], { DATA_DIR: dataDir });
      expect(listed.stdout).toMatch(/^courier\tThe Courier\thttps:\/\/courier\.example\t/m);
      expect(listed.stdout).toMatch(/^demo\t/m);
      const duplicate = await runCli(['site:create', '--slug', 'courier', '--origin', 'https://courier.example'], { DATA_DIR: dataDir });
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain('already exists');
      const bad = await runCli(['site:create', '--slug', 'Not A Slug', '--origin', 'courier'], { DATA_DIR: dataDir });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('is not a valid slug');
    });

    it('adds moderator accounts from the command line, printing a generated password once', async () => {
      const created = await runCli(['moderator:create', '--email', 'Desk@Courier.example', '--role', 'moderator', '--site', 'courier'], { DATA_DIR: dataDir });
      expect(created.stderr).toBe('');
      expect(created.stdout).toMatch(/^Created moderator desk@courier\.example \(courier\)\.\nPassword \(shown only now\): [\w-]{24}\n/);
      const weak = await runCli(['moderator:create', '--email', 'chief@courier.example', '--role', 'admin', '--password', 'short'], { DATA_DIR: dataDir });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('A password needs at least 12 characters.');
      const reset = await runCli(['moderator:password', '--email', 'desk@courier.example'], { DATA_DIR: dataDir });
      expect(reset.stdout).toMatch(/^New password for desk@courier\.example \(shown only now\): [\w-]{24}\. Its sessions have ended\.\n$/);
    });
  });

  describe('on PostgreSQL from DATABASE_URL', () => {
    let database: TestDatabase;
    let server: ServerProcess;

    beforeAll(async () => {
      // Without DATABASE_URL this is one more embedded run; CI sets it, so the server is proven on PostgreSQL.
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await database.drop();
    });

    it('starts, migrates, takes a comment and stops cleanly; the CLI works on the same database', async () => {
      const env = database.target.embedded ? { DATA_DIR: mkdtempSync(join(tmpdir(), 'kolom-data-')) } : { DATABASE_URL: database.target.url };
      server = await startServer(env);
      await server.waitHealthy();
      articleUrl = ''; // a new database: the demo site allows this server's origin only
      expect((await post(server, 'Keep the ferry.')).status).toBe(201);
      expect(await server.stop()).toBe(0);
      const created = await runCli(['site:create', '--slug', 'gazette', '--origin', 'https://gazette.example'], env);
      expect(created.code).toBe(0);
      expect((await runCli(['site:list'], env)).stdout).toMatch(/^gazette\t/m);
    });
  });
});
