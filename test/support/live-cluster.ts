import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORM_TOKEN_USES } from '../../src/spam/form-token-uses.js';
import { createClient } from 'redis';
import type { PostedComment } from '../../src/threads/posted-comment.js';
import type { PublicComment } from '../../src/threads/public-comment.js';
import type { ThreadPage } from '../../src/threads/thread-page.js';
import { type Answer, httpTo } from './http.js';
import type { LiveClient, LiveEvent } from './live-client.js';
import { readerOf, type ReaderIdentity } from './reader.js';
import type { ServerProcess } from './server-process.js';
import { createTestDatabase } from './test-database.js';

/** The Redis every Kolom node of a test talks through (CI and this machine run one here). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Where the two-node tests find PostgreSQL when the suite runs embedded: two processes cannot share
 * one PGlite, so they need a real server even then.
 */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The environment that points a server process at its database, and how to get rid of it. */
export interface ServerDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A database one server process owns: a fresh PostgreSQL database with DATABASE_URL (as in CI),
 * else a PGlite data folder of its own, which outlives the process so a restart finds its rows.
 */
export async function singleNodeDatabase(): Promise<ServerDatabase> {
  if (process.env.DATABASE_URL) return postgresDatabase(process.env.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'kolom-live-'));
  return { env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A fresh PostgreSQL database several server processes can share, even when the suite runs embedded. */
export async function sharedDatabase(): Promise<ServerDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  try {
    return await postgresDatabase(serverUrl);
  } catch (error) {
    throw new Error(
      `Two Kolom nodes need one PostgreSQL server to share (${process.env.DATABASE_URL ? 'DATABASE_URL' : LOCAL_POSTGRES_URL}): ` +
        `${(error as Error).message}. Start it, or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

/**
 * Reuses createTestDatabase (its kolom_test_<run>_… names are what global-setup drops after a dead
 * run) on a server it would not otherwise pick: it reads DATABASE_URL, so point that at the server
 * for the call. Jest gives each test file its own process.env, and hooks run one at a time.
 */
async function postgresDatabase(serverUrl: string): Promise<ServerDatabase> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = serverUrl;
  try {
    const database = await createTestDatabase();
    // A data folder of its own too: that is where a server writes the first admin's password.
    const dataDir = mkdtempSync(join(tmpdir(), 'kolom-live-'));
    return {
      env: { DATABASE_URL: database.target.url, DATA_DIR: dataDir },
      drop: async () => {
        rmSync(dataDir, { recursive: true, force: true });
        await database.drop();
      },
    };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

/** Fail before a database is made and servers are spawned, naming the Redis the tests need. */
export async function assertRedisReachable(url = TEST_REDIS_URL): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`The two-node tests need Redis at ${url}: ${(error as Error).message}`, { cause: error });
  } finally {
    if (client.isOpen) await client.quit();
  }
}

/**
 * Redis names for this test run only: another run, or a developer's Kolom on the same Redis, must
 * not hear our nodes (nor we theirs), since article ids start at 1 in every fresh database.
 */
export function redisPrefixForThisRun(): string {
  return `kolom-test-${process.pid}-${randomInt(1_000_000)}`;
}

let posts = 0;
const DEMO = { slug: 'demo' };

/**
 * The demo site holds a comment sent without a form token, or sooner than 3 s after its form was
 * loaded (minSubmitSeconds), as a reader's widget would never do; and a token vouches for at most
 * FORM_TOKEN_USES comments, as one page load does. So each article keeps a pool of page loads,
 * topped up ahead of need; the margin covers the server counting whole seconds.
 */
const MIN_SUBMIT_MS = 3_000 + 300;
const POOL = 20;
const formTokens = new Map<string, Array<{ token: string; loadedAt: number; uses: number }>>();

async function loadMore(server: ServerProcess, url: string, count: number): Promise<void> {
  const pool = formTokens.get(url) ?? [];
  formTokens.set(url, pool);
  const reader = readerOf(httpTo(server.baseUrl));
  const tokens = await Promise.all(Array.from({ length: count }, () => reader.formToken(DEMO, url)));
  for (const token of tokens) pool.push({ token, loadedAt: Date.now(), uses: 0 });
}

/** Asks for the article's form tokens as widgets would; call early to wait less later. */
export async function loadForm(server: ServerProcess, url: string): Promise<void> {
  if (!formTokens.has(url)) await loadMore(server, url, POOL);
}

export type PostAnswer = Answer<PostedComment> & {
  /** Milliseconds from sending to the whole answer. */
  ms: number;
  retryAfter: string | null;
};

/** Resolves with one of the article's form tokens once its form is old enough for the demo site to take a comment sent with it. */
export async function formReady(server: ServerProcess, url: string): Promise<string> {
  await loadForm(server, url);
  const pool = formTokens.get(url)!;
  let form = pool.find((f) => f.uses < FORM_TOKEN_USES);
  if (!form) {
    await loadMore(server, url, POOL);
    form = pool.find((f) => f.uses < FORM_TOKEN_USES)!;
  } else if (pool.filter((f) => f.uses < FORM_TOKEN_USES).length <= 2) {
    // Running low: load more pages now, so they are old enough by the time they are needed.
    void loadMore(server, url, POOL).catch(() => undefined);
  }
  form.uses += 1;
  const wait = form.loadedAt + MIN_SUBMIT_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return form.token;
}

/**
 * Posts a comment on the demo site as a new reader each time, with the article's form token: another email and, through
 * X-Forwarded-For (the servers run with TRUST_PROXY=1), another address, so the demo site's flood
 * check (15 s per email or IP) never refuses one and the site's settings stay as shipped; `author`
 * says otherwise where a test needs to. Answers whatever the server answered; a request that got no answer rejects.
 */
export async function tryPostComment(server: ServerProcess, url: string, body: string, author: ReaderIdentity = {}): Promise<PostAnswer> {
  const formToken = await formReady(server, url);
  posts += 1;
  const name = `${process.pid}-${posts}`;
  const address = `198.51.${Math.floor(posts / 250) % 250}.${(posts % 250) + 1}`;
  const reader = readerOf(httpTo(server.baseUrl), { headers: { 'x-forwarded-for': address, ...author.headers } });
  const started = Date.now();
  const answer = await reader.send({ site: DEMO.slug, url, body, name: `Reader ${name}`, email: `reader-${name}@example.org`, formToken, ...author.fields });
  return { ...answer, ms: Date.now() - started, retryAfter: answer.headers.get('retry-after') };
}

/** tryPostComment that expects it published or held (201). */
export async function postComment(server: ServerProcess, url: string, body: string): Promise<PostedComment> {
  const answer = await tryPostComment(server, url, body);
  if (answer.status !== 201) throw new Error(`POST on :${server.port} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Posts the first comment on an article, which creates it (reading never does); its id. */
export async function startArticle(server: ServerProcess, url: string): Promise<number> {
  return (await postComment(server, url, 'The first comment, which starts the thread.')).comment.articleId;
}

export async function deleteComment(server: ServerProcess, posted: PostedComment): Promise<void> {
  const answer = await readerOf(httpTo(server.baseUrl)).delete(posted.comment.id, posted.editToken);
  if (answer.status !== 204) throw new Error(`DELETE on :${server.port} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** The first page of the article's thread, of up to 100 top-level comments. */
export async function getThread(server: ServerProcess, url: string): Promise<ThreadPage> {
  const answer = await readerOf(httpTo(server.baseUrl)).open(DEMO, url, { limit: 100 });
  if (answer.status !== 200) throw new Error(`GET thread on :${server.port} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

type Shown = Record<string, unknown>;

/** A comment as a page shows it, without where it sits in the tree or the event that brought it. */
function shown(comment: PublicComment & { eventId?: number }): Shown {
  const { replies: _replies, eventId: _eventId, ...rest } = comment;
  return rest;
}

/** Every comment of a thread page, replies included, by id. */
export function commentsOfThread(thread: { comments: PublicComment[] }): Map<number, Shown> {
  const all = new Map<number, Shown>();
  const walk = (comments: PublicComment[]) => {
    for (const comment of comments) {
      all.set(comment.id, shown(comment));
      walk(comment.replies ?? []);
    }
  };
  walk(thread.comments);
  return all;
}

/**
 * What a page that started from `initial` shows after applying the live events, as the embed does:
 * created and updated put the comment in, removed takes it out.
 */
export function applyLiveEvents(initial: Map<number, Shown>, events: LiveEvent[]): Map<number, Shown> {
  const comments = new Map(initial);
  for (const { name, payload } of events) {
    if (name === 'comment.created' || name === 'comment.updated') comments.set(payload.id, shown(payload));
    else if (name === 'comment.removed') comments.delete(payload.id);
  }
  return comments;
}

/** Live events that change the thread (not presence), in the order received. */
export function threadEvents(events: LiveEvent[]): LiveEvent[] {
  return events.filter((e) => e.name === 'comment.created' || e.name === 'comment.updated' || e.name === 'comment.removed');
}

/** Matches only events the client receives from now on (waitFor also looks at past ones). */
export function fromNow(client: LiveClient): (event: LiveEvent) => boolean {
  const start = client.events.length;
  return (event) => client.events.indexOf(event) >= start;
}
