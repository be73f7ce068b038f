import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { NOT_TEXT_MESSAGE, TOO_DEEP_MESSAGE } from '../../src/http/safe-input.js';
import type { Site } from '../../src/sites/site.entity.js';
import { launchChromium, Readers } from '../support/browser.js';
import { expectStatus, httpTo } from '../support/http.js';
import { connectLive } from '../support/live-client.js';
import { firstAdminFile, logIn, signInFirstAdmin, signInModerator } from '../support/moderator.js';
import { commentForm, readerOf } from '../support/reader.js';
import { type ServerProcess, startServer } from '../support/server-process.js';
import { startKolom, type TestKolom } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { commentWith, eventually, fillForm, rendered, WAIT_MS } from '../support/widget-page.js';

jest.setTimeout(60_000);

const ARTICLE = 'https://news.example/politics/budget-vote';
const ATTACKER_PAGE = 'https://password-guesser.example';

/** A 400 naming the field, with the same `fields` body as every other refused form. */
function expectRefusedField(answer: { status: number; body: unknown }, field: string, message = NOT_TEXT_MESSAGE): void {
  expect({ status: answer.status, body: answer.body }).toMatchObject({
    status: 400,
    body: { statusCode: 400, message: [message], fields: { [field]: message } },
  });
}

/** JSON nested `depth` levels deep, as text (JSON.stringify of such a value would itself overflow). */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('the edge of the in-process server', () => {
  let kolom: TestKolom;
  let site: Site;
  let admin: Awaited<ReturnType<typeof signInModerator>>;

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite({ premoderation: 'all' });
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  describe('bad input is a 400 naming the field, never a 500 from PostgreSQL or the stack', () => {
    it('a NUL byte in a comment is refused before PostgreSQL sees it', async () => {
      expectRefusedField(await readerOf(kolom).tryPost(site, { body: 'Before\u0000after' }), 'body');
      expectRefusedField(await readerOf(kolom).tryPost(site, { name: 'Ayu\u0000' }), 'name');
    });

    it('a NUL byte in the thread query (the title a page sends) is refused', async () => {
      expectRefusedField(await readerOf(kolom).open(site, ARTICLE, { title: 'Budget\u0000vote' }), 'title');
      expectRefusedField(await readerOf(kolom).open(site, `${ARTICLE}\u0000`), 'url');
    });

    it('a NUL byte in the sign-in email is refused', async () => {
      expectRefusedField(await logIn(kolom, { email: 'admin\u0000@newsroom.example', password: 'a long password' }), 'email');
    });

    it("a NUL byte in a moderator's queue search is refused", async () => {
      expectRefusedField(await admin.queue({ q: 'spam\u0000' }), 'q');
      expectRefusedField(await admin.queue({ email: 'ayu\u0000@example.org' }), 'email');
    });

    it('a lone UTF-16 surrogate, which would be answered raw but stored as U+FFFD, is refused', async () => {
      expectRefusedField(await readerOf(kolom).tryPost(site, { body: 'Half an emoji: \ud83d' }), 'body');
      expectRefusedField(await readerOf(kolom).tryPost(site, { body: 'A low half alone: \ude00 here' }), 'body');
      // A whole emoji (a surrogate pair) is text like any other.
      const posted = await readerOf(kolom).post(site, { body: 'A whole emoji: 😀' });
      expect(posted.comment.body).toContain('😀');
    });

    it('JSON nested thousands of levels deep, even in an unknown field, is a 400 and not a stack overflow', async () => {
      const form = JSON.stringify(commentForm(site)).replace(/^\{/, `{"junk":${nested(20_000)},`);
      const answer = await kolom.request('POST', '/api/v1/comments', form);
      expect({ status: answer.status, message: answer.body.message }).toEqual({ status: 400, message: [TOO_DEEP_MESSAGE] });
      const login = await kolom.request('POST', '/api/v1/moderation/login', `{"email":"a@b.example","password":"x","x":${nested(20_000)}}`);
      expect({ status: login.status, message: login.body.message }).toEqual({ status: 400, message: [TOO_DEEP_MESSAGE] });
      // The server is still there, and nesting as deep as a real form's reaches the usual rules.
      expect((await readerOf(kolom).tryPost(site, { extra: [[[1]]] })).body.fields).toEqual({ extra: 'Unknown field "extra".' });
    });

    it('a socket join with a NUL byte, a lone surrogate or deep nesting is refused by the same rule', async () => {
      const live = await connectLive(kolom.baseUrl, { origin: 'https://news.example' });
      try {
        expect(await live.join({ site: site.slug, url: `${ARTICLE}\u0000` })).toEqual({
          error: { status: 400, message: NOT_TEXT_MESSAGE, fields: { url: NOT_TEXT_MESSAGE } },
        });
        expect(await live.join({ site: `${site.slug}\ud800`, url: ARTICLE })).toMatchObject({ error: { status: 400, fields: { site: NOT_TEXT_MESSAGE } } });
        expect(await live.join({ site: site.slug, url: ARTICLE, own: JSON.parse(nested(1_000)) })).toMatchObject({
          error: { status: 400, message: TOO_DEEP_MESSAGE },
        });
        expect(await live.join({ site: site.slug, url: ARTICLE })).toMatchObject({ articleId: expect.any(Number) });
      } finally {
        live.close();
      }
    });
  });

  describe('headers', () => {
    it.each(['/docs', '/docs/openapi.json', `/api/v1/threads?site=demo&url=${encodeURIComponent(ARTICLE)}`, '/health', '/embed.js'])(
      'no other page can frame %s or make a browser sniff its type',
      async (path) => {
        const answer = await fetch(kolom.baseUrl + path);
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      },
    );

    it('the demo article runs only scripts from its own origin, and cannot be framed', async () => {
      const answer = await fetch(`${kolom.baseUrl}/`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      const policy = answer.headers.get('content-security-policy') ?? '';
      expect(policy.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]));
      expect(await answer.text()).toContain('<script src="/embed.js"');
    });
  });

  describe('CORS', () => {
    const preflight = (path: string, origin: string) =>
      fetch(kolom.baseUrl + path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

    it("another site's page cannot have its visitors' browsers guess moderators' passwords", async () => {
      const answer = await preflight('/api/v1/moderation/login', ATTACKER_PAGE);
      expect(answer.headers.get('access-control-allow-origin')).not.toBe(ATTACKER_PAGE);
      expect(answer.headers.get('access-control-allow-origin')).toBe(new URL(kolom.config.publicUrl).origin);
      const queue = await fetch(`${kolom.baseUrl}/api/v1/moderation/queue`, { headers: { origin: ATTACKER_PAGE, ...admin.headers } });
      expect(queue.headers.get('access-control-allow-origin')).not.toBe(ATTACKER_PAGE);
    });

    it("the public reader API still answers any site's page", async () => {
      const answer = await preflight('/api/v1/comments', 'https://news.example');
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      const thread = await fetch(`${kolom.baseUrl}/api/v1/threads?site=${site.slug}&url=${encodeURIComponent(ARTICLE)}`, {
        headers: { origin: 'https://news.example' },
      });
      expect(thread.headers.get('access-control-allow-origin')).toBe('*');
      expect(thread.headers.get('vary') ?? '').not.toMatch(/origin/i);
    });
  });

  it("an article on a foreign origin is refused without listing the site's allowed (staging, internal) origins", async () => {
    const answer = await readerOf(kolom).open(site, 'https://elsewhere.example/story');
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe(`Comments for site "${site.slug}" are not allowed on https://elsewhere.example.`);
    expect(JSON.stringify(answer.body)).not.toContain('news.example');
  });

  describe('behind a proxy that appends the client it saw to X-Forwarded-For (TRUST_PROXY=1)', () => {
    let proxy: Server;
    let proxyPort: number;

    beforeAll(async () => {
      const upstream = new URL(kolom.baseUrl);
      // As nginx's $proxy_add_x_forwarded_for: whatever the client sent, then the address it connected from.
      proxy = createServer((incoming, outgoing) => {
        const forwarded = [incoming.headers['x-forwarded-for'], incoming.socket.remoteAddress].filter(Boolean).join(', ');
        const onward = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            path: incoming.url,
            method: incoming.method,
            headers: { ...incoming.headers, 'x-forwarded-for': forwarded },
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        incoming.pipe(onward);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyPort = (proxy.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

    it('a forged X-Forwarded-For is not believed: the address stored, as moderators see it, is the one the proxy saw', async () => {
      const body = `Posted through the proxy from 127.0.0.2, claiming 6.6.6.6 (${Date.now()})`;
      // The reader connects from 127.0.0.2; Kolom's own peer is the proxy, 127.0.0.1.
      const status = await new Promise<number>((resolve, reject) => {
        const post = request(
          {
            host: '127.0.0.1',
            port: proxyPort,
            localAddress: '127.0.0.2',
            path: '/api/v1/comments',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6' },
          },
          (answer) => {
            answer.resume();
            resolve(answer.statusCode ?? 0);
          },
        );
        post.once('error', reject);
        post.end(JSON.stringify(commentForm(site, { body })));
      });
      expect(status).toBe(201);
      const queue = expectStatus(await admin.queue({ site: site.slug }), 200).body;
      const held = queue.items.find((item) => item.body === body);
      expect(held?.author.ip).toBe('127.0.0.2');
    });
  });
});

describe('the server process: its log, its first admin, its demo article', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  const readers = new Readers(() => browser);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'kolom-edge-'));
    // An embedded database in this process serves one connection at a time: the server then keeps
    // its own in DATA_DIR, as `npm start` without DATABASE_URL does.
    const databaseUrl = database.target.embedded ? undefined : database.target.url;
    [server, browser] = await Promise.all([startServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, TRUST_PROXY: '1' }), launchChromium()]);
    await server.waitHealthy();
  });
  afterEach(() => readers.closeAll());
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const firstAdmin = () => firstAdminFile(dataDir);

  it("the first admin's password is never in the log: it is in a file only Kolom's user can read, whose path is logged", async () => {
    const { file, email, password } = firstAdmin();
    expect(email).toBe('admin@localhost');
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await server.waitForOutput(`password in ${file}`);
    expect(server.output()).not.toContain(password);
    expectStatus(await logIn(httpTo(server.baseUrl), { email, password }), 200);
  });

  it("a percent-encoded key (%65mail, %71) does not slip a reader's email or a search past the log's redaction", async () => {
    const moderator = await signInFirstAdmin(server.baseUrl, dataDir);
    const searched = await moderator.request('GET', '/queue?status=spam&%65mail=hidden.reader%40example.org&%71=whispered%20words');
    expect(searched.status).toBe(200);
    await server.waitForOutput('/api/v1/moderation/queue?status=spam&email=[hidden]');
    expect(server.output()).toContain('q=[hidden]');
    expect(server.output()).not.toMatch(/hidden\.reader|whispered/);
  });

  it("the demo article's policy still lets its widget load from Kolom's origin, show the thread, take a comment and go live", async () => {
    const reader = await readers.add();
    // The demo site allows Kolom's PUBLIC_URL, http://localhost:PORT.
    const page = await reader.open(`http://localhost:${server.port}/news/harbour-town-keeps-night-ferry`);
    await rendered(page);
    const body = `Posted under the demo page's CSP ${Date.now()}`;
    // The demo site holds a comment sent within 3 s of loading the form.
    await new Promise((resolve) => setTimeout(resolve, 3_300));
    await fillForm(page, { body, name: 'Policy Reader', email: 'policy.reader@example.org' });
    await page.click('button.kolom-submit');
    await eventually(async () => expect(await commentWith(page, body).count()).toBe(1), WAIT_MS);
    expect(reader.requests.some((url) => url.startsWith(`ws://localhost:${server.port}/socket.io/`))).toBe(true);
    expect(reader.errors.filter((error) => /Content Security Policy|Refused to/i.test(error))).toEqual([]);
  });
});
