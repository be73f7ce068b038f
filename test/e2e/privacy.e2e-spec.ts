import { randomUUID } from 'node:crypto';
import type { Site } from '../../src/sites/site.entity.js';
import { expectStatus } from '../support/http.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { commentForm, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

/**
 * "Your email address will not be published." A reader's email, IP address and user agent, the spam
 * verdict and the edit token's hash are stored for moderators and never reach a public answer: not in
 * a thread, not in the answer to a post or an edit, not in a replay, not in an error, not in a live
 * event or a join's acknowledgement.
 */

const FORWARDED_IP = '203.0.113.7';
const USER_AGENT = 'Mozilla/5.0 (KolomPrivacyCheck; rv:1.0) Gecko/20100101 Firefox/140.0';
const HEADERS = { 'X-Forwarded-For': FORWARDED_IP, 'User-Agent': USER_AGENT };

const EMAILS = {
  ayu: 'ayu.lestari.private@example.org',
  budi: 'budi.santoso.private@example.net',
  citra: 'citra.dewi.private@example.com',
  dewa: 'dewa.made.private@example.id',
};
// Sent in a refused form: an error must not echo it back either.
const MALFORMED_EMAIL = 'ayu.lestari.private@@example.org';

const PRIVATE_KEYS = ['email', 'authorEmail', 'ip', 'userAgent', 'spamScore', 'spamReasons', 'classifierP', 'editTokenHash', 'idempotencyKey'];
/** Compared without case and underscores, so author_email or IP are caught as well. */
const squash = (key: string) => key.replace(/[_-]/g, '').toLowerCase();
const PRIVATE_KEYS_SQUASHED = new Set(PRIVATE_KEYS.map(squash));
const PRIVATE_VALUES = [...Object.values(EMAILS), MALFORMED_EMAIL, FORWARDED_IP, USER_AGENT];

const ARTICLE = 'https://news.example/politics/budget-vote';

type Answer = { method: string; path: string; body: unknown };

/** Every place in one answer that gives private data away, as readable paths. */
function leaks(answer: Answer): string[] {
  const found: string[] = [];
  const editTokenAllowed = answer.method === 'POST' || answer.method === 'PATCH';
  // A 400's `fields` map is keyed by the form's field names ({"fields":{"email":"Please enter a valid
  // email address."}}, as DESIGN.md specifies): there "email" names the input, it holds no address.
  // Its values, the messages, are still searched for private values.
  const fieldMap = isFormError(answer.body) ? answer.body.fields : undefined;
  const walk = (value: unknown, path: string, depth: number, namesFormFields = false): void => {
    if (typeof value === 'string') {
      const lower = value.toLowerCase();
      for (const secret of PRIVATE_VALUES) if (lower.includes(secret.toLowerCase())) found.push(`${path} contains "${secret}"`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (PRIVATE_KEYS_SQUASHED.has(squash(key)) && !namesFormFields) found.push(`${at} is a private key`);
      if (key === 'editToken' && !(editTokenAllowed && depth === 0)) found.push(`${at}: editToken below the top level or outside a POST/PATCH answer`);
      for (const secret of PRIVATE_VALUES) if (key.toLowerCase().includes(secret.toLowerCase())) found.push(`${at} names "${secret}"`);
      walk(child, at, depth + 1, depth === 0 && key === 'fields' && child === fieldMap);
    }
  };
  walk(answer.body, `${answer.method} ${answer.path}`, 0);
  return found;
}

function isFormError(body: unknown): body is { statusCode: 400; fields: Record<string, unknown> } {
  const candidate = body as { statusCode?: unknown; fields?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.statusCode === 400 &&
    typeof candidate.fields === 'object' &&
    candidate.fields !== null &&
    !Array.isArray(candidate.fields)
  );
}

describe('private data stays private', () => {
  let kolom: TestKolom;
  let site: Site;
  let floodSite: Site;
  /** Every request from the same browser, on the same network. */
  let browser: Reader;
  let admin: Moderator;

  beforeAll(async () => {
    // One trusted proxy hop: the X-Forwarded-For address is the reader's IP that Kolom stores.
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite();
    floodSite = await kolom.createSite({ floodSeconds: 15 });
    browser = readerOf(kolom, { headers: HEADERS });
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  it('the leak finder itself spots every kind of leak it looks for', () => {
    const planted: Answer = {
      method: 'GET',
      path: '/planted',
      body: {
        comments: [
          { author: { name: 'Ayu', email: 'x' }, replies: [{ authorEmail: 'x', ip: 'x', userAgent: 'x', spamScore: 1, spamReasons: [], classifierP: 0.4 }] },
          { editTokenHash: 'x', idempotencyKey: 'x', editToken: 'x', user_agent: 'x' },
        ],
        note: `written by ${EMAILS.ayu.toUpperCase()} from ${FORWARDED_IP}`,
      },
    };
    const found = leaks(planted);
    for (const key of [...PRIVATE_KEYS, 'editToken', 'user_agent']) expect(found.some((f) => f.includes(`.${key}`))).toBe(true);
    expect(found.some((f) => f.includes(EMAILS.ayu))).toBe(true);
    expect(found.some((f) => f.includes(FORWARDED_IP))).toBe(true);
    expect(leaks({ method: 'POST', path: '/ok', body: { editToken: 'abc', comment: { id: 1 } } })).toEqual([]);
    // A 400 names the email field, but must not repeat the address in its message.
    const formError = {
      statusCode: 400,
      error: 'Bad Request',
      message: ['Please enter a valid email address.'],
      fields: { email: 'Please enter a valid email address.' },
    };
    expect(leaks({ method: 'POST', path: '/ok', body: formError })).toEqual([]);
    expect(leaks({ method: 'POST', path: '/echo', body: { ...formError, fields: { email: `${EMAILS.ayu} is not valid` } } })).not.toEqual([]);
    expect(leaks({ method: 'POST', path: '/nested', body: { ...formError, detail: { fields: { email: 'x' } } } })).not.toEqual([]);
  });

  it("the stored comment keeps the reader's email, IP and user agent for moderators", async () => {
    const posted = expectStatus(await browser.send(commentForm(site, { email: EMAILS.dewa, name: 'Dewa', url: 'https://news.example/stored-row' })), 201);
    const [row] = await kolom.dataSource.query('SELECT author_email, host(ip) AS ip, user_agent, edit_token_hash FROM comments WHERE id = $1', [
      posted.body.comment.id,
    ]);
    expect(row.author_email).toBe(EMAILS.dewa);
    expect(row.ip).toBe(FORWARDED_IP);
    expect(row.user_agent).toBe(USER_AGENT);
    expect(typeof row.edit_token_hash).toBe('string');
    expect(row.edit_token_hash).not.toBe(posted.body.editToken);
    expect(leaks({ method: 'POST', path: '/api/v1/comments', body: posted.body })).toEqual([]);
  });

  it('no public answer (threads, posts, edits, replays, errors, live events) carries an email, IP, user agent, spam data or token hash', async () => {
    // A reader follows the article live the whole time; its events and acks are walked too.
    const reader: LiveClient = await connectLive(kolom.baseUrl, { origin: 'https://news.example' });
    const acks: Answer[] = [];
    const join = async (payload: Record<string, unknown>) => acks.push({ method: 'EVENT', path: 'join ack', body: await reader.join(payload) });
    await join({ site: site.slug, url: ARTICLE });
    await join({ site: site.slug, url: 'https://elsewhere.example/story' });
    // A conversation three levels deep, by three readers.
    const ayu = expectStatus(
      await browser.send(commentForm(site, { name: 'Ayu', email: EMAILS.ayu, website: 'ayu.example.org', body: 'Top-level remark.' })),
      201,
    );
    const budi = expectStatus(
      await browser.send(commentForm(site, { name: 'Budi', email: EMAILS.budi, parentId: ayu.body.comment.id, body: 'A reply to Ayu.' })),
      201,
    );
    const key = randomUUID();
    const citraForm = commentForm(site, { name: 'Citra', email: EMAILS.citra, parentId: budi.body.comment.id, body: 'A reply to Budi.', idempotencyKey: key });
    const citra = expectStatus(await browser.send(citraForm), 201);
    // The same submission again: an idempotent replay.
    const replay = expectStatus(await browser.send(citraForm), 201);
    expect(replay.body.comment.id).toBe(citra.body.comment.id);

    // The author edits their comment.
    const edited = expectStatus(await browser.edit(ayu.body.comment.id, { body: 'Top-level remark, corrected.' }, ayu.body.editToken), 200);
    expect(typeof edited.body.editToken).toBe('string');

    // The thread, replies nested.
    const listed = expectStatus(await browser.open(site, ARTICLE), 200);
    expect(listed.body.comments[0].replies[0].replies[0].id).toBe(citra.body.comment.id);

    // A held comment's answer.
    const heldSite = await kolom.createSite({ premoderation: 'all' });
    const held = expectStatus(await browser.send(commentForm(heldSite, { name: 'Ayu', email: EMAILS.ayu })), 201);
    expect(held.body.status).toBe('pending');
    await join({ site: heldSite.slug, url: ARTICLE, own: [{ id: held.body.comment.id, editToken: held.body.editToken }] });

    // Errors: 400, 403 (closed article and reply to a held comment), 404, 409, 422, 429.
    expectStatus(await browser.send(commentForm(site, { name: 'Ayu', email: MALFORMED_EMAIL })), 400);
    expectStatus(await browser.send(commentForm(site, { name: 'Ayu', email: `${'a'.repeat(64)}@${'b'.repeat(40)}.org` })), 400);
    expectStatus(await browser.send(commentForm(heldSite, { name: 'Budi', email: EMAILS.budi, parentId: held.body.comment.id })), 403);
    await admin.closeArticle(await admin.articleAt(site, 'https://news.example/closed-story'));
    expectStatus(await browser.send(commentForm(site, { name: 'Ayu', email: EMAILS.ayu, url: 'https://news.example/closed-story' })), 403);
    expectStatus(await browser.send(commentForm(site, { name: 'Budi', email: EMAILS.budi, parentId: ayu.body.comment.id, body: 'A reply to Ayu.' })), 409);
    expectStatus(await browser.send({ ...citraForm, body: 'Another text under the same key.' }), 422);
    expectStatus(await browser.send(commentForm(floodSite, { name: 'Ayu', email: EMAILS.ayu })), 201);
    expectStatus(await browser.send(commentForm(floodSite, { name: 'Ayu', email: EMAILS.ayu })), 429);
    expectStatus(await browser.send(commentForm(floodSite, { name: 'Budi', email: EMAILS.budi })), 429);
    expectStatus(await browser.edit(987654321, { body: 'No such comment.' }, 'x'), 403);
    expectStatus(await browser.send(commentForm(site, { site: 'no-such-site', name: 'Ayu', email: EMAILS.ayu })), 404);
    expectStatus(await browser.edit(budi.body.comment.id, { body: 'Not my comment.' }, ayu.body.editToken), 403);

    // The author removes their comment; the thread still shows the conversation under it.
    expectStatus(await browser.delete(budi.body.comment.id, budi.body.editToken), 204);
    expectStatus(await browser.open(site, ARTICLE), 200);
    await reader.waitFor((e) => e.name === 'comment.removed' && e.payload.id === budi.body.comment.id);
    reader.close();
    const events: Answer[] = reader.events.map((e) => ({ method: 'EVENT', path: e.name, body: e.payload }));
    expect(events.map((e) => e.path)).toEqual(
      expect.arrayContaining(['comment.created', 'comment.updated', 'comment.removed', 'comment.held', 'article.stats']),
    );
    expect([...events, ...acks].flatMap(leaks)).toEqual([]);

    // Every JSON answer this app gave, the ones above and any earlier ones, walked to the leaves.
    const answers = kolom.answers;
    const statuses = new Set(answers.map((a) => (a.body as { statusCode?: number } | null)?.statusCode).filter(Boolean));
    for (const status of [400, 403, 404, 409, 422, 429]) expect(statuses).toContain(status);
    expect(answers.filter((a) => a.method === 'GET').length).toBeGreaterThanOrEqual(2);
    expect(answers.filter((a) => a.method === 'PATCH' && (a.body as { editToken?: string }).editToken).length).toBe(1);

    const found = answers.flatMap(leaks);
    expect(found).toEqual([]);

    // The private data the walk looked for is really there, in the database.
    const rows: Array<{ author_email: string; ip: string; user_agent: string }> = await kolom.dataSource.query(
      'SELECT author_email, host(ip) AS ip, user_agent FROM comments WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[ayu.body.comment.id, budi.body.comment.id, citra.body.comment.id]],
    );
    expect(rows).toEqual([
      { author_email: EMAILS.ayu, ip: FORWARDED_IP, user_agent: USER_AGENT },
      { author_email: EMAILS.budi, ip: FORWARDED_IP, user_agent: USER_AGENT },
      { author_email: EMAILS.citra, ip: FORWARDED_IP, user_agent: USER_AGENT },
    ]);
  });
});
