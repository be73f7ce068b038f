import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpTo } from '../support/http.js';
import { formReady, getThread, loadForm, startArticle, tryPostComment } from '../support/live-cluster.js';
import { logIn, signInFirstAdmin } from '../support/moderator.js';
import { runCli, runNode, SERVER_ENTRY, ServerProcess, startServer } from '../support/server-process.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';

jest.setTimeout(120_000);

const READER_EMAIL = 'quiet.reader@example.org';

/** The demo article, on the first server's origin (the demo site keeps allowing it after a restart). */
let articleUrl = '';
const article = (server: ServerProcess) => (articleUrl ||= `http://localhost:${server.port}/news/harbour-town-keeps-night-ferry`);

describe('the server as `npm start` runs it', () => {
  it('refuses to start on a bad variable and names it', async () => {
    const result = await runNode([SERVER_ENTRY], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a port number');
  });

  it('refuses more than one worker process on the embedded database, which one process holds', async () => {
    const result = await runNode([SERVER_ENTRY], { KOLOM_WORKERS: '2' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('KOLOM_WORKERS=2 needs DATABASE_URL');
  });

  describe('on the embedded database', () => {
    let dataDir: string;
    let server: ServerProcess;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'kolom-data-'));
      server = await startServer({ DATA_DIR: dataDir, TRUST_PROXY: '1' });
      await server.waitHealthy();
      // The form as a reader's page loads it: the demo site holds a comment sent within 3 s of that.
      await loadForm(server, article(server));
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
      const docs = (await (await fetch(`${server.baseUrl}/docs/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
        components: { securitySchemes?: Record<string, unknown>; schemas: Record<string, unknown> };
      };
      expect(docs.paths).toHaveProperty('/api/v1/comments');
      // Swagger UI's Authorize button, and the refusals' body described where moderators meet them.
      expect(docs.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
      expect(docs.components.schemas).toHaveProperty('ErrorAnswer');
      expect(docs.paths['/api/v1/moderation/queue'].get.responses).toHaveProperty('401');
    });

    it('creates the first admin on the first start and writes its password to a file in the data folder, which signs in', async () => {
      const [, email, password] = /email: (\S+)\npassword: (\S+)\n/.exec(readFileSync(join(dataDir, 'first-admin-password.txt'), 'utf8')) ?? [];
      expect(email).toBe('admin@localhost');
      expect(server.output()).not.toContain(password);
      const login = await logIn(httpTo(server.baseUrl), { email, password });
      expect(login.status).toBe(200);
      // A password that sat in a file is temporary: the admin chooses their own before anything else.
      expect(login.body).toMatchObject({ token: expect.any(String), moderator: { email, role: 'admin', sites: 'all' }, mustChangePassword: true });
      const signedIn = await signInFirstAdmin(server.baseUrl, dataDir);
      // Searching the queue by a reader's email keeps that email out of the log.
      const search = await signedIn.request('GET', `/queue?status=spam&email=${READER_EMAIL}`);
      expect(search.status).toBe(200);
      await server.waitForOutput('/api/v1/moderation/queue?status=spam&email=[hidden]');
      expect(server.output()).not.toContain(READER_EMAIL);
      expect(server.output()).not.toContain(signedIn.token);
    });

    it('takes a comment on the demo site and never writes the email or IP to its log', async () => {
      const answer = await tryPostComment(server, article(server), 'The night ferry is a lifeline.', {
        fields: { name: 'Quiet Reader', email: READER_EMAIL },
        headers: { 'x-forwarded-for': '198.51.100.1' },
      });
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
      // An article readers already comment on, its form loaded: what the signal interrupts is ordinary posting.
      await startArticle(server, article(server));
      await formReady(server, article(server));
      const posts = Array.from({ length: 30 }, (_, i) =>
        tryPostComment(server, article(server), `In flight ${i}`).then(
          (answer) => answer,
          () => null, // refused: the server had stopped accepting
        ),
      );
      await new Promise((r) => setTimeout(r, 30));
      const exitCode = server.stop('SIGTERM');
      const answers = await Promise.all(posts);
      expect(await exitCode).toBe(0);
      expect(answers.filter((a) => a !== null && a.status !== 201)).toEqual([]);
      const acknowledged = answers.flatMap((a) => (a?.status === 201 ? [a.body.comment.id] : []));
      expect(acknowledged.length).toBeGreaterThan(0);

      server = await startServer({ DATA_DIR: dataDir, TRUST_PROXY: '1' });
      await server.waitHealthy();
      expect(server.output()).toContain('schema is up to date');
      expect(server.output()).not.toContain('First admin created');
      const ids = (await getThread(server, article(server))).comments.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining(acknowledged));
    });

    it('manages sites from the command line once the server is stopped', async () => {
      expect(await server.stop()).toBe(0);
      const created = await runCli(['site:create', '--slug', 'courier', '--origin', 'https://Courier.Example/', '--name', 'The Courier'], {
        DATA_DIR: dataDir,
      });
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
      expect((await tryPostComment(server, article(server), 'Keep the ferry.')).status).toBe(201);
      expect(await server.stop()).toBe(0);
      const created = await runCli(['site:create', '--slug', 'gazette', '--origin', 'https://gazette.example'], env);
      expect(created.code).toBe(0);
      expect((await runCli(['site:list'], env)).stdout).toMatch(/^gazette\t/m);
    });
  });
});
