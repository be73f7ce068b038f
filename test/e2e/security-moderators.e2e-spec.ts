import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Site } from '../../src/sites/site.entity.js';
import { expectStatus } from '../support/http.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type ServerDatabase, sharedDatabase } from '../support/live-cluster.js';
import { logIn, type Moderator, signInFirstAdmin, signInModerator } from '../support/moderator.js';
import { readerOf } from '../support/reader.js';
import { runCli, type ServerProcess, startServer } from '../support/server-process.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Issue 15: a moderator's session that ended (signed out, expired, account removed, password reset
 * from the CLI) never hears another word on /moderation; and sign-in limits that stop guessing
 * without letting a stranger lock the owner out, or a flood of sign-ins exhaust the server's memory.
 */

const SESSION_ENDED = 'Your session has ended: sign in again.';
const WRONG_CREDENTIALS = 'Wrong email or password.';

describe('moderators: ended sessions and sign-in limits', () => {
  let kolom: TestKolom;
  let site: Site;
  let admin: Moderator & SignedInModerator;
  /** A colleague's desk that stays open: proof that each revoked desk's comment really went out. */
  let witness: LiveClient;
  const desks: LiveClient[] = [];
  let articleCounter = 0;

  beforeAll(async () => {
    // One trusted proxy hop: a test chooses its client's address with X-Forwarded-For.
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite({ premoderation: 'all' });
    admin = await signInModerator(kolom, 'admin');
    witness = await desk(await signInModerator(kolom, 'moderator', [site]));
  });
  afterAll(async () => {
    for (const client of desks) client.close();
    await kolom?.close();
  });

  async function desk(moderator: { token: string }): Promise<LiveClient> {
    const client = await connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: moderator.token } });
    desks.push(client);
    return client;
  }

  const closed = (client: LiveClient) => new Promise<string>((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));

  /** Holds a new comment, waits until the open witness desk hears of it, and asserts `revoked` heard nothing. */
  async function expectNothingReaches(revoked: LiveClient): Promise<void> {
    const posted = await readerOf(kolom).post(site, { url: `https://news.example/city/council-${++articleCounter}`, email: 'reader@example.org' });
    expect(posted.status).toBe('pending');
    await witness.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === posted.comment.id);
    expect(revoked.socket.connected).toBe(false);
    expect(revoked.named('queue.added').map((added: { item: { id: number } }) => added.item.id)).not.toContain(posted.comment.id);
  }

  const shortenSession = (moderator: { id: number }, seconds: number) =>
    kolom.app
      .get(DataSource)
      .query(`UPDATE moderator_sessions SET expires_at = now() + make_interval(secs => $2) WHERE moderator_id = $1`, [moderator.id, seconds]);

  describe('an ended session hears nothing more on /moderation', () => {
    it('signing out closes the open desk at once, refuses its token on reconnect, and sends it no later comment', async () => {
      const leaving = await signInModerator(kolom, 'moderator', [site]);
      const open = await desk(leaving);
      const reason = closed(open);
      expectStatus(await leaving.logout(), 204);
      expect(await reason).toBe('io server disconnect');
      await expect(desk(leaving)).rejects.toThrow(SESSION_ENDED);
      await expectNothingReaches(open);
    });

    it('a session that expires closes its desk at the expiry, and the desk hears of no comment after it', async () => {
      const moderator = await signInModerator(kolom, 'moderator', [site]);
      await shortenSession(moderator, 2);
      const open = await desk(moderator);
      const connectedAt = Date.now();
      expect(await closed(open)).toBe('io server disconnect');
      expect(Date.now() - connectedAt).toBeGreaterThan(1_000);
      await expect(desk(moderator)).rejects.toThrow(SESSION_ENDED);
      await expectNothingReaches(open);
    });

    it("removing a moderator's account closes its desk, and the desk hears of no comment after it", async () => {
      const removed = await signInModerator(kolom, 'moderator', [site]);
      const open = await desk(removed);
      const reason = closed(open);
      expectStatus(await admin.removeModerator(removed.id), 204);
      expect(await reason).toBe('io server disconnect');
      await expect(desk(removed)).rejects.toThrow(SESSION_ENDED);
      await expectNothingReaches(open);
    });

    it('a desk that dropped and reconnected is still closed when its session expires', async () => {
      const moderator = await signInModerator(kolom, 'moderator', [site]);
      const open = await desk(moderator);
      // The first connection armed its timer for 12 hours; the reconnection must arm one for the new expiry.
      await shortenSession(moderator, 3);
      const dropped = closed(open);
      open.socket.io.engine.close();
      // The transport went away under the socket, as when a laptop's network drops.
      expect(await dropped).toBe('forced close');
      const reconnected = new Promise<void>((resolve, reject) => {
        open.socket.once('connect', () => resolve());
        open.socket.once('connect_error', reject);
      });
      open.socket.connect();
      await reconnected;
      expect(open.socket.connected).toBe(true);
      expect(await closed(open)).toBe('io server disconnect');
      await expect(desk(moderator)).rejects.toThrow(SESSION_ENDED);
      await expectNothingReaches(open);
    });
  });

  describe('sign-in limits', () => {
    // Each password check is 0.6 s of scrypt, two at a time: on a busy 2-core runner these take a while.
    const SLOW_TEST_MS = 90_000;
    /** A sign-in sent from `address` (through the trusted proxy hop). */
    const signInFrom = (address: string, email: string, password: string) =>
      kolom.request<{ token?: string; message?: string }>('POST', '/api/v1/moderation/login', { email, password }, { 'x-forwarded-for': address });

    it(
      '12 parallel wrong passwords from one address run at most 5 password checks: the rest are refused with 429 before hashing',
      async () => {
        const target = await signInModerator(kolom, 'moderator', [site]);
        const started = Date.now();
        const answers = await Promise.all(
          Array.from({ length: 12 }, async (_, n) => {
            const answer = await signInFrom('198.51.100.7', target.email, `parallel guess ${n}`);
            return { status: answer.status, ms: Date.now() - started, retryAfter: answer.headers.get('retry-after'), message: answer.body.message };
          }),
        );
        const checked = answers.filter((a) => a.status === 401);
        const refused = answers.filter((a) => a.status === 429);
        expect(checked.length).toBe(5);
        expect(refused.length).toBe(7);
        expect(checked.every((a) => a.message === WRONG_CREDENTIALS)).toBe(true);
        for (const answer of refused) {
          expect(Number(answer.retryAfter)).toBeGreaterThan(0);
          expect(answer.message).toMatch(/try again in \d+ (seconds?|minutes)/i);
        }
        // Refusals cost no hashing: each came back before the slowest password check finished.
        expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(Math.max(...checked.map((a) => a.ms)));
      },
      SLOW_TEST_MS,
    );

    it(
      'a flood of sign-ins from many addresses checks at most 10 passwords at once (2 running, 8 waiting): the rest answer 503 at once',
      async () => {
        const answers = await Promise.all(
          Array.from({ length: 16 }, async (_, n) => {
            const answer = await signInFrom(`198.18.0.${n + 1}`, `nobody-${n}@flood.example`, 'a long wrong password');
            return { status: answer.status, retryAfter: answer.headers.get('retry-after'), message: answer.body.message };
          }),
        );
        const checked = answers.filter((a) => a.status === 401);
        const busy = answers.filter((a) => a.status === 503);
        expect(checked.length + busy.length).toBe(16);
        expect(checked.length).toBeLessThanOrEqual(10);
        expect(busy.length).toBeGreaterThanOrEqual(6);
        for (const answer of busy) {
          expect(Number(answer.retryAfter)).toBeGreaterThan(0);
          expect(answer.message).toMatch(/^Too many sign-ins at once\. Try again in/);
        }
        // A refusal for load is not held against the address: it signs in right after.
        const owner = await signInModerator(kolom, 'moderator', [site]);
        expect((await signInFrom(`198.18.0.16`, owner.email, owner.password)).status).toBe(200);
      },
      SLOW_TEST_MS,
    );

    it(
      'an attacker failing again and again from one address does not stop the owner signing in from another',
      async () => {
        const owner = await signInModerator(kolom, 'moderator', [site]);
        for (let attempt = 1; attempt <= 8; attempt += 1) {
          const wrong = await signInFrom('203.0.113.66', owner.email, `attacker guess ${attempt}`);
          expect({ attempt, status: wrong.status }).toEqual({ attempt, status: attempt <= 5 ? 401 : 429 });
        }
        // Even the right password from the attacker's address is refused now: guessing from there has stopped.
        expect((await signInFrom('203.0.113.66', owner.email, owner.password)).status).toBe(429);

        const startedAt = Date.now();
        const ownerAtHome = await signInFrom('192.0.2.10', owner.email, owner.password);
        expect(ownerAtHome.status).toBe(200);
        expect(ownerAtHome.body.token).toEqual(expect.any(String));
        // No slow-down either: eight failures are far below the account's own ceiling.
        expect(Date.now() - startedAt).toBeLessThan(5_000);
        expect((await logIn(kolom, { email: owner.email, password: owner.password })).status).toBe(200);
      },
      SLOW_TEST_MS,
    );
  });
});

describe('moderator:password from the CLI', () => {
  let database: ServerDatabase | undefined;
  let server: ServerProcess | undefined;
  const clients: LiveClient[] = [];
  // Where the server writes the first admin's password (never to its log).
  const dataDir = mkdtempSync(join(tmpdir(), 'kolom-cli-'));

  beforeAll(async () => {
    database = await sharedDatabase();
    // No Redis: the CLI and the server share nothing but PostgreSQL.
    server = await startServer({ ...database.env, PUBLIC_URL: 'https://news.example', DATA_DIR: dataDir });
    await server.waitHealthy();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("closes the account's open desks on the running server within a couple of seconds, not at the next minute's recheck", async () => {
    const signedIn = await signInFirstAdmin(server!.baseUrl, dataDir);
    const { email } = signedIn;
    const open = await connectLive(server!.baseUrl, { namespace: '/moderation', auth: { token: signedIn.token } });
    clients.push(open);
    const closedAt = new Promise<number>((resolve) => open.socket.once('disconnect', () => resolve(Date.now())));

    const reset = await runCli(['moderator:password', '--email', email, '--password=a brand new long password'], database!.env);
    const doneAt = Date.now();
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Its sessions have ended.');
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), 5_000)));
    const closedAfter = (await Promise.race([closedAt, gaveUp])) - doneAt;
    clearTimeout(timer);
    // The server's own recheck would take up to a minute: this is the CLI's announcement arriving.
    expect(closedAfter).toBeLessThan(2_000);
    await expect(connectLive(server!.baseUrl, { namespace: '/moderation', auth: { token: signedIn.token } })).rejects.toThrow(SESSION_ENDED);
  });
});
